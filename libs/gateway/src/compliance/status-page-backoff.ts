import { Inject, Injectable, Logger, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { STATUS_CODES, upgradeStoredStatusCodes, type StatusCodes } from '@inbox/complaint-handling';

export interface BackoffPolicy {
  /** Wrong codes an address may enter with no wait at all (typos). */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further one. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** How long an address's failures are remembered (from its first). */
  memorySeconds: number;
}

export const STATUS_PAGE_BACKOFF_POLICY: BackoffPolicy = { freeFailures: 5, baseDelaySeconds: 2, maxDelaySeconds: 3_600, memorySeconds: 24 * 3_600 };

/**
 * Wrong status codes slow down the address that sends them, and only that
 * address: after a few free tries each further wrong code doubles the wait
 * before the next try from there (2 s, 4 s … at most an hour), and a right
 * code clears it. There is no lock per reference, so no one can keep a
 * complainant out of their own status page by guessing at it; guessing a
 * 39-bit code at these rates is hopeless from any number of addresses.
 *
 * The counters are rate-limiter-flexible limiters, shared by every process
 * through PostgreSQL in production (statusPageBackoffProvider) and in memory
 * in unit tests: `failures` counts wrong codes, `waits` holds the current wait.
 */
export class StatusPageBackoff {
  constructor(
    private readonly failures: RateLimiterAbstract,
    private readonly waits: RateLimiterAbstract,
    private readonly policy: BackoffPolicy = STATUS_PAGE_BACKOFF_POLICY,
  ) {}

  /** Seconds this address must still wait before its next try; 0 when it may try now. */
  async waitSeconds(address: string): Promise<number> {
    const held = await this.waits.get(address);
    return held && held.consumedPoints > this.waits.points && held.msBeforeNext > 0 ? Math.ceil(held.msBeforeNext / 1000) : 0;
  }

  /** Records a wrong code; returns the wait it earned (0 while within the free tries). */
  async failed(address: string): Promise<number> {
    const counted = await this.failures.penalty(address, 1);
    const delay = backoffDelaySeconds(counted.consumedPoints, this.policy);
    if (delay > 0) await this.waits.block(address, delay);
    return delay;
  }

  async succeeded(address: string): Promise<void> {
    await Promise.all([this.failures.delete(address), this.waits.delete(address)]);
  }
}

/** The wait after an address's `failures`-th wrong code. Pure. */
export function backoffDelaySeconds(failures: number, policy: BackoffPolicy = STATUS_PAGE_BACKOFF_POLICY): number {
  const beyond = failures - policy.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(policy.baseDelaySeconds * 2 ** Math.min(beyond - 1, 30), policy.maxDelaySeconds);
}

/** The backoff on PostgreSQL (table status_page_attempts, created by a migration), shared by every process. */
export const statusPageBackoffProvider: Provider = {
  provide: StatusPageBackoff,
  inject: [getDataSourceToken()],
  useFactory: (db: DataSource) => {
    const common = { storeClient: db, storeType: 'typeorm', tableName: 'status_page_attempts', tableCreated: true };
    const failures = new RateLimiterPostgres({ ...common, keyPrefix: 'fail', points: 1_000_000, duration: STATUS_PAGE_BACKOFF_POLICY.memorySeconds });
    const waits = new RateLimiterPostgres({ ...common, keyPrefix: 'wait', points: 1, duration: 1 });
    return new StatusPageBackoff(failures, waits);
  },
};

/** At start: keys the status code hashes an earlier version stored unkeyed (see upgradeStoredStatusCodes). */
@Injectable()
export class StatusCodeUpgrade implements OnApplicationBootstrap {
  private readonly logger = new Logger(StatusCodeUpgrade.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(STATUS_CODES) private readonly codes: StatusCodes,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const upgraded = await upgradeStoredStatusCodes(this.db, this.codes);
    if (upgraded > 0) this.logger.log({ msg: 'status code hashes keyed', count: upgraded });
  }
}
