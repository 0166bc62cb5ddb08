import { daysToResolve } from './days-to-resolve';

describe('days to resolve (one definition for the register and the ASIC file)', () => {
  const tz = 'Australia/Sydney';
  it('counts calendar days between the local dates, the day of receipt excluded (RG 271.56 Note)', () => {
    // 23:00 Mon 2 Jun 2025 in Sydney → 01:00 Wed 4 Jun: two days, although only 26 hours passed.
    expect(daysToResolve(new Date('2025-06-02T13:00:00Z'), new Date('2025-06-03T15:00:00Z'), tz)).toBe(2);
    // The same day is 0.
    expect(daysToResolve(new Date('2025-06-02T00:00:00Z'), new Date('2025-06-02T06:00:00Z'), tz)).toBe(0);
  });
  it('uses the firm’s zone, not UTC', () => {
    // 00:30 on 1 Aug in Sydney (still 31 Jul in UTC) → 11 Aug: 10 days.
    expect(daysToResolve(new Date('2025-07-31T14:30:00Z'), new Date('2025-08-11T02:00:00Z'), tz)).toBe(10);
  });
  it('is not thrown by a daylight-saving change', () => {
    expect(daysToResolve(new Date('2025-10-04T02:00:00Z'), new Date('2025-10-06T01:00:00Z'), tz)).toBe(2);
  });
});
