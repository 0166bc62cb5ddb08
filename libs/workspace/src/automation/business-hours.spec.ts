import { holidaysFor, publicHolidayPredicate, type BusinessCalendar } from '@inbox/compliance';
import type { WeeklyHours } from '@inbox/contracts';
import { addBusinessHours, endOfBusinessDays, isWithinBusinessHours, nextOpening, weeklyHoursOf } from './business-hours';

const sydney: BusinessCalendar = { timeZone: 'Australia/Sydney', isPublicHoliday: publicHolidayPredicate(holidaysFor('NSW')) };
const nineToFive = { open: '09:00', close: '17:00' };
const officeHours: WeeklyHours = { sun: [], mon: [nineToFive], tue: [nineToFive], wed: [nineToFive], thu: [nineToFive], fri: [nineToFive], sat: [] };
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('business hours of a team', () => {
  it('is open 09:00–17:00 local time on a weekday, closed before, at the close and at the weekend', () => {
    // Monday 2 March 2026 in Sydney is UTC+11 (daylight time).
    expect(isWithinBusinessHours(officeHours, sydney, new Date('2026-03-01T22:00:00Z'))).toBe(true); // 09:00
    expect(isWithinBusinessHours(officeHours, sydney, new Date('2026-03-01T21:59:00Z'))).toBe(false); // 08:59
    expect(isWithinBusinessHours(officeHours, sydney, new Date('2026-03-02T05:59:00Z'))).toBe(true); // 16:59
    expect(isWithinBusinessHours(officeHours, sydney, new Date('2026-03-02T06:00:00Z'))).toBe(false); // 17:00
    expect(isWithinBusinessHours(officeHours, sydney, new Date('2026-03-07T01:00:00Z'))).toBe(false); // Saturday 12:00
  });

  it('is closed on a public holiday of the firm’s calendar, and opens again the next business morning', () => {
    // Australia Day, Monday 26 January 2026, 10:00 in Sydney.
    const holiday = new Date('2026-01-25T23:00:00Z');
    expect(isWithinBusinessHours(officeHours, sydney, holiday)).toBe(false);
    expect(iso(nextOpening(officeHours, sydney, holiday))).toBe('2026-01-26T22:00:00.000Z'); // Tuesday 09:00
  });

  it('keeps an admin’s added holiday closed too', () => {
    const withOverride: BusinessCalendar = {
      timeZone: 'Australia/Sydney',
      isPublicHoliday: publicHolidayPredicate(holidaysFor('NSW', [{ date: '2026-03-04', jurisdiction: 'NSW', action: 'add', name: 'Firm day' }])),
    };
    expect(isWithinBusinessHours(officeHours, withOverride, new Date('2026-03-03T23:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(officeHours, sydney, new Date('2026-03-03T23:00:00Z'))).toBe(true);
  });

  it('runs an overnight opening into the next day, and not after a holiday evening', () => {
    const nights: WeeklyHours = { ...officeHours, thu: [{ open: '22:00', close: '06:00' }], fri: [{ open: '22:00', close: '06:00' }] };
    // Friday 6 March 2026, 03:00 in Sydney: inside Thursday night's opening.
    expect(isWithinBusinessHours(nights, sydney, new Date('2026-03-05T16:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(nights, sydney, new Date('2026-03-05T19:30:00Z'))).toBe(false); // 06:30
    // Good Friday, 3 April 2026: its evening opening does not open, so Saturday 03:00 is closed.
    expect(isWithinBusinessHours(nights, sydney, new Date('2026-04-03T16:00:00Z'))).toBe(false);
    // Thursday night 2 April is not a holiday: Good Friday 03:00 is inside it.
    expect(isWithinBusinessHours(nights, sydney, new Date('2026-04-02T16:00:00Z'))).toBe(true);
  });

  it('counts business hours only while open, across the night and the weekend', () => {
    // Friday 6 March 2026, 16:00 Sydney (05:00Z) + 2 business hours = Monday 9 March 10:00.
    expect(iso(addBusinessHours(officeHours, sydney, new Date('2026-03-06T05:00:00Z'), 2))).toBe('2026-03-08T23:00:00.000Z');
    // From a closed moment the count starts at the opening: Saturday + 1 hour = Monday 10:00.
    expect(iso(addBusinessHours(officeHours, sydney, new Date('2026-03-07T01:00:00Z'), 1))).toBe('2026-03-08T23:00:00.000Z');
    // 8 hours from Monday 09:00 ends exactly at Monday's close.
    expect(iso(addBusinessHours(officeHours, sydney, new Date('2026-03-01T22:00:00Z'), 8))).toBe('2026-03-02T06:00:00.000Z');
  });

  it('follows the clocks when daylight saving starts and ends', () => {
    const sundays: WeeklyHours = { ...officeHours, sun: [{ open: '01:00', close: '04:00' }] };
    // 4 October 2026: Sydney skips 02:00–03:00, so 01:00–04:00 is two real hours (01:00 AEST = 15:00Z, 04:00 AEDT = 17:00Z).
    expect(isWithinBusinessHours(sundays, sydney, new Date('2026-10-03T15:30:00Z'))).toBe(true);
    expect(iso(addBusinessHours(sundays, sydney, new Date('2026-10-03T15:00:00Z'), 2))).toBe('2026-10-03T17:00:00.000Z');
    // Half an hour more runs into Tuesday 09:30 AEDT (Monday 5 October is Labour Day in NSW).
    expect(iso(addBusinessHours(sundays, sydney, new Date('2026-10-03T15:00:00Z'), 2.5))).toBe('2026-10-05T22:30:00.000Z');
    // 4 April 2027: 02:00–03:00 happens twice, so 01:00–04:00 is four real hours (01:00 AEDT = 14:00Z, 04:00 AEST = 18:00Z).
    expect(iso(addBusinessHours(sundays, sydney, new Date('2027-04-03T14:00:00Z'), 4))).toBe('2027-04-03T18:00:00.000Z');
    expect(isWithinBusinessHours(sundays, sydney, new Date('2027-04-03T17:59:00Z'))).toBe(true);
  });

  it('counts business days to the close of the Nth open day after the day of the start, holidays skipped', () => {
    // Monday 2 March 10:00 + 1 business day = Tuesday 3 March 17:00.
    expect(iso(endOfBusinessDays(officeHours, sydney, new Date('2026-03-01T23:00:00Z'), 1))).toBe('2026-03-03T06:00:00.000Z');
    // Thursday 2 April + 1 = Tuesday 7 April (Good Friday and Easter Monday are holidays); 17:00 AEST = 07:00Z.
    expect(iso(endOfBusinessDays(officeHours, sydney, new Date('2026-04-01T23:00:00Z'), 1))).toBe('2026-04-07T07:00:00.000Z');
  });

  it('has no next opening for a team that never opens', () => {
    const closed = weeklyHoursOf({});
    expect(nextOpening(closed, sydney, new Date('2026-03-02T00:00:00Z'))).toBeNull();
    expect(addBusinessHours(closed, sydney, new Date('2026-03-02T00:00:00Z'), 1)).toBeNull();
  });

  it('refuses hours that are not HH:MM times, naming the day', () => {
    expect(() => weeklyHoursOf({ mon: [{ open: '9', close: '17:00' }] })).toThrow('mon: an opening is two times written HH:MM');
    expect(() => weeklyHoursOf({ tue: [{ open: '24:00', close: '17:00' }] })).toThrow('tue');
    expect(weeklyHoursOf({ wed: [{ open: '00:00', close: '24:00' }] }).wed).toEqual([{ open: '00:00', close: '24:00' }]);
  });
});
