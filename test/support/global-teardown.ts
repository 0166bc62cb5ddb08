import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.INBOX_TEST_PG_ADMIN_URL;
  const template = process.env.INBOX_TEST_TEMPLATE_DB;
  if (adminUrl && template && process.env.TEST_DATABASE_URL) {
    const admin = new Client(adminUrl);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.end();
  }
  const handle = (globalThis as { __INBOX_TEST_PG__?: { stop(): Promise<void> } }).__INBOX_TEST_PG__;
  await handle?.stop();
}
