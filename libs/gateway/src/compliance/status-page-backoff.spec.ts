import { RateLimiterMemory } from 'rate-limiter-flexible';
import { backoffDelaySeconds, STATUS_PAGE_BACKOFF_POLICY, StatusPageBackoff } from './status-page-backoff';

describe('StatusPageBackoff', () => {
  const make = () =>
    new StatusPageBackoff(
      new RateLimiterMemory({ keyPrefix: 'fail', points: 1_000_000, duration: STATUS_PAGE_BACKOFF_POLICY.memorySeconds }),
      new RateLimiterMemory({ keyPrefix: 'wait', points: 1, duration: 1 }),
    );

  it('lets a few typos through, then doubles the wait per wrong code up to an hour', () => {
    expect([1, 5, 6, 7, 8, 10, 16, 17, 100].map((n) => backoffDelaySeconds(n))).toEqual([0, 0, 2, 4, 8, 32, 2048, 3600, 3600]);
  });

  it('makes only the guessing address wait, and a right code clears its record', async () => {
    const backoff = make();
    for (let i = 0; i < 5; i++) expect(await backoff.failed('10.0.0.1')).toBe(0);
    expect(await backoff.waitSeconds('10.0.0.1')).toBe(0);
    expect(await backoff.failed('10.0.0.1')).toBe(2);
    expect(await backoff.waitSeconds('10.0.0.1')).toBeGreaterThan(0);
    expect(await backoff.waitSeconds('10.0.0.2')).toBe(0);
    await backoff.succeeded('10.0.0.1');
    expect(await backoff.waitSeconds('10.0.0.1')).toBe(0);
    expect(await backoff.failed('10.0.0.1')).toBe(0);
  });
});
