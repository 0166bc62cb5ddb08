import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every process of the inbox takes this lock before migrating. */
const MIGRATION_LOCK_ID = 271_10002;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so two processes
 * starting together never race (docs/architecture.md rule 6).
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}
