import { planTraffic } from './traffic-plan';

describe('planTraffic', () => {
  const plan = planTraffic({ ratePerMinute: 60, durationMs: 10 * 60_000, burst: 30, seed: 7, channels: ['sms', 'voice'] });

  it('sends about the rate asked for, in time order, inside the duration', () => {
    const normal = plan.filter((m) => m.kind !== 'burst');
    expect(normal.length).toBeGreaterThan(480);
    expect(normal.length).toBeLessThan(720);
    expect(plan.every((m, i) => m.atMs >= 0 && m.atMs < 10 * 60_000 && (i === 0 || plan[i - 1].atMs <= m.atMs))).toBe(true);
  });

  it('mixes English and Russian, noise, repeat customers on several channels, and one burst within a minute', () => {
    expect(new Set(plan.map((m) => m.customer.language))).toEqual(new Set(['en', 'ru']));
    expect(plan.some((m) => m.kind === 'noise')).toBe(true);
    const channelsByPhone = new Map<string, Set<string>>();
    for (const m of plan) channelsByPhone.set(m.customer.phone, (channelsByPhone.get(m.customer.phone) ?? new Set()).add(m.channel));
    expect([...channelsByPhone.values()].some((channels) => channels.size > 1)).toBe(true);
    const burst = plan.filter((m) => m.kind === 'burst');
    expect(burst).toHaveLength(30);
    expect(new Set(burst.map((m) => m.customer.phone)).size).toBe(30);
    expect(burst.at(-1)!.atMs - burst[0].atMs).toBeLessThanOrEqual(60_000);
  });

  it('opens with a complaint on every channel, in turn', () => {
    const channels = ['sms', 'voice', 'whatsapp', 'messenger', 'facebook', 'telegram', 'webchat'];
    const opening = planTraffic({ ratePerMinute: 60, durationMs: 60_000, burst: 0, seed: 3, channels }).slice(0, channels.length);
    expect(opening.map((m) => m.channel)).toEqual(channels);
    expect(opening.every((m) => m.kind === 'complaint')).toBe(true);
  });

  it('plans the same traffic for the same seed', () => {
    expect(planTraffic({ ratePerMinute: 60, durationMs: 60_000, burst: 5, seed: 7, channels: ['sms'] })).toEqual(
      planTraffic({ ratePerMinute: 60, durationMs: 60_000, burst: 5, seed: 7, channels: ['sms'] }),
    );
  });
});
