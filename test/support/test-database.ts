import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
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
