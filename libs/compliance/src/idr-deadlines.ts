import { nextBusinessDay, onOrNextBusinessDay, type BusinessCalendar } from './business-days';
import { addDays, civilDateOf, endOfCivilDay, type CivilDate } from './zoned-time';

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

/** Hardship: when information is missing and never arrives, the wait ends this many days after the 21-day request period (RG 271.95). */
export const HARDSHIP_NO_INFORMATION_EXTRA_DAYS = 7;

export const ACKNOWLEDGEMENT_RULES = ['later_of_24h_and_next_business_day', '24_hours', 'next_business_day'] as const;
export type AcknowledgementRule = (typeof ACKNOWLEDGEMENT_RULES)[number];

/**
 * Choices RG 271 leaves to the firm (or that are unverified): whether a
 * deadline falling on a weekend or public holiday rolls to the next business
 * day (default no), and how "24 hours or one business day" is read.
 */
export interface DeadlinePolicy {
  rollToBusinessDay: boolean;
  acknowledgement: AcknowledgementRule;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  rollToBusinessDay: false,
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

function dueOn(day: CivilDate, calendar: BusinessCalendar, policy: DeadlinePolicy): Date {
  const date = policy.rollToBusinessDay ? onOrNextBusinessDay(day, calendar) : day;
  return endOfCivilDay(date, calendar.timeZone);
}

/**
 * The IDR response is due at the end of the Nth calendar day after the day the
 * period starts (that day excluded): receipt for most types, the end of the
 * objection period for death benefits, the arrival of requested information
 * for hardship.
 */
export function idrResponseDue(
  receivedAt: Date,
  type: ComplaintType,
  calendar: BusinessCalendar,
  facts: DeadlineFacts = {},
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Date {
  const local = (d: Date) => civilDateOf(d, calendar.timeZone);
  if (type === 'death_benefit') {
    const objectionEnds = addDays(local(facts.deathBenefitNoticeAt ?? receivedAt), DEATH_BENEFIT_OBJECTION_DAYS);
    return dueOn(addDays(objectionEnds, IDR_RESPONSE_DAYS.death_benefit), calendar, policy);
  }
  if (type === 'hardship' && facts.informationRequestedAt) {
    const days = IDR_RESPONSE_DAYS.hardship;
    const start = facts.informationReceivedAt
      ? addDays(local(facts.informationReceivedAt), days)
      : addDays(local(facts.informationRequestedAt), days + HARDSHIP_NO_INFORMATION_EXTRA_DAYS);
    return dueOn(start, calendar, policy);
  }
  return dueOn(addDays(local(receivedAt), IDR_RESPONSE_DAYS[type]), calendar, policy);
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
