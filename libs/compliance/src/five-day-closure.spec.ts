import type { BusinessCalendar } from './business-days';
import { fiveDayClosure, fiveDayClosureDeadline } from './five-day-closure';
import { holidaysFor, publicHolidayPredicate } from './public-holidays';
import { civilDateOf, formatCivilDate } from './zoned-time';

const calendar = (state: 'NSW' | 'QLD', overrides = [] as Parameters<typeof holidaysFor>[1]): BusinessCalendar => ({
  timeZone: 'Australia/Sydney',
  isPublicHoliday: publicHolidayPredicate(holidaysFor(state, overrides)),
});
const day = (d: Date) => formatCivilDate(civilDateOf(d, 'Australia/Sydney'));
const fri7Jun = new Date('2024-06-07T01:00:00Z'); // 11:00 Fri 7 Jun 2024 in Sydney

describe('closure within 5 business days (worked by hand from RG 271.71–75)', () => {
  it('received Fri 7 Jun 2024 in NSW, Mon 10 Jun a public holiday → day 5 is Mon 17 Jun', () => {
    expect(day(fiveDayClosureDeadline(fri7Jun, calendar('NSW')))).toBe('2024-06-17');
  });
  it('without that holiday (Queensland keeps the King’s Birthday in October) → Fri 14 Jun', () => {
    expect(day(fiveDayClosureDeadline(fri7Jun, calendar('QLD')))).toBe('2024-06-14');
  });
  it('an admin removing the holiday changes the count the same way', () => {
    const edited = calendar('NSW', [{ date: '2024-06-10', jurisdiction: 'NSW', action: 'remove', name: 'moved' }]);
    expect(day(fiveDayClosureDeadline(fri7Jun, edited))).toBe('2024-06-14');
  });

  const base = { receivedAt: fri7Jun, complaintType: 'standard' as const, triggers: {}, evidence: 'Customer said on the phone she is happy with the refund', calendar: calendar('NSW') };
  it('allows closing on day 5 with the satisfaction evidence recorded', () => {
    expect(fiveDayClosure({ ...base, closedAt: new Date('2024-06-17T05:00:00Z') })).toMatchObject({ allowed: true });
  });
  it('refuses after day 5, without evidence, and for the subjects of RG 271.75', () => {
    expect(fiveDayClosure({ ...base, closedAt: new Date('2024-06-18T01:00:00Z') })).toMatchObject({ allowed: false, code: 'five_day_window_passed' });
    const inTime = new Date('2024-06-11T01:00:00Z');
    expect(fiveDayClosure({ ...base, closedAt: inTime, evidence: '' })).toMatchObject({ allowed: false, code: 'evidence_required' });
    expect(fiveDayClosure({ ...base, closedAt: inTime, triggers: { writtenResponseRequested: true } })).toMatchObject({ allowed: false, code: 'written_response_requested' });
    expect(fiveDayClosure({ ...base, closedAt: inTime, complaintType: 'hardship' })).toMatchObject({ allowed: false });
    expect(fiveDayClosure({ ...base, closedAt: inTime, complaintType: 'superannuation_trustee' })).toMatchObject({ allowed: false });
    expect(fiveDayClosure({ ...base, closedAt: inTime, triggers: { declinedInsuranceClaim: true } })).toMatchObject({ allowed: false });
    expect(fiveDayClosure({ ...base, closedAt: inTime, triggers: { insuranceClaimValue: true } })).toMatchObject({ allowed: false });
  });
});
