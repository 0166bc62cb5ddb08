import type { Client } from 'pg';
import { io } from 'socket.io-client';
import { TOPICS } from '@inbox/contracts';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { createStaffMember } from '../support/builders';

/** The first vertical slice on the in-process bus: inbound message → rows → case event → agent socket. */
describe('vertical slice (embedded bus, real PostgreSQL)', () => {
  let inbox: TestInbox;
  let adminToken: string;
  let sql: Client;

  beforeAll(async () => {
    ({ inbox, token: adminToken, sql } = await startInboxSession());
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  /** An agent created by the admin (in the given teams, else the default one), signed in: returns the agent's token. */
  async function createAgent(email: string, teamIds?: string[]) {
    const agent = await createStaffMember(inbox, adminToken, { email, teamIds });
    return inbox.login(agent.email, agent.password);
  }

  it('reports health', async () => {
    const res = await inbox.api<{ status: string; database: { ok: boolean }; bus: { kind: string } }>('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, bus: { ok: true, kind: 'local' } });
  });

  it('rejects unauthenticated callers on /api and /agents', async () => {
    expect((await inbox.api('/api/cases')).status).toBe(401);
    expect((await inbox.api('/api/cases', { token: 'not-a-jwt' })).status).toBe(401);
    expect((await inbox.api('/api/auth/login', { body: { email: 'admin@test.local', password: 'wrong' } })).status).toBe(401);
    const socket = io(`${inbox.url}/agents`, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('missing_token');
    socket.close();
  });

  it('turns a published inbound message into a customer, a case, a message and a pushed event', async () => {
    const agent = await inbox.agentSocket(adminToken);
    const message = inboundMessage({ sender: { address: '0412 000 111', displayName: 'Jane Citizen' }, text: 'You charged my card twice!' });
    await inbox.bus.publish(TOPICS.inbound, `sms:${message.sender.address}`, message);

    // publish resolved, so the rows are committed (LocalBus semantics).
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE external_id = $1`, [message.externalId]);
    expect(rows[0].n).toBe(1);

    const created = await agent.waitFor((e) => e.type === 'case.created' && e.message?.text === message.text);
    expect(created.reference).toMatch(/^C-\d{6}$/);
    expect(created.case.deadlines.acknowledgeBy).toBeTruthy();
    const pushed = await agent.waitFor((e) => e.type === 'message.created' && e.caseId === created.caseId);
    expect(pushed.message).toMatchObject({ direction: 'inbound', channel: 'sms', text: message.text });
    expect(pushed.seq).toBeGreaterThan(created.seq);

    const detail = await inbox.api<any>(`/api/cases/${created.caseId}`, { token: adminToken });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: created.caseId,
      reference: created.reference,
      status: 'new',
      customer: { identities: [{ channel: 'sms', address: '+61412000111' }] },
    });
    // The automatic acknowledgement may already have joined the case (its own consumer): the intake's part comes first.
    expect(detail.body.messages.filter((m: { direction: string }) => m.direction === 'inbound')).toEqual([expect.objectContaining({ channel: 'sms', direction: 'inbound', text: message.text })]);
    expect(new Date(detail.body.deadlines.respondBy).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(detail.body.events.map((e: { type: string }) => e.type).slice(0, 2)).toEqual(['case.created', 'message.created']);

    const list = await inbox.api<any>(`/api/cases?q=charged&channel=sms`, { token: adminToken });
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(created.caseId);
    const customer = await inbox.api<any>(`/api/customers/${detail.body.customer.id}`, { token: adminToken });
    expect(customer.body.cases.map((c: { id: string }) => c.id)).toEqual([created.caseId]);
    agent.socket.close();
  });

  it('stores a redelivered message once, and joins the same phone on another channel to the same case', async () => {
    const first = inboundMessage({ sender: { address: '+61412000222' } });
    await inbox.bus.publish(TOPICS.inbound, 'k', first);
    await inbox.bus.publish(TOPICS.inbound, 'k', first);
    await Promise.all([inbox.bus.publish(TOPICS.inbound, 'k', first), inbox.bus.publish(TOPICS.inbound, 'k2', first)]);
    const call = inboundMessage({ channel: 'voice', sender: { address: '0412000222' }, text: 'Voicemail: please call me back' });
    await inbox.bus.publish(TOPICS.inbound, 'k', call);

    const { rows } = await sql.query(
      `SELECT m.external_id, m.case_id, m.customer_id FROM messages m JOIN identities i ON i.customer_id = m.customer_id
        WHERE i.address = '+61412000222' AND i.channel = 'sms' AND m.direction = 'inbound' ORDER BY m.received_at`,
    );
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(1);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(1);
  });

  it('creates one case when two identities of one customer arrive at once', async () => {
    const messages = Array.from({ length: 10 }, (_, i) =>
      inboundMessage({ channel: i % 2 ? 'voice' : 'whatsapp', sender: { address: '+61412000333' } }),
    );
    await Promise.all(messages.map((m, i) => inbox.bus.publish(TOPICS.inbound, `key-${i}`, m)));
    const { rows } = await sql.query(
      `SELECT count(DISTINCT c.id)::int AS cases, count(DISTINCT m.id)::int AS messages
         FROM messages m JOIN cases c ON c.id = m.case_id JOIN identities i ON i.customer_id = c.customer_id
        WHERE i.address = '+61412000333' AND m.direction = 'inbound'`,
    );
    expect(rows[0]).toEqual({ cases: 1, messages: 10 });
  });

  it('lets exactly one of two concurrent claims win, and tells the other who has it', async () => {
    const message = inboundMessage({ sender: { address: '+61412000444' } });
    await inbox.bus.publish(TOPICS.inbound, 'k', message);
    const { rows } = await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId]);
    const caseId = rows[0].case_id;
    const [alice, bob] = await Promise.all([createAgent('alice@test.local'), createAgent('bob@test.local')]);
    const results = await Promise.all([alice, bob, alice, bob].map((token) => inbox.api<any>(`/api/cases/${caseId}/claim`, { method: 'POST', token })));
    const statuses = results.map((r) => r.status);
    const winners = results.filter((r) => r.status === 200);
    // The winner may claim again (idempotent); the loser is always refused.
    expect(new Set(winners.map((w) => w.body.assigneeId)).size).toBe(1);
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThanOrEqual(2);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ error: 'case_already_claimed', details: { assigneeName: expect.any(String) } });
  });

  it('keeps agents to their teams’ cases', async () => {
    const { rows } = await sql.query(`INSERT INTO teams (name) VALUES ('Hardship') RETURNING id`);
    const outsider = await createAgent('carol@test.local', [rows[0].id]);
    const message = inboundMessage({ sender: { address: '+61412000555' } });
    await inbox.bus.publish(TOPICS.inbound, 'k', message);
    const caseRow = await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId]);
    expect((await inbox.api(`/api/cases/${caseRow.rows[0].case_id}`, { token: outsider })).status).toBe(404);
    const list = await inbox.api<any>('/api/cases', { token: outsider });
    expect(list.body.total).toBe(0);
    expect((await inbox.api('/api/admin/dead-letters', { token: outsider })).status).toBe(403);
    expect((await inbox.api('/api/users', { token: outsider, body: { email: 'x@y.z', password: '12345678', name: 'x', role: 'admin' } })).status).toBe(403);
  });

  it('dead-letters a malformed message with its reason, without storing anything', async () => {
    // Inbound only: earlier tests' automatic acknowledgements may still be landing.
    const before = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'inbound'`);
    await inbox.bus.publish(TOPICS.inbound, 'bad', { channel: 'pigeon', text: 'coo' } as never);
    const letters = await sql.query(`SELECT topic, error FROM dead_letters`);
    expect(letters.rows).toEqual([{ topic: 'inbox.inbound.v1', error: expect.stringContaining('channel') }]);
    const after = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'inbound'`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const visible = await inbox.api<any>('/api/admin/dead-letters', { token: adminToken });
    expect(visible.body.items).toEqual([expect.objectContaining({ topic: 'inbox.inbound.v1', error: expect.stringContaining('channel') })]);
  });

  it('validates request bodies with a clear 400', async () => {
    const res = await inbox.api<any>('/api/users', { token: adminToken, body: { email: 'nope', password: 'x', name: '', role: 'king' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_input');
    expect(res.body.message).toMatch(/email/);
  });
});
