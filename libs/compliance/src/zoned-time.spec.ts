import { instantAtWallClock, minutesOfDay } from './zoned-time';

describe('wall-clock times in a zone', () => {
  const sydney = 'Australia/Sydney';

  it('finds the instant a wall clock shows on a civil day, across the offset of the season', () => {
    expect(instantAtWallClock({ year: 2026, month: 3, day: 2 }, 9 * 60, sydney).toISOString()).toBe('2026-03-01T22:00:00.000Z'); // AEDT
    expect(instantAtWallClock({ year: 2026, month: 7, day: 6 }, 9 * 60, sydney).toISOString()).toBe('2026-07-05T23:00:00.000Z'); // AEST
    expect(instantAtWallClock({ year: 2026, month: 3, day: 2 }, 1440, sydney).toISOString()).toBe('2026-03-02T13:00:00.000Z'); // the next midnight
    expect(minutesOfDay(new Date('2026-03-01T22:15:00Z'), sydney)).toBe(9 * 60 + 15);
  });

  it('moves a time the clocks skip forward by the gap, and takes the first of a time shown twice', () => {
    // 4 October 2026: 02:00 AEST becomes 03:00 AEDT, so 02:30 does not exist and reads as 03:30.
    expect(instantAtWallClock({ year: 2026, month: 10, day: 4 }, 150, sydney).toISOString()).toBe('2026-10-03T16:30:00.000Z');
    // 4 April 2027: 03:00 AEDT becomes 02:00 AEST, so 02:30 happens at 15:30Z and again at 16:30Z.
    expect(instantAtWallClock({ year: 2027, month: 4, day: 4 }, 150, sydney).toISOString()).toBe('2027-04-03T15:30:00.000Z');
  });
});
