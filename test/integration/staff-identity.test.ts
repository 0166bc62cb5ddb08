import { generateSync } from 'otplib';
import { ADMIN, startTestInbox, type TestInbox } from '../support/test-inbox';
import { createStaffMember } from '../support/builders';

type Json = Record<string, any>;

/** The code of the next 30-second step: accepted (one step of clock drift) and newer than any code used so far. */
function nextCode(secret: string): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
}

/**
 * Password accounts with a second factor, the web session cookie and its CSRF
 * token, personal API tokens, sessions listed and ended, and the staff audit
 * trail, against a real inbox and PostgreSQL.
 */
describe('staff identity: two factors, cookies, API tokens, sessions, audit', () => {
  let inbox: TestInbox;
  let admin: string;

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { REQUIRE_2FA: 'admins' } });
    // The first admin has no second factor yet: with REQUIRE_2FA=admins the API client must set one up.
    const refused = await inbox.api('/api/auth/login', { body: ADMIN });
    expect(refused).toMatchObject({ status: 401, body: { error: 'second_factor_enrolment_required' } });
    const enrolment = await inbox.api<Json>('/api/auth/sign-in/second-factor', { body: ADMIN });
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.qrCode).toMatch(/^data:image\/png;base64,/);
    adminSecret = enrolment.body.secret;
    const signedIn = await inbox.api<Json>('/api/auth/login', { body: { ...ADMIN, code: generateSync({ secret: adminSecret }) } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.recoveryCodes).toHaveLength(10);
    adminRecoveryCodes = signedIn.body.recoveryCodes;
    admin = signedIn.body.accessToken;
  }, 60_000);
  let adminSecret = '';
  let adminRecoveryCodes: string[] = [];

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
  });

  const createAgent = async (email: string): Promise<string> => (await createStaffMember(inbox, admin, { email })).id;

  it('asks for the TOTP code once set up, takes each code and recovery code once, and audits it', async () => {
    const withoutCode = await inbox.api('/api/auth/login', { body: ADMIN });
    expect(withoutCode).toMatchObject({ status: 401, body: { error: 'second_factor_required' } });
    const wrong = await inbox.api('/api/auth/login', { body: { ...ADMIN, code: '000000' } });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_second_factor' } });
    // The enrolment spent this time step's code: the next step's (accepted 30 s early) signs in, once.
    const next = nextCode(adminSecret);
    expect((await inbox.api('/api/auth/login', { body: { ...ADMIN, code: next } })).status).toBe(200);
    expect(await inbox.api('/api/auth/login', { body: { ...ADMIN, code: next } })).toMatchObject({ status: 401, body: { error: 'invalid_second_factor' } });

    const code = adminRecoveryCodes[0];
    expect((await inbox.api('/api/auth/login', { body: { ...ADMIN, code: code.toUpperCase() } })).status).toBe(200);
    expect(await inbox.api('/api/auth/login', { body: { ...ADMIN, code } })).toMatchObject({ status: 401, body: { error: 'invalid_second_factor' } });
    expect((await inbox.api<Json>('/api/account/second-factor', { token: admin })).body).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });

    const audit = await inbox.api<Json>('/api/staff-audit', { token: admin });
    const actions = audit.body.items.map((a: Json) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['recovery_code_used', 'second_factor_enrolled', 'sign_in', 'sign_in_failed']));
    expect(audit.body.items.find((a: Json) => a.action === 'sign_in_failed')).toMatchObject({ detail: { method: 'password', reason: 'invalid_second_factor' }, subject: { email: ADMIN.email } });
  });

  it('lets an agent turn on TOTP from their account, and an admin reset it (audited)', async () => {
    const agentId = await createAgent('tess@identity.test');
    const agent = await inbox.login('tess@identity.test', 'agent-password-1');
    const started = await inbox.api<Json>('/api/account/second-factor', { token: agent, body: {} });
    expect(started.status).toBe(200);
    expect(await inbox.api('/api/account/second-factor/confirm', { token: agent, body: { code: '123456' } })).toMatchObject({ status: 400, body: { error: 'invalid_second_factor' } });
    const confirmed = await inbox.api<Json>('/api/account/second-factor/confirm', { token: agent, body: { code: generateSync({ secret: started.body.secret }) } });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(await inbox.api('/api/auth/login', { body: { email: 'tess@identity.test', password: 'agent-password-1' } })).toMatchObject({ status: 401, body: { error: 'second_factor_required' } });

    expect(await inbox.api(`/api/users/${agentId}/second-factor/reset`, { token: agent, body: {} })).toMatchObject({ status: 403 });
    const reset = await inbox.api<Json>(`/api/users/${agentId}/second-factor/reset`, { token: admin, body: {} });
    expect(reset).toMatchObject({ status: 200, body: { secondFactor: false } });
    // REQUIRE_2FA=admins: an agent without a second factor signs in with the password alone again.
    expect((await inbox.api('/api/auth/login', { body: { email: 'tess@identity.test', password: 'agent-password-1' } })).status).toBe(200);
    const audit = await inbox.api<Json>(`/api/staff-audit?userId=${agentId}`, { token: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'sign_in', subject: { userId: agentId } });
    expect(audit.body.items.find((a: Json) => a.action === 'second_factor_reset')).toMatchObject({ actor: { email: ADMIN.email } });
  });

  it('keeps the web session in an HttpOnly SameSite=Strict cookie, and refuses a change without the CSRF token', async () => {
    await createAgent('cora@identity.test');
    const res = await fetch(`${inbox.url}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cora@identity.test', password: 'agent-password-1' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.accessToken).toBeUndefined();
    const setCookies = res.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('inbox_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    // Plain http on loopback: not Secure (a browser would drop it); everywhere else Secure.
    expect(session).not.toMatch(/Secure/);
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');

    expect((await fetch(`${inbox.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    const forged = await fetch(`${inbox.url}/api/account/api-tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', scope: 'read', expiresInDays: 1 }) });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as Json).error).toBe('csrf_token_invalid');
    const allowed = await fetch(`${inbox.url}/api/account/api-tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': body.csrfToken },
      body: JSON.stringify({ name: 'x', scope: 'read', expiresInDays: 1 }),
    });
    expect(allowed.status).toBe(201);

    // The socket signs in with the same cookie.
    const { io } = await import('socket.io-client');
    const socket = io(`${inbox.url}/agents`, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.close();

    const logout = await fetch(`${inbox.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': body.csrfToken } });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().find((c) => c.startsWith('inbox_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await fetch(`${inbox.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('issues personal API tokens shown once, held to their scope, and revocable', async () => {
    await createAgent('pat@identity.test');
    const agent = await inbox.login('pat@identity.test', 'agent-password-1');
    expect(await inbox.api('/api/account/api-tokens', { token: agent, body: { name: 'too much', scope: 'admin', expiresInDays: 30 } })).toMatchObject({ status: 403, body: { error: 'scope_above_role' } });
    expect(await inbox.api('/api/account/api-tokens', { token: agent, body: { name: 'too long', scope: 'read', expiresInDays: 366 } })).toMatchObject({ status: 400, body: { error: 'token_lifetime' } });
    const read = await inbox.api<Json>('/api/account/api-tokens', { token: agent, body: { name: 'Dashboard feed', scope: 'read', expiresInDays: 30 } });
    expect(read.status).toBe(201);
    expect(read.body.token).toMatch(/^inbox_pat_/);
    const listed = await inbox.api<Json>('/api/account/api-tokens', { token: agent });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: read.body.id, name: 'Dashboard feed', scope: 'read' })]);
    expect(JSON.stringify(listed.body)).not.toContain(read.body.token);
    const stored = await inbox.db.query<{ secret_hash: Buffer }>(`SELECT secret_hash FROM staff_sessions WHERE id = $1`, [read.body.id]);
    expect(stored[0].secret_hash.toString('utf8')).not.toContain(read.body.token);

    expect((await inbox.api('/api/cases', { token: read.body.token })).status).toBe(200);
    expect(await inbox.api('/api/canned-responses', { token: read.body.token, body: { title: 't', body: 'b' } })).toMatchObject({ status: 403, body: { error: 'token_scope' } });

    const adminAct = await inbox.api<Json>('/api/account/api-tokens', { token: admin, body: { name: 'CRM', scope: 'act', expiresInDays: 30 } });
    expect(await inbox.api('/api/users', { token: adminAct.body.token, body: { email: 'x@identity.test', password: 'xxxxxxxx', name: 'x', role: 'agent' } })).toMatchObject({ status: 403, body: { error: 'token_scope' } });
    const adminFull = await inbox.api<Json>('/api/account/api-tokens', { token: admin, body: { name: 'Provisioning', scope: 'admin', expiresInDays: 30 } });
    expect((await inbox.api('/api/staff-audit', { token: adminFull.body.token })).status).toBe(200);

    // The OpenAPI docs say how to use them.
    const openapi = await inbox.api<Json>('/api/docs/openapi.json');
    expect(openapi.body.info.description).toContain('Authorization: Bearer');
    expect(openapi.body.info.description).toContain('inbox_pat_');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/account/api-tokens', '/api/account/api-tokens/{id}']));

    expect((await inbox.api(`/api/account/api-tokens/${read.body.id}`, { method: 'DELETE', token: agent })).status).toBe(204);
    expect(await inbox.api('/api/cases', { token: read.body.token })).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('lists sessions for their owner and for admins, who can end any of them', async () => {
    const id = await createAgent('sam@identity.test');
    const first = await inbox.login('sam@identity.test', 'agent-password-1');
    const second = await inbox.login('sam@identity.test', 'agent-password-1');
    const mine = await inbox.api<Json>('/api/account/sessions', { token: first });
    expect(mine.body.items).toHaveLength(2);
    const other = mine.body.items.find((s: Json) => !s.current);
    expect((await inbox.api(`/api/account/sessions/${other.id}`, { method: 'DELETE', token: first })).status).toBe(204);
    expect(await inbox.api('/api/auth/me', { token: second })).toMatchObject({ status: 401, body: { error: 'session_ended' } });

    const seen = await inbox.api<Json>(`/api/users/${id}/sessions`, { token: admin });
    expect(seen.body.items).toHaveLength(1);
    expect((await inbox.api(`/api/users/${id}/sessions/${seen.body.items[0].id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect((await inbox.api('/api/auth/me', { token: first })).status).toBe(401);
  });

  it('invites a user without a password: they cannot sign in with one', async () => {
    const invited = await inbox.api<Json>('/api/users/invitations', { token: admin, body: { email: 'ivy@identity.test', name: 'Ivy', role: 'supervisor' } });
    expect(invited).toMatchObject({ status: 201, body: { signIn: 'invited', role: 'supervisor' } });
    expect(await inbox.api('/api/auth/login', { body: { email: 'ivy@identity.test', password: 'anything-at-all' } })).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
    const audit = await inbox.api<Json>(`/api/staff-audit?userId=${invited.body.id}`, { token: admin });
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'user_invited', actor: expect.objectContaining({ email: ADMIN.email }) })]);
  });
});
