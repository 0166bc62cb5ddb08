import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { RateLimitedError } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The budgets counted in PostgreSQL, so every process (several gateways or
 * ingest instances behind a load balancer) draws on the same counter.
 */
export const SHARED_LIMITS = [
  'login.address',
  'login.account',
  'status.address',
  'webchat.connect.address',
  'webchat.message.visitor',
  'webchat.message.address',
  'webchat.history.visitor',
  'webchat.history.address',
  'webchat.identify.visitor',
  'webchat.identify.address',
] as const;
export type SharedLimitName = (typeof SHARED_LIMITS)[number];

interface Budget {
  points: number;
  seconds: number;
}

function budgets(config: AppConfig): Record<SharedLimitName, Budget> {
  const r = config.rateLimits;
  const w = config.webchat;
  const perMinute = (points: number): Budget => ({ points, seconds: 60 });
  // Web chat budgets exist only when web chat is on; without it nobody consumes them.
  const webchat = (pick: (c: NonNullable<AppConfig['webchat']>) => number): Budget => perMinute(w ? pick(w) : 1);
  return {
    'login.address': perMinute(r.loginPerMinute),
    'login.account': { points: r.loginFailuresPerAccount, seconds: r.loginAccountWindowMinutes * 60 },
    'status.address': perMinute(r.statusPagePerMinute),
    'webchat.connect.address': webchat((c) => c.connectsPerMinutePerAddress),
    'webchat.message.visitor': webchat((c) => c.messagesPerMinute),
    'webchat.message.address': webchat((c) => c.messagesPerMinutePerAddress),
    'webchat.history.visitor': webchat((c) => c.historyPerMinute),
    'webchat.history.address': webchat((c) => c.messagesPerMinutePerAddress),
    'webchat.identify.visitor': webchat((c) => c.identifyPerMinute),
    'webchat.identify.address': webchat((c) => c.messagesPerMinutePerAddress),
  };
}

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed-window counters (rate-limiter-flexible's RateLimiterPostgres) in the
 * `rate_limits` table, one key per budget and subject (an address, an
 * account, a visitor). If PostgreSQL cannot be reached, each process falls
 * back to counting in its own memory rather than letting everything through.
 */
@Injectable()
export class SharedRateLimits {
  private readonly limiters = new Map<SharedLimitName, RateLimiterPostgres>();

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    for (const [index, [name, budget]] of (Object.entries(budgets(config)) as Array<[SharedLimitName, Budget]>).entries()) {
      this.limiters.set(
        name,
        new RateLimiterPostgres({
          storeClient: db,
          storeType: 'typeorm',
          tableName: 'rate_limits',
          tableCreated: true,
          keyPrefix: name,
          points: budget.points,
          duration: budget.seconds,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds }),
          // They share one table: one of them clears expired rows (every 5 minutes) for all.
          clearExpiredByTimeout: index === 0,
        }),
      );
    }
  }

  /** Takes one point of `name` for `subject`. */
  async consume(name: SharedLimitName, subject: string): Promise<LimitOutcome> {
    try {
      await this.limiter(name).consume(subject);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  }

  /** Like consume, but throws a RateLimitedError (429 with Retry-After over HTTP) when the budget is spent. */
  async take(name: SharedLimitName, subject: string, message: string): Promise<void> {
    const outcome = await this.consume(name, subject);
    if (!outcome.allowed) throw new RateLimitedError('too_many_requests', message, outcome.retryAfterSeconds);
  }

  /** Forgets a subject's count (a successful login clears its account's failures). */
  async reset(name: SharedLimitName, subject: string): Promise<void> {
    await this.limiter(name).delete(subject);
  }

  private limiter(name: SharedLimitName): RateLimiterPostgres {
    const limiter = this.limiters.get(name);
    if (!limiter) throw new Error(`No rate limit named ${name}`);
    return limiter;
  }
}
