import { describe, expect, it } from '@jest/globals';
import { timeAxisLabels } from './axis-dates';

const s = (iso: string) => Date.parse(iso) / 1000;

describe('the charts’ time axis', () => {
  it('reads times on a 24-hour clock in the firm’s zone, with the day under the first tick and where it changes', () => {
    // 12:45 and 13:00 UTC on 4 Dec are 23:45 on 4 Dec and 00:00 on 5 Dec in Sydney (AEDT).
    const splits = [s('2026-12-04T12:30:00Z'), s('2026-12-04T12:45:00Z'), s('2026-12-04T13:00:00Z'), s('2026-12-04T13:15:00Z')];
    expect(timeAxisLabels(splits, 900, 'Australia/Sydney')).toEqual(['23:30\n4 Dec', '23:45', '00:00\n5 Dec', '00:15']);
  });

  it('writes days day first and months with the year', () => {
    expect(timeAxisLabels([s('2026-03-02T12:00:00Z'), s('2026-03-03T12:00:00Z')], 86_400, 'UTC')).toEqual(['2 Mar', '3 Mar']);
    expect(timeAxisLabels([s('2026-03-15T12:00:00Z')], 31 * 86_400, 'UTC')).toEqual(['Mar 2026']);
  });
});
