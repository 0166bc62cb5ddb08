import { describe, expect, it } from '@jest/globals';
import { cappedSum, flaggedTotal, shownOf } from './deadline-counts';

describe('deadline counts', () => {
  it('adds counts within the cap plainly, and says "1,000+" once any of them is above it', () => {
    expect(cappedSum([3, 4], 1_000)).toBe(7);
    expect(cappedSum([1_001, 4], 1_000)).toBe('1,004+');
    expect(cappedSum([1_001, 1_001], 1_000)).toBe('2,000+');
    // An answer from before the cap existed.
    expect(cappedSum([1_500, 1], undefined)).toBe(1_501);
  });

  it('totals every flagged deadline and says the list is cut when there are more than it shows', () => {
    const counts = { acknowledgement: { atRisk: 0, breached: 1_001 }, idr_response: { atRisk: 2, breached: 1 } };
    expect(flaggedTotal(counts, 1_000)).toBe('1,003+');
    expect(shownOf(100, flaggedTotal(counts, 1_000))).toBe('the 100 due earliest of 1,003+ — all are in Manage › Complaints register (Deadline filter)');
    expect(shownOf(3, 3)).toBe('earliest due first');
  });
});
