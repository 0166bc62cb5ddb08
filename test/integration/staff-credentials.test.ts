import bcrypt from 'bcryptjs';
import type { Client } from 'pg';
import { ADMIN, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

/** Staff passwords are kept only as bcrypt hashes, and a staff token stops working when its lifetime is over. */
describe('staff credentials', () => {
  let inbox: TestInbox;
  let sql: Client;

  beforeAll(async () => {
    ({ inbox, sql } = await startInboxSession({ env: { JWT_TTL_SECONDS: '2' } }, { signIn: false }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  it('stores a password only as a bcrypt hash', async () => {
    const password = 'a-staff-password-4711';
    const admin = await inbox.login();
    expect((await inbox.api('/api/users', { token: admin, body: { email: 'hash@test.local', password, name: 'Hash Test', role: 'agent' } })).status).toBe(201);
    const { rows } = await sql.query(`SELECT password_hash, row_to_json(u)::text AS everything FROM users u WHERE email = 'hash@test.local'`);
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$\d{2}\$/);
    expect(await bcrypt.compare(password, rows[0].password_hash)).toBe(true);
    expect(rows[0].everything).not.toContain(password);
  });

  it('refuses a token once its JWT_TTL_SECONDS are over', async () => {
    const token = await inbox.login(ADMIN.email, ADMIN.password);
    expect((await inbox.api('/api/cases', { token })).status).toBe(200);
    // The lifetime is the point here: waiting it out is the test, not a guess at how long something takes.
    await new Promise((r) => setTimeout(r, 3_100));
    expect((await inbox.api('/api/cases', { token })).status).toBe(401);
  });
});
