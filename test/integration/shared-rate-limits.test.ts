import { io, type Socket } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { ADMIN, startTestInbox, type TestInbox } from '../support/test-inbox';

/**
 * Limits that hold however many processes serve the inbox: two processes on
 * one database, behind one trusted proxy (TRUST_PROXY=1, so the client is the
 * address in X-Forwarded-For), draw on the same PostgreSQL counters.
 */
describe('shared rate limits', () => {
  let db: TestDatabase;
  let one: TestInbox;
  let two: TestInbox;
  const env = {
    TRUST_PROXY: '1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '4',
    LOGIN_FAILURES_PER_ACCOUNT: '3',
    LOGIN_ACCOUNT_WINDOW_MINUTES: '15',
    STATUS_PAGE_PER_MINUTE_PER_ADDRESS: '2',
    WEBCHAT_CONNECTS_PER_MINUTE_PER_ADDRESS: '2',
    WEBCHAT_IDENTIFY_PER_MINUTE: '1',
    WEBCHAT_HISTORY_PER_MINUTE: '1',
    WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS: '3',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    one = await startTestInbox({ db, env });
    two = await startTestInbox({ db, env });
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  const login = (inbox: TestInbox, client: string, email: string, password: string) =>
    fetch(`${inbox.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ email, password }),
    });

  it('counts sign-in attempts per client address across processes, and tells each client behind the proxy apart', async () => {
    const statuses: number[] = [];
    for (const [i, inbox] of [one, two, one, two].entries()) statuses.push((await login(inbox, '198.51.100.7', `nobody${i}@example.com`, 'wrong-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const limited = await login(two, '198.51.100.7', ADMIN.email, ADMIN.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: 'too_many_requests', message: expect.stringContaining('from this address') });
    // Another client behind the same proxy has its own budget.
    expect((await login(one, '198.51.100.8', ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('counts failed sign-ins per account from any address, refuses even the right password then, and a success clears the count', async () => {
    const attempts = [
      await login(one, '203.0.113.1', ADMIN.email, 'wrong-1'),
      await login(two, '203.0.113.2', ADMIN.email.toUpperCase(), 'wrong-2'),
    ];
    expect(attempts.map((r) => r.status)).toEqual([401, 401]);
    // A success (the third attempt, within the budget) clears the account's failures.
    expect((await login(one, '203.0.113.3', ADMIN.email, ADMIN.password)).status).toBe(200);
    for (const [i, inbox] of [one, two, one].entries()) expect((await login(inbox, `203.0.113.${10 + i}`, ADMIN.email, 'wrong')).status).toBe(401);
    const locked = await login(two, '203.0.113.20', ADMIN.email, ADMIN.password);
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: 'too_many_failed_logins', message: expect.stringMatching(/try again in 1[45] minutes/) });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('limits the status page per client address across processes', async () => {
    const post = (inbox: TestInbox, client: string) =>
      fetch(`${inbox.url}/status/C-000001`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: '{"code":"nope"}' });
    expect((await post(one, '192.0.2.50')).status).toBe(200);
    expect((await post(two, '192.0.2.50')).status).toBe(200);
    const limited = await post(one, '192.0.2.50');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await post(two, '192.0.2.51')).status).toBe(200);
  });

  describe('web chat', () => {
    const sockets: Socket[] = [];
    afterAll(() => sockets.forEach((s) => s.close()));

    function connect(inbox: TestInbox, client: string): Promise<{ socket: Socket; outcome: 'connected' | string; data?: unknown }> {
      const socket = io(`${inbox.url}/webchat`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': client } });
      sockets.push(socket);
      return new Promise((resolve) => {
        socket.once('session', () => resolve({ socket, outcome: 'connected' }));
        socket.once('connect_error', (error: Error & { data?: unknown }) => resolve({ socket, outcome: error.message, data: error.data }));
      });
    }

    it('limits new connections per client address across processes', async () => {
      expect((await connect(one, '192.0.2.10')).outcome).toBe('connected');
      expect((await connect(two, '192.0.2.10')).outcome).toBe('connected');
      const refused = await connect(one, '192.0.2.10');
      expect(refused.outcome).toBe('rate_limited');
      expect(refused.data).toMatchObject({ retryAfterSeconds: expect.any(Number), message: expect.stringContaining('Too many chat connections') });
      expect((await connect(two, '192.0.2.11')).outcome).toBe('connected');
    });

    it('limits identify and history per visitor', async () => {
      const { socket } = await connect(two, '192.0.2.20');
      const call = (event: string, body: unknown) => socket.timeout(10_000).emitWithAck(event, body) as Promise<Record<string, unknown>>;
      expect(await call('identify', { email: 'visitor@example.com' })).toMatchObject({ ok: true });
      expect(await call('identify', { email: 'someone-else@example.com' })).toMatchObject({ error: 'rate_limited', retryAfterSeconds: expect.any(Number) });
      expect(await call('history', {})).toMatchObject({ messages: expect.any(Array) });
      expect(await call('history', {})).toMatchObject({ error: 'rate_limited' });
    });

    it('limits messages per client address, however many new visitors it makes up, across processes', async () => {
      const send = (socket: Socket, text: string) => socket.timeout(10_000).emitWithAck('message', { text }) as Promise<Record<string, unknown>>;
      const first = (await connect(one, '192.0.2.30')).socket;
      const second = (await connect(two, '192.0.2.30')).socket;
      expect(await send(first, 'one')).toMatchObject({ ok: true });
      expect(await send(first, 'two')).toMatchObject({ ok: true });
      expect(await send(second, 'three')).toMatchObject({ ok: true });
      // The second visitor has sent one of its own 10, on the other process: the address's 3 are spent.
      expect(await send(second, 'four')).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('from your network'), retryAfterSeconds: expect.any(Number) });
      const elsewhere = (await connect(one, '192.0.2.31')).socket;
      expect(await send(elsewhere, 'five')).toMatchObject({ ok: true });
    });
  });
});
