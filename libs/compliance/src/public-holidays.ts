import Holidays from 'date-holidays';
import { formatCivilDate, type CivilDate } from './zoned-time';

/**
 * Public holidays from a maintained rules library (`date-holidays`: fixed
 * dates, nth-weekday rules, Easter, substitute days), for any year, so a
 * business-day count never silently loses its holidays once a shipped list
 * runs out. Admins' overrides (a newly gazetted day, a day taken out) apply
 * on top.
 */

/** The regions whose business days we can count: every Australian state and territory, and the UK nations. */
export const HOLIDAY_REGIONS = ['NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'ACT', 'NT', 'GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR'] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

/** Where an override applies: the region's whole country, or one region. */
export const JURISDICTIONS = ['NATIONAL', ...HOLIDAY_REGIONS] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
/** Kept for callers that name a region a state. */
export type StateJurisdiction = HolidayRegion;

export function isHolidayRegion(value: unknown): value is HolidayRegion {
  return typeof value === 'string' && (HOLIDAY_REGIONS as readonly string[]).includes(value);
}
export const isStateJurisdiction = isHolidayRegion;

/** Accepts `NSW`, `AU-NSW`, `gb-sct`: the region, or null when it is not one we know. */
export function parseHolidayRegion(value: string): HolidayRegion | null {
  const upper = value.trim().toUpperCase().replace(/^AU-/, '');
  return isHolidayRegion(upper) ? upper : null;
}

function countryAndState(region: HolidayRegion): [string, string] {
  return region.startsWith('GB-') ? ['GB', region.slice(3)] : ['AU', region];
}

/**
 * An admin's correction to the computed calendar: `add` makes a day a holiday
 * in that jurisdiction (a newly gazetted day), `remove` takes a computed one out.
 */
export interface HolidayOverride {
  date: string;
  jurisdiction: Jurisdiction;
  action: 'add' | 'remove';
  name: string;
}

/** Where the computed days come from, shown beside the calendar in force. */
export const HOLIDAY_RULES_SOURCE = 'date-holidays (public holidays)';

/** The public holidays of one region, computed per year on first use and kept. */
export class PublicHolidayCalendar {
  private readonly years = new Map<number, Map<string, string>>();
  private readonly rules: Holidays;

  constructor(
    readonly region: HolidayRegion,
    private readonly overrides: readonly HolidayOverride[] = [],
  ) {
    const [country, state] = countryAndState(region);
    this.rules = new Holidays(country, state);
  }

  private year(year: number): Map<string, string> {
    let days = this.years.get(year);
    if (days) return days;
    days = new Map();
    // Only days the law closes: "bank" and "observance" days (e.g. the NSW Bank Holiday, Mother's Day) are not public holidays.
    for (const h of this.rules.getHolidays(year) || []) if (h.type === 'public') days.set(h.date.slice(0, 10), h.name);
    const applies = (j: Jurisdiction) => j === 'NATIONAL' || j === this.region;
    const inYear = (o: HolidayOverride) => o.date.startsWith(`${year}-`) && applies(o.jurisdiction);
    // Removals first, then additions: an admin who removes and re-adds a day ends with it added.
    for (const o of this.overrides) if (o.action === 'remove' && inYear(o)) days.delete(o.date);
    for (const o of this.overrides) if (o.action === 'add' && inYear(o)) days.set(o.date, o.name);
    this.years.set(year, days);
    return days;
  }

  /** The holiday's name on that day (YYYY-MM-DD), if it is one. */
  get(date: string): string | undefined {
    return this.year(Number(date.slice(0, 4))).get(date);
  }

  has(date: string): boolean {
    return this.get(date) !== undefined;
  }

  inYear(year: number): Array<{ date: string; name: string }> {
    return [...this.year(year).entries()].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  }
}

/** The public holidays of a region after the admins' overrides (for the region or its whole country). */
export function holidaysFor(region: HolidayRegion, overrides: readonly HolidayOverride[] = []): PublicHolidayCalendar {
  return new PublicHolidayCalendar(region, overrides);
}

/** A predicate for BusinessCalendar.isPublicHoliday. */
export function publicHolidayPredicate(days: Pick<PublicHolidayCalendar, 'has'>): (date: CivilDate) => boolean {
  return (date) => days.has(formatCivilDate(date));
}
