import { describe, expect, it } from '@jest/globals';
import { intervalsText, parseIntervals } from './business-hours-text';

describe('a day’s openings as typed', () => {
  it('reads several openings with either dash, and writes them back', () => {
    const parsed = parseIntervals('9:00-12:30, 13:30–17:00');
    expect(parsed).toEqual({ intervals: [{ open: '09:00', close: '12:30' }, { open: '13:30', close: '17:00' }] });
    expect(intervalsText((parsed as { intervals: never[] }).intervals)).toBe('09:00–12:30, 13:30–17:00');
  });

  it('reads an empty day as closed and names the part it cannot read', () => {
    expect(parseIntervals('  ')).toEqual({ intervals: [] });
    expect(parseIntervals('09:00-17:00, nine to five')).toEqual({ error: 'nine to five' });
  });
});
