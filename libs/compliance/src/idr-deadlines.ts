import { nextBusinessDay, onOrNextBusinessDay, type BusinessCalendar } from './business-days';
import { addDays, civilDateOf, endOfCivilDay, formatCivilDate, type CivilDate } from './zoned-time';

export { isBusinessDay, nextBusinessDay, type BusinessCalendar } from './business-days';

/** Complaint types with their own IDR timeframe (RG 271 Table 2 and RG 271.76–99). */
export const COMPLAINT_TYPES = [
  'standard',
  'superannuation_trustee',
  'traditional_trustee',
  'death_benefit',
  'credit_default_notice',
  'hardship',
] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

export function isComplaintType(value: unknown): value is ComplaintType {
  return typeof value === 'string' && (COMPLAINT_TYPES as readonly string[]).includes(value);
}

/** Calendar days to the IDR response, day of receipt excluded (RG 271.56 Note, Acts Interpretation Act s36). */
export const IDR_RESPONSE_DAYS: Record<ComplaintType, number> = {
  standard: 30,
  superannuation_trustee: 45,
  traditional_trustee: 45,
  // Counted from the end of the objection period, not from receipt (RG 271.80–85).
  death_benefit: 90,
  credit_default_notice: 21,
  hardship: 21,
};

/** The objection period a trustee's death-benefit proposal opens (RG 271.82). */
export const DEATH_BENEFIT_OBJECTION_DAYS = 28;

/** Hardship: the wait for requested information, and the days after it that the response is then due (RG 271 Table 2, 271.93). */
export const HARDSHIP_INFORMATION_WAIT_DAYS = 21;
export const HARDSHIP_NO_INFORMATION_EXTRA_DAYS = 7;

/** A hardship agreement is confirmed to the customer in writing within this many days (RG 271.99). */
export const HARDSHIP_AGREEMENT_CONFIRMATION_DAYS = 30;

export const ACKNOWLEDGEMENT_RULES = ['later_of_24h_and_next_business_day', '24_hours', 'next_business_day'] as const;
export type AcknowledgementRule = (typeof ACKNOWLEDGEMENT_RULES)[number];

/**
 * Choices the firm makes: whether a deadline falling on a weekend or public
 * holiday rolls to the next business day, and how "24 hours or one business
 * day" is read. Roll-over is the default: RG 271.56 Note counts days under
 * the Acts Interpretation Act 1901 s36, and s36(2) moves the last day of a
 * period that falls on a Saturday, Sunday or holiday to the next day that is
 * none of those. The strict setting (never roll) stays for firms that want
 * the earlier date.
 */
export interface DeadlinePolicy {
  rollToBusinessDay: boolean;
  acknowledgement: AcknowledgementRule;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  rollToBusinessDay: true,
  acknowledgement: 'later_of_24h_and_next_business_day',
};

/** Facts some complaint types need beyond the time of receipt. */
export interface DeadlineFacts {
  /** Death benefit: when the trustee gave notice of the proposed distribution (starts the 28-day objection period). */
  deathBenefitNoticeAt?: Date;
  /** Hardship: when we asked for missing information, and when (if) it arrived. */
  informationRequestedAt?: Date;
  informationReceivedAt?: Date;
}

/** What the count ran from, named in the deadline shown to staff. */
export type DeadlineBasis =
  | 'received'
  | 'death_benefit_notice'
  | 'death_benefit_notice_unknown'
  | 'hardship_information_received'
  | 'hardship_information_not_received'
  | 'hardship_agreement';

/** An IDR deadline with how it was reached: what it counts from, how many days, and whether it rolled. */
export interface IdrDeadline {
  dueAt: Date;
  basis: DeadlineBasis;
  /** The RG 271 paragraphs the count follows. */
  paragraphs: string;
  /** The day the count runs from (excluded), YYYY-MM-DD in the firm's zone. */
  countedFrom: string;
  days: number;
  /** The day the count lands on, before any roll-over. */
  countedTo: string;
  /** The day it is due: countedTo, or the next business day when the policy rolls and countedTo is not one. */
  dueDate: string;
  /** `rolled_to_business_day` (Acts Interpretation Act s36(2)) or `strict_calendar_day`. */
  rule: 'rolled_to_business_day' | 'strict_calendar_day';
  rolled: boolean;
}

function deadlineOn(
  from: CivilDate,
  days: number,
  basis: DeadlineBasis,
  paragraphs: string,
  calendar: BusinessCalendar,
  policy: DeadlinePolicy,
): IdrDeadline {
  const counted = addDays(from, days);
  const due = policy.rollToBusinessDay ? onOrNextBusinessDay(counted, calendar) : counted;
  const dueDate = formatCivilDate(due);
  return {
    dueAt: endOfCivilDay(due, calendar.timeZone),
    basis,
    paragraphs,
    countedFrom: formatCivilDate(from),
    days,
    countedTo: formatCivilDate(counted),
    dueDate,
    rule: policy.rollToBusinessDay ? 'rolled_to_business_day' : 'strict_calendar_day',
    rolled: dueDate !== formatCivilDate(counted),
  };
}

