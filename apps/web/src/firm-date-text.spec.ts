import { describe, expect, it } from '@jest/globals';
import { formatCalendarDay, formatFirmDateText, parseFirmDateText } from './firm-date-text';

describe('dates typed the firm’s way', () => {
  it('shows a day with the day first', () => {
    expect(formatFirmDateText('2026-12-05')).toBe('05/12/2026');
    expect(formatFirmDateText('')).toBe('');
    expect(formatFirmDateText('5 Dec')).toBe('');
  });

  it('reads the day first, with any of the usual separators, and ISO days', () => {
    expect(parseFirmDateText('5/12/2026')).toBe('2026-12-05');
    expect(parseFirmDateText(' 05.12.2026 ')).toBe('2026-12-05');
    expect(parseFirmDateText('5-1-2027')).toBe('2027-01-05');
    expect(parseFirmDateText('2027-03-15')).toBe('2027-03-15');
  });

  it('refuses what is not a real day, or not a whole date', () => {
    expect(parseFirmDateText('31/02/2026')).toBeNull();
    expect(parseFirmDateText('12/13/2026')).toBeNull();
    expect(parseFirmDateText('5/12/26')).toBeNull();
    expect(parseFirmDateText('')).toBeNull();
    expect(parseFirmDateText('tomorrow')).toBeNull();
  });

  it('writes a calendar day in words, the same in every zone', () => {
    expect(formatCalendarDay('2026-12-04')).toBe('4 Dec 2026');
    expect(formatCalendarDay('not a day')).toBe('not a day');
  });
});
