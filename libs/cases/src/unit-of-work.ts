import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox-relay';

export interface UnitOfWorkOptions {
  /**
   * How many times to run work that PostgreSQL aborted as one side of a
   * deadlock (1: no retry). Only for work whose every effect is in the
   * transaction: anything else it did would happen again.
   */
  deadlockAttempts?: number;
}

/** PostgreSQL's deadlock_detected (40P01), as pg or TypeORM's QueryFailedError carry it. */
function isDeadlock(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.code === '40P01' || e?.driverError?.code === '40P01';
}

/**
 * Runs a state change in one transaction and, once it has committed, wakes the
 * outbox relay so the case events and outbound messages it wrote leave now
 * rather than at the next sweep (docs/architecture.md rule 3). A transaction
 * that fails publishes nothing: its outbox rows were rolled back with it.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * `wroteOutbox` tells from the result whether the work wrote to the outbox
   * (a no-op or a preview did not), so the relay is not woken for nothing.
   * The wake is not awaited: the caller's answer does not wait for the bus.
   */
  async run<T>(work: (em: EntityManager) => Promise<T>, wroteOutbox: (result: T) => boolean = () => true, options: UnitOfWorkOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.db.transaction(work);
        if (wroteOutbox(result)) this.publish();
        return result;
      } catch (error) {
        // PostgreSQL rolled the whole transaction back, so running the work again is safe.
        if (!isDeadlock(error) || attempt >= (options.deadlockAttempts ?? 1)) throw error;
      }
    }
  }

  /** Wakes the relay after work that committed its own transactions (a batch writer, a sweep of many cases). */
  publish(): void {
    void this.relay.kick();
  }
}
