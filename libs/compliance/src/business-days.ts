import { addDays, weekday, type CivilDate } from './zoned-time';

/** The firm's zone and its public holidays: what "business day" means where the complaint is handled. */
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

/** The Nth business day after `date` (the day itself excluded, like every RG 271 count). */
export function addBusinessDays(date: CivilDate, days: number, calendar: BusinessCalendar): CivilDate {
  let d = date;
  for (let i = 0; i < days; i++) d = nextBusinessDay(d, calendar);
  return d;
}

/** `date` itself when it is a business day, else the next one. */
export function onOrNextBusinessDay(date: CivilDate, calendar: BusinessCalendar): CivilDate {
  return isBusinessDay(date, calendar) ? date : nextBusinessDay(date, calendar);
}
