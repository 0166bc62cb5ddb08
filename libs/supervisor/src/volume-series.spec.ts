import { minuteOf, volumeSeries } from './volume-series';

describe('volumeSeries', () => {
  const now = new Date('2026-11-23T04:10:42.500Z');

  it('gives each channel 60 minutes ending with the current one, zeros filled and counts summed per minute', () => {
    const series = volumeSeries(
      [
        { channel: 'sms', minute: new Date('2026-11-23T04:10:00Z'), count: 3 },
        { channel: 'sms', minute: new Date('2026-11-23T04:10:00Z'), count: 2 },
        { channel: 'sms', minute: new Date('2026-11-23T03:11:00Z'), count: 1 },
        { channel: 'email', minute: new Date('2026-11-23T04:00:00Z'), count: 4 },
      ],
      now,
    );
    expect(Object.keys(series.channels)).toEqual(['email', 'sms']);
    const sms = series.channels.sms;
    expect(sms).toHaveLength(60);
    expect(sms[0]).toEqual({ minute: '2026-11-23T03:11:00.000Z', count: 1 });
    expect(sms[59]).toEqual({ minute: '2026-11-23T04:10:00.000Z', count: 5 });
    expect(sms.reduce((n, p) => n + p.count, 0)).toBe(6);
    expect(series.channels.email.find((p) => p.minute === '2026-11-23T04:00:00.000Z')?.count).toBe(4);
  });

  it('leaves out minutes older than the window and shows listed channels without traffic', () => {
    const series = volumeSeries([{ channel: 'sms', minute: new Date('2026-11-23T03:10:00Z'), count: 7 }], now, ['voice']);
    expect(series.channels.sms).toBeUndefined();
    expect(series.channels.voice).toHaveLength(60);
  });

  it('truncates to the minute', () => {
    expect(minuteOf(now).toISOString()).toBe('2026-11-23T04:10:00.000Z');
  });
});
