import { addBusinessDays, type BusinessCalendar } from './business-days';
import type { ComplaintType } from './idr-deadlines';
import { civilDateOf, endOfCivilDay } from './zoned-time';

/** The business days within which a complaint may be closed without a written IDR response (RG 271.71). */
export const FIVE_DAY_CLOSURE_BUSINESS_DAYS = 5;

/** The end of the 5th business day after receipt (the day of receipt excluded). */
export function fiveDayClosureDeadline(receivedAt: Date, calendar: BusinessCalendar): Date {
  const received = civilDateOf(receivedAt, calendar.timeZone);
  return endOfCivilDay(addBusinessDays(received, FIVE_DAY_CLOSURE_BUSINESS_DAYS, calendar), calendar.timeZone);
}

/** Subjects for which a written response stays required even inside 5 business days (RG 271.75). */
export interface WrittenResponseTriggers {
  /** The complainant asked for a written response. */
  writtenResponseRequested?: boolean;
  declinedInsuranceClaim?: boolean;
  insuranceClaimValue?: boolean;
}

export type FiveDayClosureDecision =
  | { allowed: true; deadline: Date }
  | { allowed: false; code: string; reason: string; deadline: Date };

/**
 * Whether a complaint may be closed now without a written IDR response: by
 * the end of the 5th business day, with the evidence of satisfaction (RG
 * 271.73) or the reason nothing more can be done (RG 271.74) recorded, and
 * never for the subjects of RG 271.75.
 */
export function fiveDayClosure(input: {
  receivedAt: Date;
  closedAt: Date;
  complaintType: ComplaintType;
  triggers: WrittenResponseTriggers;
  /** What shows the complainant is satisfied, or why nothing more can reasonably be done. */
  evidence: string | undefined;
  calendar: BusinessCalendar;
}): FiveDayClosureDecision {
  const deadline = fiveDayClosureDeadline(input.receivedAt, input.calendar);
  const refuse = (code: string, reason: string): FiveDayClosureDecision => ({ allowed: false, code, reason, deadline });
  if (input.closedAt > deadline) {
    return refuse('five_day_window_passed', 'The 5th business day after receipt has passed: a written IDR response is required');
  }
  if (input.triggers.writtenResponseRequested) return refuse('written_response_requested', 'The complainant asked for a written response');
  if (input.complaintType === 'hardship') return refuse('hardship_needs_written_response', 'Hardship complaints need a written IDR response');
  if (input.complaintType === 'superannuation_trustee' || input.complaintType === 'death_benefit') {
    return refuse('trustee_decision_needs_written_response', 'Complaints about a superannuation trustee’s decision need a written IDR response');
  }
  if (input.triggers.declinedInsuranceClaim || input.triggers.insuranceClaimValue) {
    return refuse('insurance_claim_needs_written_response', 'Complaints about a declined insurance claim or its value need a written IDR response');
  }
  if (!input.evidence || input.evidence.trim().length < 3) {
    return refuse('evidence_required', 'Record the evidence that the complainant is satisfied, or why nothing more can be done');
  }
  return { allowed: true, deadline };
}
