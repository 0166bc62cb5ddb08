import { RateLimiter } from './webchat-rate-limiter';

describe('RateLimiter', () => {
  it('allows perMinute at once, then one more as each share of the minute passes, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(6, () => now);
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    expect(limiter.retryAfterSeconds('a')).toBe(10);
    expect(limiter.take('b')).toBe(true);
    now += 10_000;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('forgets idle keys once it holds too many', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now, 3);
    for (const key of ['a', 'b', 'c']) limiter.take(key);
    now += 60_000;
    limiter.take('d');
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });
});
