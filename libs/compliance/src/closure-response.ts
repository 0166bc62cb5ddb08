import { NO_RESPONSE_REASONS, type ClosureState, type NoResponseReason } from '@inbox/contracts';

/**
 * Whether closing a complaint sends the written IDR response. A complaint
 * withdrawn, or taken to AFCA before we answered, is still owed the IDR
 * response (RG 271.53 Note 3, 271.56: AFCA generally refers it back for the
 * firm to finish IDR): the response is sent unless a documented reason says
 * none is required, and that reason is kept with the resolution.
 */
export { NO_RESPONSE_REASONS, type NoResponseReason };

/** Which closure states may use each reason. */
const REASON_FITS: Record<NoResponseReason, readonly ClosureState[]> = {
  withdrawn_by_complainant: ['withdrawn'],
  resolved_at_afca: ['escalated_afca'],
  other: ['withdrawn', 'escalated_afca'],
};

/** The least a documented reason says, so "n/a" is not a record. */
export const NO_RESPONSE_NOTE_MIN_LENGTH = 15;

export interface NoResponseRecord {
  reason: NoResponseReason;
  note: string;
}

export type ClosureResponse =
  | { send: true; paragraphs: string }
  | { send: false; paragraphs: string; record: NoResponseRecord | null }
  | { refused: true; code: string; message: string };

export function isNoResponseReason(value: unknown): value is NoResponseReason {
  return typeof value === 'string' && (NO_RESPONSE_REASONS as readonly string[]).includes(value);
}

export function closureResponse(closureState: ClosureState, noResponse?: { reason?: string; note?: string } | null): ClosureResponse {
  switch (closureState) {
    case 'resolved':
    case 'unresolved':
      if (noResponse) return { refused: true, code: 'idr_response_required', message: 'A resolved or unresolved complaint always gets the written IDR response (RG 271.53–55)' };
      return { send: true, paragraphs: 'RG 271.53–55' };
    case 'closed_within_5_days':
      // Whether the 5-day closure is allowed at all is fiveDayClosure's decision (RG 271.71–75).
      return { send: false, paragraphs: 'RG 271.71', record: null };
    case 'withdrawn':
    case 'escalated_afca': {
      if (!noResponse) return { send: true, paragraphs: 'RG 271.53 Note 3, 271.56' };
      if (!isNoResponseReason(noResponse.reason) || !REASON_FITS[noResponse.reason].includes(closureState)) {
        const fitting = NO_RESPONSE_REASONS.filter((r) => REASON_FITS[r].includes(closureState)).join(' or ');
        return { refused: true, code: 'invalid_no_response_reason', message: `A ${closureState} complaint may skip the IDR response only for: ${fitting}` };
      }
      const note = (noResponse.note ?? '').trim();
      if (note.length < NO_RESPONSE_NOTE_MIN_LENGTH) {
        return { refused: true, code: 'no_response_reason_undocumented', message: `Document why no IDR response is required (at least ${NO_RESPONSE_NOTE_MIN_LENGTH} characters); it is kept with the resolution` };
      }
      return { send: false, paragraphs: 'RG 271.53 Note 3, 271.56', record: { reason: noResponse.reason, note } };
    }
    default: {
      const unknown: never = closureState;
      throw new Error(`unknown closure state ${String(unknown)}`);
    }
  }
}
