import type { RetentionPeriods } from './retention';

/** Why a record outlives an erasure request. */
export type HoldReason = 'open_complaint' | 'complaint_retention' | 'legal_hold';

export interface CaseFacts {
  id: string;
  reference: string;
  kind: string;
  status: string;
  closedAt: Date | null;
}

export interface HeldCase {
  caseId: string;
  reference: string;
  reasons: HoldReason[];
  /** When the last time-bound reason ends (complaint retention); null while a reason has no end date. */
  heldUntil: Date | null;
}

export interface ErasurePlan {
  erase: string[];
  held: HeldCase[];
  /** The customer's name and addresses stay while any case is held: the firm still has to reach them. */
  customerHeld: boolean;
}

const OPEN = new Set(['new', 'open', 'pending', 'escalated']);

/**
 * Which cases an erasure request may erase now and which are held, and why
 * (docs/personal-data.md): an open complaint is still being handled; a closed
 * complaint is a record the firm keeps for its complaint retention period
 * (RG 271 record keeping); a legal hold an admin placed keeps everything.
 */
export function planErasure(cases: readonly CaseFacts[], input: { legalHold: boolean; periods: RetentionPeriods; now: Date }): ErasurePlan {
  const erase: string[] = [];
  const held: HeldCase[] = [];
  for (const c of cases) {
    const reasons: HoldReason[] = [];
    let heldUntil: Date | null = null;
    if (input.legalHold) reasons.push('legal_hold');
    if (c.kind === 'complaint') {
      if (OPEN.has(c.status) || c.closedAt === null) reasons.push('open_complaint');
      else if (input.periods.complaintYears > 0) {
        const until = new Date(c.closedAt.getTime());
        until.setUTCFullYear(until.getUTCFullYear() + input.periods.complaintYears);
        if (until > input.now) {
          reasons.push('complaint_retention');
          heldUntil = until;
        }
      }
    }
    if (reasons.length === 0) erase.push(c.id);
    else held.push({ caseId: c.id, reference: c.reference, reasons, heldUntil: reasons.some((r) => r !== 'complaint_retention') ? null : heldUntil });
  }
  return { erase, held, customerHeld: held.length > 0 };
}

/** What an agent or the customer reads for each reason. */
export function describeHold(reason: HoldReason): string {
  switch (reason) {
    case 'open_complaint':
      return 'the complaint is still open and must be answered';
    case 'complaint_retention':
      return 'complaint records are kept for the firm\'s retention period';
    case 'legal_hold':
      return 'a legal hold placed by an administrator';
    default: {
      const unknown: never = reason;
      return String(unknown);
    }
  }
}
