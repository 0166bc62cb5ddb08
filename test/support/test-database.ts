import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  /** One query on its own connection: for assertions, not for load. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, migrated database copied from the run's template (see global-setup). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.INBOX_TEST_PG_ADMIN_URL;
  const template = process.env.INBOX_TEST_TEMPLATE_DB;
  if (!adminUrl || !template) throw new Error('The integration globalSetup did not run (no INBOX_TEST_PG_ADMIN_URL)');
  const name = `inbox_t_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: <T>(sql: string, params: unknown[] = []) => withAdmin(url.toString(), async (c) => (await c.query(sql, params)).rows as T[]),
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(adminUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client(adminUrl);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
