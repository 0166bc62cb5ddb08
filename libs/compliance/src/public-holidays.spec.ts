import { addBusinessDays, type BusinessCalendar } from './business-days';
import { fiveDayClosureDeadline } from './five-day-closure';
import { HOLIDAY_REGIONS, holidaysFor, parseHolidayRegion, publicHolidayPredicate } from './public-holidays';
import { civilDateOf, formatCivilDate } from './zoned-time';

describe('public holidays computed by rule, any year (business days for RG 271.71 and .51)', () => {
  it('knows the national days in every Australian state and territory, in any year', () => {
    for (const year of [2025, 2031, 2047]) {
      for (const region of HOLIDAY_REGIONS.filter((r) => !r.startsWith('GB-'))) {
        const days = holidaysFor(region).inYear(year).map((d) => d.date);
        expect(days).toEqual(expect.arrayContaining([`${year}-01-01`, `${year}-04-25`, `${year}-12-25`]));
        expect(days.length).toBeGreaterThanOrEqual(9);
      }
    }
  });
  it('knows Easter, the states’ own days and substitute days', () => {
    const nsw = holidaysFor('NSW');
    expect(nsw.get('2026-04-03')).toBe('Good Friday');
    expect(nsw.get('2026-04-06')).toBe('Easter Monday');
    expect(nsw.get('2025-10-06')).toBe('Labour Day');
    expect(holidaysFor('VIC').has('2025-11-04')).toBe(true); // Melbourne Cup
    expect(holidaysFor('WA').has('2025-06-02')).toBe(true); // Western Australia Day
    expect(nsw.has('2025-11-04')).toBe(false);
    // Christmas on a Saturday: Monday and Tuesday are the additional days.
    expect(nsw.has('2027-12-27') && nsw.has('2027-12-28')).toBe(true);
    // A bank holiday is not a public holiday (NSW, first Monday of August).
    expect(nsw.has('2031-08-04')).toBe(false);
  });
  it('knows the UK nations: St Andrew’s Day in Scotland only, the summer bank holiday on different Mondays', () => {
    expect(holidaysFor('GB-SCT').has('2031-12-01')).toBe(true); // 30 Nov 2031 is a Sunday: substitute Monday
    expect(holidaysFor('GB-ENG').has('2031-12-01')).toBe(false);
    expect(holidaysFor('GB-SCT').has('2031-08-04')).toBe(true);
    expect(holidaysFor('GB-ENG').has('2031-08-25')).toBe(true);
    expect(holidaysFor('GB-NIR').has('2031-03-17')).toBe(true); // St Patrick's Day
    expect(holidaysFor('GB-WLS').has('2031-04-14')).toBe(true); // Easter Monday
  });
  it('counts 5 business days across Easter 2031 in NSW (a year no shipped list covered)', () => {
    const calendar: BusinessCalendar = { timeZone: 'Australia/Sydney', isPublicHoliday: publicHolidayPredicate(holidaysFor('NSW')) };
    // Received Thu 10 Apr 2031; Fri 11 (Good Friday) and Mon 14 (Easter Monday) are holidays → Tue 15 … Fri 18 … day 5 is Mon 21 Apr.
    const received = new Date('2031-04-10T01:00:00Z');
    expect(formatCivilDate(civilDateOf(fiveDayClosureDeadline(received, calendar), calendar.timeZone))).toBe('2031-04-21');
    const withoutHolidays: BusinessCalendar = { timeZone: 'Australia/Sydney', isPublicHoliday: () => false };
    expect(formatCivilDate(addBusinessDays({ year: 2031, month: 4, day: 10 }, 5, withoutHolidays))).toBe('2031-04-17');
  });
  it('applies admins’ overrides: added days and removed ones, national or per region', () => {
    const days = holidaysFor('NSW', [
      { date: '2026-03-02', jurisdiction: 'NSW', action: 'add', name: 'Special holiday' },
      { date: '2026-12-26', jurisdiction: 'NATIONAL', action: 'remove', name: 'not this year' },
      { date: '2026-03-03', jurisdiction: 'VIC', action: 'add', name: 'only Victoria' },
    ]);
    expect(days.get('2026-03-02')).toBe('Special holiday');
    expect(days.has('2026-12-26')).toBe(false);
    expect(days.has('2026-03-03')).toBe(false);
    expect(days.inYear(2026)).toContainEqual({ date: '2026-03-02', name: 'Special holiday' });
  });
  it('reads the region setting in either form', () => {
    expect(parseHolidayRegion('nsw')).toBe('NSW');
    expect(parseHolidayRegion('AU-VIC')).toBe('VIC');
    expect(parseHolidayRegion('gb-sct')).toBe('GB-SCT');
    expect(parseHolidayRegion('Texas')).toBeNull();
  });
  it('puts Good Friday and Easter Monday where the Easter computus does, in every state and year', () => {
    for (let year = 2024; year <= 2045; year++) {
      const easter = easterSunday(year);
      const shift = (days: number) => new Date(easter.getTime() + days * 86_400_000).toISOString().slice(0, 10);
      for (const region of HOLIDAY_REGIONS.filter((r) => !r.startsWith('GB-') || r === 'GB-ENG')) {
        const days = holidaysFor(region);
        expect({ year, region, goodFriday: days.has(shift(-2)), easterMonday: days.has(shift(1)) }).toEqual({
          year,
          region,
          goodFriday: true,
          easterMonday: true,
        });
      }
    }
  });
});

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus), independent of the data file. */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}
