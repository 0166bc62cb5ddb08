import { describe, expect, it } from '@jest/globals';
import type { CaseSummary } from '@inbox/contracts';
import { deadlineTone, formatDuration, nextDeadline } from './format';

const HOUR = 3_600_000;

describe('deadline display', () => {
  it('formats the time left compactly', () => {
    expect(formatDuration(42 * 60_000)).toBe('42m');
    expect(formatDuration(5 * HOUR + 12 * 60_000)).toBe('5h 12m');
    expect(formatDuration(3 * 24 * HOUR + 4 * HOUR)).toBe('3d 4h');
    expect(formatDuration(-90 * 60_000)).toBe('1h 30m');
  });

  it('colours by the share of the time used', () => {
    const start = '2026-01-01T00:00:00.000Z';
    const due = '2026-01-01T10:00:00.000Z';
    const at = (h: number) => Date.parse(start) + h * HOUR;
    expect(deadlineTone(start, due, at(5))).toBe('ok');
    expect(deadlineTone(start, due, at(8))).toBe('warn');
    expect(deadlineTone(start, due, at(9.5))).toBe('risk');
    expect(deadlineTone(start, due, at(10))).toBe('breached');
  });

  it('changes colour exactly at ¾ of the time used, at 90 % and at the deadline', () => {
    const start = '2026-01-01T00:00:00.000Z';
    const due = '2026-01-01T10:00:00.000Z';
    const at = (h: number) => Date.parse(start) + h * HOUR;
    expect(deadlineTone(start, due, at(7.5) - 1)).toBe('ok');
    expect(deadlineTone(start, due, at(7.5))).toBe('warn');
    expect(deadlineTone(start, due, at(9) - 1)).toBe('warn');
    expect(deadlineTone(start, due, at(9))).toBe('risk');
    expect(deadlineTone(start, due, at(10) - 1)).toBe('risk');
    expect(deadlineTone(start, due, at(10))).toBe('breached');
    // A deadline at or before its start is used up at once.
    expect(deadlineTone(due, start, at(0))).toBe('breached');
    expect(deadlineTone(start, start, at(0))).toBe('breached');
  });

  it('watches the acknowledgement while it is missing, then the IDR response', () => {
    const c = {
      status: 'new',
      acknowledgedAt: null,
      receivedAt: '2026-01-01T00:00:00.000Z',
      deadlines: { acknowledgeBy: '2026-01-02T00:00:00.000Z', respondBy: '2026-01-31T00:00:00.000Z' },
    } as unknown as CaseSummary;
    const now = Date.parse('2026-01-01T12:00:00.000Z');
    expect(nextDeadline(c, now)).toMatchObject({ kind: 'acknowledge', label: '12h 0m', tone: 'ok' });
    const acknowledged = { ...c, acknowledgedAt: '2026-01-01T01:00:00.000Z' };
    expect(nextDeadline(acknowledged, now)).toMatchObject({ kind: 'respond', label: '29d 12h' });
    expect(nextDeadline(acknowledged, Date.parse('2026-02-01T00:00:00.000Z'))).toMatchObject({ label: '1d 0h over', tone: 'breached' });
    // A summary that does not say whether it was acknowledged shows the IDR response, the queue's order.
    const { acknowledgedAt: _unknown, ...silent } = c as unknown as CaseSummary & { acknowledgedAt: null };
    expect(nextDeadline(silent as CaseSummary, now)).toMatchObject({ kind: 'respond' });
  });
});
