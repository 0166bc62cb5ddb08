import { addDays, civilDateOf, endOfCivilDay, weekday, type CivilDate } from './zoned-time';

/** Complaint types with their own IDR timeframe (RG 271 Table 2 and RG 271.76–99). */
export const COMPLAINT_TYPES = [
  'standard',
  'superannuation_trustee',
  'traditional_trustee',
  'credit_default_notice',
  'hardship',
] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/** Calendar days to the IDR response, day of receipt excluded (RG 271.56 Note, Acts Interpretation Act s36). */
export const IDR_RESPONSE_DAYS: Record<ComplaintType, number> = {
  standard: 30,
  superannuation_trustee: 45,
  traditional_trustee: 45,
  credit_default_notice: 21,
  hardship: 21,
};

export interface BusinessCalendar {
  timeZone: string;
  isPublicHoliday(date: CivilDate): boolean;
}

export function isBusinessDay(date: CivilDate, calendar: BusinessCalendar): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !calendar.isPublicHoliday(date);
}

export function nextBusinessDay(date: CivilDate, calendar: BusinessCalendar): CivilDate {
  let d = addDays(date, 1);
  while (!isBusinessDay(d, calendar)) d = addDays(d, 1);
  return d;
}

/** The IDR response is due at the end of the Nth calendar day after the day of receipt. */
export function idrResponseDue(receivedAt: Date, type: ComplaintType, calendar: BusinessCalendar): Date {
  const received = civilDateOf(receivedAt, calendar.timeZone);
  return endOfCivilDay(addDays(received, IDR_RESPONSE_DAYS[type]), calendar.timeZone);
}

/**
 * Acknowledgement: "within 24 hours or one business day" (RG 271.51). Our
 * default is the later of the two, so a Friday-evening complaint is due by
 * the end of Monday rather than Saturday evening.
 */
export function acknowledgementDue(receivedAt: Date, calendar: BusinessCalendar): Date {
  const dayAfter = new Date(receivedAt.getTime() + 24 * 3600 * 1000);
  const received = civilDateOf(receivedAt, calendar.timeZone);
  const endOfNextBusinessDay = endOfCivilDay(nextBusinessDay(received, calendar), calendar.timeZone);
  return dayAfter > endOfNextBusinessDay ? dayAfter : endOfNextBusinessDay;
}

export interface CaseDeadlines {
  acknowledgeBy: Date;
  respondBy: Date;
}

export function deadlinesFor(receivedAt: Date, type: ComplaintType, calendar: BusinessCalendar): CaseDeadlines {
  return { acknowledgeBy: acknowledgementDue(receivedAt, calendar), respondBy: idrResponseDue(receivedAt, type, calendar) };
}
