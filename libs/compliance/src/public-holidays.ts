import shipped from './data/au-public-holidays.json';
import { formatCivilDate, type CivilDate } from './zoned-time';

/** Where a holiday applies: the whole country, or one state or territory. */
export const JURISDICTIONS = ['NATIONAL', 'NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'ACT', 'NT'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export type StateJurisdiction = Exclude<Jurisdiction, 'NATIONAL'>;

export function isStateJurisdiction(value: unknown): value is StateJurisdiction {
  return typeof value === 'string' && value !== 'NATIONAL' && (JURISDICTIONS as readonly string[]).includes(value);
}

export interface PublicHoliday {
  /** YYYY-MM-DD, the civil date in the state. */
  date: string;
  name: string;
  jurisdictions: Jurisdiction[];
}

/**
 * An admin's correction to the shipped calendar: `add` makes a day a holiday
 * in that jurisdiction (a newly gazetted day), `remove` takes a shipped one out.
 */
export interface HolidayOverride {
  date: string;
  jurisdiction: Jurisdiction;
  action: 'add' | 'remove';
  name: string;
}

/** The calendar that ships with the code (a data file, versioned). */
export const SHIPPED_HOLIDAYS: { version: string; holidays: PublicHoliday[] } = {
  version: shipped.version,
  holidays: shipped.holidays as PublicHoliday[],
};

/**
 * The public holidays of one state: the national days and the state's own,
 * after the admins' overrides (for either the state or the whole country).
 */
export function holidaysFor(
  state: StateJurisdiction,
  overrides: readonly HolidayOverride[] = [],
  holidays: readonly PublicHoliday[] = SHIPPED_HOLIDAYS.holidays,
): Map<string, string> {
  const applies = (j: Jurisdiction) => j === 'NATIONAL' || j === state;
  const days = new Map<string, string>();
  for (const h of holidays) if (h.jurisdictions.some(applies)) days.set(h.date, h.name);
  // Removals first, then additions: an admin who removes and re-adds a day ends with it added.
  for (const o of overrides) if (o.action === 'remove' && applies(o.jurisdiction)) days.delete(o.date);
  for (const o of overrides) if (o.action === 'add' && applies(o.jurisdiction)) days.set(o.date, o.name);
  return days;
}

/** A predicate for BusinessCalendar.isPublicHoliday. */
export function publicHolidayPredicate(days: ReadonlyMap<string, string>): (date: CivilDate) => boolean {
  return (date) => days.has(formatCivilDate(date));
}
