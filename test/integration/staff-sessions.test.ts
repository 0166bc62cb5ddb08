import { io, type Socket } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestInbox, type TestInbox } from '../support/test-inbox';

/**
 * Sessions end when they should, on every process: two inbox processes share
 * one database (as gateways behind a load balancer do), and what an admin
 * does on one ends the session — its REST token and its open sockets — on the other.
 */
describe('staff sessions', () => {
  let db: TestDatabase;
  let one: TestInbox;
  let two: TestInbox;
  let admin: string;
  let teamId: string;
  let otherTeamId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    one = await startTestInbox({ db });
    two = await startTestInbox({ db });
    admin = await one.login();
    teamId = (await one.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Sessions' } })).body.id;
    otherTeamId = (await one.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Elsewhere' } })).body.id;
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  let counter = 0;
  async function newAgent(): Promise<{ id: string; email: string; password: string }> {
    counter += 1;
    const email = `agent${counter}@sessions.test`;
    const password = 'sessions-password';
    const created = await one.api<{ id: string }>('/api/users', { token: admin, body: { email, password, name: `Agent ${counter}`, role: 'agent', teamIds: [teamId] } });
    expect(created.status).toBe(201);
    return { id: created.body.id, email, password };
  }

  /** A socket on /agents that records how it ended. */
  async function agentSocket(inbox: TestInbox, token: string) {
    const socket: Socket = io(`${inbox.url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const ended = new Promise<{ reason: string; message: string }>((resolve) => socket.once('session.ended', resolve));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await new Promise((resolve, reject) => {
      socket.once('queue.snapshot', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, ended, disconnected };
  }

  const me = (inbox: TestInbox, token: string) => inbox.api<{ error?: string }>('/api/auth/me', { token });

  it('a login creates a server-side session named in the token; logout ends it and its sockets on every process', async () => {
    const agent = await newAgent();
    const token = await one.login(agent.email, agent.password);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string };
    const [session] = await db.query<{ user_id: string; revoked_at: Date | null }>(`SELECT user_id, revoked_at FROM staff_sessions WHERE id = $1`, [claims.sid]);
    expect(session).toEqual({ user_id: agent.id, revoked_at: null });
    // The other process has checked (and cached) the session before it ends.
    expect((await me(two, token)).status).toBe(200);
    const onTwo = await agentSocket(two, token);
    const other = await one.login(agent.email, agent.password);

    expect((await one.api('/api/auth/logout', { token, method: 'POST' })).status).toBe(204);
    expect(await onTwo.ended).toEqual({ reason: 'logout', message: 'You signed out' });
    await onTwo.disconnected;
    const after = await me(two, token);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: 'session_ended' });
    // Only that session: the same agent's other session goes on.
    expect((await me(two, other)).status).toBe(200);
  });

  it('disabling a user ends every session and socket at once; they cannot sign in until re-enabled', async () => {
    const agent = await newAgent();
    const first = await one.login(agent.email, agent.password);
    const second = await two.login(agent.email, agent.password);
    expect((await me(two, first)).status).toBe(200);
    const sockets = [await agentSocket(one, first), await agentSocket(two, second)];

    const disabled = await one.api<{ active: boolean }>(`/api/users/${agent.id}/disable`, { token: admin, method: 'POST' });
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    for (const s of sockets) {
      expect(await s.ended).toMatchObject({ reason: 'user_disabled' });
      await s.disconnected;
    }
    for (const [inbox, token] of [[one, first], [two, first], [two, second]] as const) expect((await me(inbox, token)).status).toBe(401);
    const refused = await two.api('/api/auth/login', { body: { email: agent.email, password: agent.password } });
    expect(refused.status).toBe(401);

    expect((await one.api(`/api/users/${agent.id}/enable`, { token: admin, method: 'POST' })).status).toBe(200);
    const again = await two.login(agent.email, agent.password);
    expect((await me(one, again)).status).toBe(200);
  });

  it('a change of role, of teams (either way) or a password reset ends the user’s sessions', async () => {
    const agent = await newAgent();
    const changes: Array<[string, () => Promise<{ status: number }>]> = [
      ['role_changed', () => one.api(`/api/users/${agent.id}`, { token: admin, method: 'PATCH', body: { role: 'supervisor' } })],
      ['teams_changed', () => one.api(`/api/users/${agent.id}`, { token: admin, method: 'PATCH', body: { teamIds: [teamId, otherTeamId] } })],
      ['teams_changed', () => one.api(`/api/teams/${otherTeamId}/members/${agent.id}`, { token: admin, method: 'DELETE' })],
      ['teams_changed', () => one.api(`/api/teams/${otherTeamId}/members/${agent.id}`, { token: admin, method: 'PUT' })],
      ['password_reset', () => one.api(`/api/users/${agent.id}/password`, { token: admin, method: 'PUT', body: { password: 'a-new-password' } })],
    ];
    let password = agent.password;
    for (const [reason, change] of changes) {
      const token = await two.login(agent.email, password);
      expect((await me(two, token)).status).toBe(200);
      const socket = await agentSocket(two, token);
      const done = await change();
      expect([reason, done.status]).toEqual([reason, expect.any(Number)]);
      expect(done.status).toBeLessThan(300);
      expect(await socket.ended).toMatchObject({ reason });
      expect((await me(two, token)).status).toBe(401);
      if (reason === 'password_reset') password = 'a-new-password';
    }
    expect((await two.api('/api/auth/login', { body: { email: agent.email, password: agent.password } })).status).toBe(401);
    const fresh = await two.login(agent.email, 'a-new-password');
    expect((await me(two, fresh)).body).toMatchObject({ role: 'supervisor', teamIds: expect.arrayContaining([teamId, otherTeamId]) });
    // A change that changes nothing ends nothing.
    expect((await one.api(`/api/users/${agent.id}`, { token: admin, method: 'PATCH', body: { name: 'Renamed only' } })).status).toBe(200);
    expect((await me(two, fresh)).status).toBe(200);
  });

  it('an admin cannot disable themselves, nor leave the inbox without an active admin', async () => {
    const adminId = ((await me(one, admin)).body as unknown as { userId: string }).userId;
    expect((await one.api(`/api/users/${adminId}/disable`, { token: admin, method: 'POST' })).body).toMatchObject({ error: 'cannot_disable_self' });
    expect((await one.api(`/api/users/${adminId}`, { token: admin, method: 'PATCH', body: { role: 'agent' } })).body).toMatchObject({ error: 'last_admin' });
    expect((await me(one, admin)).status).toBe(200);
  });

  it('an agent socket checks its session again when its token runs out, and ends', async () => {
    const short = await startTestInbox({ db, env: { JWT_TTL_SECONDS: '2' } });
    try {
      const agent = await newAgent();
      const token = await short.login(agent.email, agent.password);
      const socket = await agentSocket(short, token);
      expect(await socket.ended).toMatchObject({ reason: 'expired' });
      await socket.disconnected;
      expect((await me(short, token)).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});
