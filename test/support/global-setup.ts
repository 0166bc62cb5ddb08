import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';
import { ensureDebianPrerequisites } from './debian-prerequisites';
import { MIGRATIONS } from '../../libs/platform/src/database/migrations';
import { runMigrations } from '../../libs/platform/src/database/run-migrations';

/**
 * One PostgreSQL for the whole run: the embedded server (or TEST_DATABASE_URL),
 * with a migrated template database that each test file copies (≈30 ms), so
 * files stay independent and fast (docs/architecture.md rule 14).
 */
export default async function globalSetup(): Promise<void> {
  // Dovecot, Chromium, librdkafka and gcc: installed here when missing (as root with apt-get), else named.
  await ensureDebianPrerequisites();
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'inbox-test-pg-'));
    const handle = await startEmbeddedPostgres(dataDir, { database: 'postgres' });
    (globalThis as { __INBOX_TEST_PG__?: typeof handle }).__INBOX_TEST_PG__ = handle;
    adminUrl = handle.url;
  }
  const template = `inbox_template_${process.pid}`;
  const admin = new Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  const ds = new DataSource({ type: 'postgres', url: templateUrl.toString(), migrations: MIGRATIONS });
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();

  process.env.INBOX_TEST_PG_ADMIN_URL = adminUrl;
  process.env.INBOX_TEST_TEMPLATE_DB = template;
}
