import type { DataSource, EntityManager } from 'typeorm';
import { eventually } from './eventually';

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * Runs `lock` in two transactions: the first takes it, then `whileHeld` writes, then it commits; the
 * second starts while the first still holds the lock. Resolves with the order things happened in and
 * what the second lock returned, once PostgreSQL has shown the second transaction waiting on a lock
 * (pg_stat_activity) and both have finished. A lock that does not block makes the wait time out.
 */
export async function secondLockWaits<T>(
  dataSource: DataSource,
  query: Query,
  lock: (em: EntityManager) => Promise<T>,
  whileHeld: (em: EntityManager) => Promise<void>,
): Promise<{ order: string[]; secondSaw: T }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let lockTaken!: () => void;
  const firstHasLock = new Promise<void>((resolve) => (lockTaken = resolve));
  const order: string[] = [];

  const first = dataSource.transaction(async (em) => {
    await lock(em);
    lockTaken();
    await held;
    await whileHeld(em);
    order.push('first commits');
  });
  await firstHasLock;
  const second = dataSource.transaction(async (em) => {
    const seen = await lock(em);
    order.push('second holds the lock');
    return seen;
  });
  await eventually(
    async () => (await query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]!.waiting === 1,
    10_000,
    'the second transaction to wait for the lock',
  );
  if (order.length > 0) throw new Error(`The second transaction ran while the first held the lock: ${order.join(', ')}`);
  release();
  await first;
  return { order, secondSaw: await second };
}
