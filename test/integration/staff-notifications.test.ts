import { Client } from 'pg';
import webPush from 'web-push';
import { TOPICS, type CaseEvent, type StaffNotificationNotice } from '@inbox/contracts';
import { connectAgent, inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';
import { startPushServiceStandIn } from '../support/push-service-stand-in';
import { verifyVapid, webPushReceiver } from '../support/web-push-receiver';

/**
 * The notification centre end to end: a note's @mention, an escalation, each
 * written once per (event, person) by the consumer of case events, pushed live
 * to the owner's socket only, read/unread through the API, and sent to a
 * subscribed browser as an encrypted Web Push that the test decrypts.
 */
describe('staff notifications (embedded bus, real PostgreSQL)', () => {
  const vapid = webPush.generateVAPIDKeys();
  let inbox: TestInbox;
  let sql: Client;
  let pushService: Awaited<ReturnType<typeof startPushServiceStandIn>>;
  const users: Record<string, { id: string; token: string }> = {};
  const sockets: Array<{ close(): void }> = [];

  beforeAll(async () => {
    pushService = await startPushServiceStandIn();
    inbox = await startTestInbox({
      env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: 'mailto:ops@bank.example', WEB_PUSH_HOSTS: 'fcm.googleapis.com,127.0.0.1', AUTO_ACKNOWLEDGEMENT: 'false' },
    });
    const admin = await inbox.login();
    sql = new Client(inbox.db.url);
    await sql.connect();
    const defaultTeamId = (await sql.query(`SELECT id FROM teams WHERE is_default`)).rows[0].id;
    const other = await inbox.api<any>('/api/teams', { token: admin, body: { name: 'Cards' } });
    for (const [login, name, role, teamIds] of [
      ['alice', 'Alice Ng', 'agent', [defaultTeamId]],
      ['bob', 'Bob Marr', 'agent', [defaultTeamId]],
      ['bobby', 'Bobby Tan', 'agent', [defaultTeamId]],
      ['carol', 'Carol Diaz', 'agent', [other.body.id]],
      ['sue', 'Sue Park', 'supervisor', [defaultTeamId]],
    ] as const) {
      const res = await inbox.api<any>('/api/users', { token: admin, body: { email: `${login}@test.local`, password: 'agent-password-1', name, role, teamIds } });
      expect(res.status).toBe(201);
      users[login] = { id: res.body.id, token: await inbox.login(`${login}@test.local`, 'agent-password-1') };
    }
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await sql.end();
    await inbox.close();
    await inbox.db.drop();
    await pushService.close();
  });

  let customers = 0;
  /** A complaint from a new customer, so each test has a case of its own. */
  async function newCase(text: string): Promise<string> {
    const message = inboundMessage({ text, sender: { address: `+6141270${String(++customers).padStart(4, '0')}` } });
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
    return (await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId])).rows[0].case_id;
  }

  async function notificationsOf(login: string) {
    const socket = (await connectAgent(inbox.url, users[login].token)).socket;
    sockets.push({ close: () => socket.close() });
    const notices: StaffNotificationNotice[] = [];
    socket.on('notification', (n: StaffNotificationNotice) => notices.push(n));
    return notices;
  }

  const api = (login: string, path: string, body?: unknown, method?: string) => inbox.api<any>(path, { token: users[login].token, body, method });

  async function until<T>(read: () => T | undefined, what: string, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('notifies the colleague a note names, live on their own socket only, and keeps the mention on the note', async () => {
    const caseId = await newCase('You charged my card twice and nobody answers, I want a refund');
    const [bobLive, carolLive, aliceLive] = [await notificationsOf('bob'), await notificationsOf('carol'), await notificationsOf('alice')];
    // @bobby.tan is unambiguous; @bo would be too vague; Carol cannot see the case's team, so is not mentioned.
    const note = await api('alice', `/api/cases/${caseId}/notes`, { text: 'Can @bob.marr call them back? cc @bo and @carol' });
    expect(note.status).toBe(201);
    expect(note.body.mentions).toEqual([{ userId: users.bob.id, name: 'Bob Marr', token: 'bob.marr' }]);

    const live = await until(() => bobLive[0], 'Bob’s live notification');
    expect(live.notification).toMatchObject({ kind: 'mention', caseId, userId: users.bob.id, title: expect.stringContaining('Alice Ng mentioned you on'), readAt: null });
    expect(live.unread).toBe(1);
    const list = await api('bob', '/api/notifications');
    expect(list.body).toEqual({ items: [live.notification], unread: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(carolLive).toEqual([]);
    expect(aliceLive).toEqual([]);
    expect((await api('carol', '/api/notifications')).body).toEqual({ items: [], unread: 0 });

    const detail = await api('bob', `/api/cases/${caseId}`);
    const entry = detail.body.timeline.find((e: any) => e.kind === 'note');
    expect(entry.mentions).toEqual(note.body.mentions);
  });

  it('writes a notification once per event and person, however often the event is delivered', async () => {
    const { rows } = await sql.query(`SELECT payload FROM case_events WHERE type = 'note.created' ORDER BY seq DESC LIMIT 1`);
    const event = rows[0].payload as CaseEvent;
    await inbox.bus.publish(TOPICS.caseEvents, event.caseId, event);
    await inbox.bus.publish(TOPICS.caseEvents, event.caseId, event);
    await new Promise((r) => setTimeout(r, 500));
    const count = await sql.query(`SELECT count(*)::int AS n FROM staff_notifications WHERE event_seq = $1`, [event.seq]);
    expect(count.rows[0].n).toBe(1);
  });

  it('lets each person read only their own: one read, all read, someone else’s not found', async () => {
    const [mine] = (await api('bob', '/api/notifications')).body.items;
    expect((await api('alice', `/api/notifications/${mine.id}/read`, {})).status).toBe(404);
    expect((await api('bob', '/api/notifications/not-a-uuid/read', {})).status).toBe(404);
    const read = await api('bob', `/api/notifications/${mine.id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.notification.readAt).toEqual(expect.any(String));
    expect(read.body.unread).toBe(0);

    const caseId = await newCase('Your app locked me out for the third time this week, this is unacceptable');
    await api('alice', `/api/cases/${caseId}/notes`, { text: '@bob.marr and @sue, over to you' });
    await expect(waitForUnread('bob', 1)).resolves.toBe(1);
    const all = await api('bob', '/api/notifications/read-all', {});
    expect(all.body).toEqual({ marked: 1, unread: 0 });
    expect((await api('sue', '/api/notifications')).body.unread).toBe(1);
  });

  it('tells the supervisors of the case’s team about an escalation to supervisors', async () => {
    const caseId = await newCase('I have been waiting three weeks for my complaint about the fees');
    const sueLive = await notificationsOf('sue');
    const res = await api('alice', `/api/cases/${caseId}/escalate`, { to: 'supervisors', reason: 'Customer threatens the ombudsman' });
    expect(res.status).toBe(200);
    const live = await until(() => sueLive.find((n) => n.notification.kind === 'escalation'), 'the escalation notification');
    expect(live.notification).toMatchObject({ caseId, body: 'Customer threatens the ombudsman', title: expect.stringContaining('Alice Ng escalated') });
  });

  it('sends a subscribed browser an encrypted Web Push it can decrypt, signed with the VAPID key', async () => {
    const browser = webPushReceiver();
    const endpoint = `${pushService.url}/push/bob-laptop`;
    expect((await api('bob', '/api/push-subscriptions/vapid-public-key')).body).toEqual({ publicKey: vapid.publicKey });
    const subscribed = await api('bob', '/api/push-subscriptions', { endpoint, keys: browser.keys });
    expect(subscribed.status).toBe(201);
    expect((await api('bob', '/api/push-subscriptions', { endpoint: 'http://169.254.169.254/latest', keys: browser.keys })).status).toBe(400);
    // Only the listed push services: the server would post to any other host the browser named.
    expect((await api('bob', '/api/push-subscriptions', { endpoint: 'https://attacker.example/push/x', keys: browser.keys })).body).toMatchObject({ error: 'invalid_push_endpoint' });
    expect((await api('bob', '/api/push-subscriptions', { endpoint: 'https://fcm.googleapis.com.attacker.example/x', keys: browser.keys })).status).toBe(400);

    const caseId = await newCase('The branch refused my deposit and I was humiliated in front of everyone');
    await api('alice', `/api/cases/${caseId}/notes`, { text: 'Hardship signs here, @bob.marr please take it' });
    const push = await pushService.waitFor((p) => p.path === '/push/bob-laptop');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    expect(verifyVapid(push.headers.authorization as string, vapid.publicKey, pushService.url)).toMatchObject({ sub: 'mailto:ops@bank.example' });
    const payload = JSON.parse(browser.decrypt(push.body));
    expect(payload).toMatchObject({ caseId, url: `/#/cases/${caseId}`, title: expect.stringContaining('Alice Ng mentioned you'), body: 'Hardship signs here, @bob.marr please take it' });
    expect(() => webPushReceiver().decrypt(push.body)).toThrow();

    // A subscription the push service calls gone is dropped; unsubscribing removes one.
    pushService.markGone('/push/bob-laptop');
    await api('alice', `/api/cases/${caseId}/notes`, { text: '@bob.marr one more thing' });
    await expect(waitForRows(`SELECT 1 FROM staff_push_subscriptions WHERE endpoint = $1`, [endpoint], 0)).resolves.toBe(0);
    await api('bob', '/api/push-subscriptions', { endpoint, keys: browser.keys });
    expect((await api('bob', `/api/push-subscriptions?endpoint=${encodeURIComponent(endpoint)}`, undefined, 'DELETE')).body).toEqual({ removed: 1 });
  });

  it('tells an agent about a case a supervisor hands them, and not the supervisor', async () => {
    const caseId = await newCase('Nobody has fixed the wrong interest charged on my loan for a month');
    const teamId = (await sql.query(`SELECT team_id FROM cases WHERE id = $1`, [caseId])).rows[0].team_id;
    const res = await api('sue', `/api/cases/${caseId}/transfer`, { teamId, assigneeId: users.bobby.id, reason: 'Loans specialist' });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 10_000;
    let mine: any[] = [];
    while (mine.length === 0 && Date.now() < deadline) {
      mine = (await api('bobby', '/api/notifications')).body.items.filter((n: any) => n.caseId === caseId);
      if (mine.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(mine).toEqual([expect.objectContaining({ kind: 'assignment', title: expect.stringContaining('Sue Park assigned you') })]);
    expect((await sql.query(`SELECT kind FROM staff_notifications WHERE case_id = $1 AND user_id = $2`, [caseId, users.sue.id])).rows).toEqual([]);
  });

  it('documents the notification and push subscription endpoints in OpenAPI', async () => {
    const docs = await inbox.api<any>('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/notifications', '/api/notifications/{id}/read', '/api/notifications/read-all', '/api/push-subscriptions', '/api/push-subscriptions/vapid-public-key']),
    );
  });

  async function waitForUnread(login: string, n: number): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const unread = (await api(login, '/api/notifications')).body.unread as number;
      if (unread === n || Date.now() > deadline) return unread;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function waitForRows(query: string, params: unknown[], n: number): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rowCount } = await sql.query(query, params);
      if (rowCount === n || Date.now() > deadline) return rowCount ?? 0;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