/**
 * The IDR response deadline: the end of the Nth calendar day after the day
 * the count starts (that day excluded, RG 271.56 Note), rolled to the next
 * business day unless the policy is strict.
 * - Most types: from receipt (RG 271 Table 2).
 * - Death benefit: 90 days after the 28-day objection period that the
 *   trustee's notice starts (RG 271.80–85). Without the notice date we use
 *   the earliest date the rule can give — an objection comes at most 28 days
 *   after the notice, so receipt + 90 — never a later one.
 * - Hardship with information requested (RG 271 Table 2, 271.93): 21 days
 *   after it arrives if it arrives within the 21-day wait; otherwise (late or
 *   never) 7 days after the wait ends.
 */
export function idrResponseDeadline(
  receivedAt: Date,
  type: ComplaintType,
  calendar: BusinessCalendar,
  facts: DeadlineFacts = {},
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): IdrDeadline {
  const local = (d: Date) => civilDateOf(d, calendar.timeZone);
  if (type === 'death_benefit') {
    if (facts.deathBenefitNoticeAt) {
      const objectionEnds = addDays(local(facts.deathBenefitNoticeAt), DEATH_BENEFIT_OBJECTION_DAYS);
      return deadlineOn(objectionEnds, IDR_RESPONSE_DAYS.death_benefit, 'death_benefit_notice', 'RG 271.80–85', calendar, policy);
    }
    return deadlineOn(local(receivedAt), IDR_RESPONSE_DAYS.death_benefit, 'death_benefit_notice_unknown', 'RG 271.80–85', calendar, policy);
  }
  if (type === 'hardship' && facts.informationRequestedAt) {
    const requested = local(facts.informationRequestedAt);
    const waitEnds = addDays(requested, HARDSHIP_INFORMATION_WAIT_DAYS);
    const arrived = facts.informationReceivedAt ? local(facts.informationReceivedAt) : null;
    if (arrived && formatCivilDate(arrived) <= formatCivilDate(waitEnds)) {
      return deadlineOn(arrived, IDR_RESPONSE_DAYS.hardship, 'hardship_information_received', 'RG 271 Table 2, 271.93', calendar, policy);
    }
    return deadlineOn(waitEnds, HARDSHIP_NO_INFORMATION_EXTRA_DAYS, 'hardship_information_not_received', 'RG 271 Table 2, 271.93', calendar, policy);
  }
  const paragraphs: Record<ComplaintType, string> = {
    standard: 'RG 271.56, Table 2',
    superannuation_trustee: 'RG 271.79, Table 2',
    traditional_trustee: 'RG 271.76–78, Table 2',
    death_benefit: 'RG 271.80–85',
    credit_default_notice: 'RG 271.86, Table 2',
    hardship: 'RG 271.92, Table 2',
  };
  return deadlineOn(local(receivedAt), IDR_RESPONSE_DAYS[type], 'received', paragraphs[type], calendar, policy);
}

export function idrResponseDue(
  receivedAt: Date,
  type: ComplaintType,
  calendar: BusinessCalendar,
  facts: DeadlineFacts = {},
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Date {
  return idrResponseDeadline(receivedAt, type, calendar, facts, policy).dueAt;
}

/** A hardship agreement must be confirmed to the customer in writing within 30 days of being reached (RG 271.99). */
export function hardshipAgreementConfirmationDue(agreedAt: Date, calendar: BusinessCalendar, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): IdrDeadline {
  return deadlineOn(civilDateOf(agreedAt, calendar.timeZone), HARDSHIP_AGREEMENT_CONFIRMATION_DAYS, 'hardship_agreement', 'RG 271.99', calendar, policy);
}

/**
 * Acknowledgement: "within 24 hours or one business day" (RG 271.51). Our
 * default is the later of the two, so a Friday-evening complaint is due by
 * the end of Monday rather than Saturday evening.
 */
export function acknowledgementDue(
  receivedAt: Date,
  calendar: BusinessCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Date {
  const dayAfter = new Date(receivedAt.getTime() + 24 * 3600 * 1000);
  const received = civilDateOf(receivedAt, calendar.timeZone);
  const endOfNextBusinessDay = endOfCivilDay(nextBusinessDay(received, calendar), calendar.timeZone);
  switch (policy.acknowledgement) {
    case '24_hours':
      return dayAfter;
    case 'next_business_day':
      return endOfNextBusinessDay;
    case 'later_of_24h_and_next_business_day':
      return dayAfter > endOfNextBusinessDay ? dayAfter : endOfNextBusinessDay;
    default: {
      const unknown: never = policy.acknowledgement;
      throw new Error(`unknown acknowledgement rule ${String(unknown)}`);
    }
  }
}

export interface CaseDeadlines {
  acknowledgeBy: Date;
  respondBy: Date;
}

export function deadlinesFor(
  receivedAt: Date,
  type: ComplaintType,
  calendar: BusinessCalendar,
  facts: DeadlineFacts = {},
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): CaseDeadlines {
  return {
    acknowledgeBy: acknowledgementDue(receivedAt, calendar, policy),
    respondBy: idrResponseDue(receivedAt, type, calendar, facts, policy),
  };
}
