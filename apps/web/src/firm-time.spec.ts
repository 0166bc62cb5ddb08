import { describe, expect, it } from '@jest/globals';
import { addDays, firmDate, lastDaysInFirmZone, setFirmTimeZone, zoneAbbreviation } from './firm-time';
import { formatDate, formatDateTime, formatTime } from './format';
import { spanAtLeast } from './supervisor/span-at-least';

describe('the firm’s time', () => {
  // 4 Dec 2026 13:30 UTC is already 5 December in Sydney (AEDT, UTC+11).
  const lateUtc = Date.parse('2026-12-04T13:30:00Z');

  it('shows dates and times in the firm’s zone, named, whatever the machine’s zone', () => {
    setFirmTimeZone('Australia/Sydney');
    expect(firmDate(lateUtc)).toBe('2026-12-05');
    expect(formatDate('2026-12-04T13:30:00Z')).toBe('5 Dec 2026');
    expect(formatDateTime('2027-01-04T12:59:00Z')).toBe('4 Jan 2027, 23:59 AEDT');
    expect(formatTime('2026-12-04T13:30:00Z', lateUtc)).toBe('00:30');
    expect(zoneAbbreviation(new Date('2026-07-01T00:00:00Z'))).toBe('AEST');
  });

  it('defaults reports to the last 30 days ending today in the firm’s zone', () => {
    setFirmTimeZone('Australia/Sydney');
    expect(lastDaysInFirmZone(30, lateUtc)).toEqual({ from: '2026-11-06', to: '2026-12-05' });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('a chart’s time axis', () => {
  it('spans the data, widened evenly around a single day', () => {
    const day = Date.parse('2027-02-10T12:00:00Z') / 1000;
    expect(spanAtLeast(day, day, 7 * 86_400)).toEqual([day - 3.5 * 86_400, day + 3.5 * 86_400]);
    expect(spanAtLeast(day, day + 30 * 86_400, 7 * 86_400)).toEqual([day, day + 30 * 86_400]);
  });
});
