import type { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { WebchatLine as ChatLine, WebchatServerEvents } from '@inbox/contracts';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

/** A web chat visitor as the widget is one: a socket.io client on /webchat carrying the token it was given. */
async function connectVisitor(url: string, visitorToken?: string) {
  // What the server pushes is typed by the contract; what the test sends stays free-form (it sends wrong payloads on purpose).
  const socket: Socket<WebchatServerEvents> = io(`${url}/webchat`, { transports: ['websocket'], reconnection: false, auth: visitorToken ? { visitorToken } : {} });
  const received: ChatLine[] = [];
  socket.on('message', (line) => received.push(line));
  const historyP = new Promise<ChatLine[]>((resolve) => socket.once('history', (h) => resolve(h.messages)));
  const session = await new Promise<{ visitorId: string; visitorToken: string }>((resolve, reject) => {
    socket.once('session', resolve);
    socket.once('connect_error', reject);
  });
  const history = await historyP;
  return {
    socket,
    session,
    history,
    received,
    send: (payload: unknown) => (socket as Socket).timeout(10_000).emitWithAck('message', payload) as Promise<any>,
    identify: (payload: unknown) => (socket as Socket).timeout(10_000).emitWithAck('identify', payload) as Promise<any>,
    async waitForMessage(predicate: (l: ChatLine) => boolean, ms = 10_000): Promise<ChatLine> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('timed out waiting for a web chat message');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

describe('Web chat', () => {
  let inbox: TestInbox;
  let sql: Client;
  let token: string;

  beforeAll(async () => {
    ({ inbox, token, sql } = await startInboxSession({ env: { WEBCHAT_MESSAGES_PER_MINUTE: '5', WEBCHAT_MAX_MESSAGE_LENGTH: '500' } }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  async function caseOf(visitorId: string): Promise<string> {
    const { rows } = await sql.query(`SELECT case_id FROM messages WHERE channel = 'webchat' AND sender_address = $1 LIMIT 1`, [visitorId]);
    return rows[0].case_id;
  }

  it('serves the widget as JavaScript, and a demo page that embeds it', async () => {
    const res = await fetch(`${inbox.url}/webchat/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const script = await res.text();
    expect(script).toContain("io(base + '/webchat'");
    // The Socket.IO client is inside, wrapped: the page's globals are left alone.
    expect(script).toMatch(/^\/\*[^]*?\*\/\n\(function \(\) \{/);
    expect(() => new Function(script)).not.toThrow();
    const page = await fetch(`${inbox.url}/webchat/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script src="/webchat/widget.js"');
  });

  it('puts a visitor’s message live in the agents’ queue and pushes the agent’s reply to the widget', async () => {
    const agent = await inbox.agentSocket(token);
    const visitor = await connectVisitor(inbox.url);
    expect(visitor.history).toEqual([]);
    const ack = await visitor.send({ text: 'Your website charged me twice for one order', clientId: 'c-1' });
    expect(ack).toEqual({ ok: true, id: 'c-1' });
    const created = await agent.waitFor((e) => e.type === 'case.created' && e.message?.text === 'Your website charged me twice for one order');
    expect(created.case.channel).toBe('webchat');
    expect(created.message?.senderAddress).toBe(visitor.session.visitorId);

    const reply = await inbox.api<any>(`/api/cases/${created.caseId}/replies`, { token, body: { text: 'Sorry! We have refunded the second charge.' } });
    expect(reply.status).toBe(201);
    const line = await visitor.waitForMessage((l) => l.text === 'Sorry! We have refunded the second charge.');
    expect(line).toMatchObject({ id: reply.body.id, from: 'agent' });
    const detail = await inbox.api<any>(`/api/cases/${created.caseId}`, { token });
    expect(detail.body.messages.find((m: { id: string }) => m.id === reply.body.id).deliveryStatus).toBe('sent');
    visitor.socket.close();
    agent.socket.close();
  });

  it('resumes the same conversation after a reload, with its history, each line with who wrote it and when', async () => {
    const first = await connectVisitor(inbox.url);
    await first.send({ text: 'My card was declined', clientId: 'r-1' });
    const caseId = await caseOf(first.session.visitorId);
    // Every new complaint is acknowledged automatically on its channel: it reaches the widget before the agent answers.
    const acknowledgement = await first.waitForMessage((l) => l.from === 'agent' && /Your reference is C-\d+/.test(l.text));
    await inbox.api(`/api/cases/${caseId}/replies`, { token, body: { text: 'Which shop was it?' } });
    await first.waitForMessage((l) => l.text === 'Which shop was it?');
    first.socket.close();

    // The reload: a new socket with the token the widget kept in localStorage.
    const again = await connectVisitor(inbox.url, first.session.visitorToken);
    expect(again.session.visitorId).toBe(first.session.visitorId);
    // The status page code reached the widget live; as stored (and so in the history) it is masked.
    const code = /code ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(acknowledgement.text)![1];
    expect(again.history.map((l) => [l.from, l.text])).toEqual([
      ['visitor', 'My card was declined'],
      ['agent', acknowledgement.text.replace(code, '****-****')],
      ['agent', 'Which shop was it?'],
    ]);
    // Who wrote each line and when: the acknowledgement is automatic, the reply the agent's (by first name).
    expect(again.history.map((l) => l.author)).toEqual([undefined, null, 'Administrator']);
    expect(again.history.every((l) => !Number.isNaN(Date.parse(l.at)))).toBe(true);
    // The ack comes once the message is stored.
    expect(await again.send({ text: 'At the supermarket', clientId: 'r-2' })).toEqual({ ok: true, id: 'r-2' });
    expect(await caseOf(again.session.visitorId)).toBe(caseId);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE case_id = $1 AND direction = 'inbound'`, [caseId]);
    expect(rows[0].n).toBe(2);
    // A message re-sent after a reconnect (same clientId) is stored once.
    await again.send({ text: 'At the supermarket', clientId: 'r-2' });
    const after = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE case_id = $1 AND direction = 'inbound'`, [caseId]);
    expect(after.rows[0].n).toBe(2);
    again.socket.close();
  });

  it('never lets one visitor read another’s conversation', async () => {
    const alice = await connectVisitor(inbox.url);
    await alice.send({ text: 'Alice: my account number is 123-456', clientId: 'a-1' });
    const aliceCase = await caseOf(alice.session.visitorId);

    const bob = await connectVisitor(inbox.url);
    expect(bob.session.visitorId).not.toBe(alice.session.visitorId);
    expect(bob.history).toEqual([]);
    // A forged token (Alice's id, not the inbox's signature) makes a new visitor, not Alice.
    const forged = await connectVisitor(inbox.url, `${alice.session.visitorId}.${'A'.repeat(43)}`);
    expect(forged.session.visitorId).not.toBe(alice.session.visitorId);
    expect(forged.history).toEqual([]);
    // Bob naming Alice's message id cannot touch her message.
    await bob.send({ text: 'overwrite?', clientId: 'a-1' });
    // Her own messages: the automatic acknowledgement of her complaint is on the case too.
    const { rows } = await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'inbound'`, [aliceCase]);
    expect(rows.map((r) => r.text)).toEqual(['Alice: my account number is 123-456']);

    await inbox.api(`/api/cases/${aliceCase}/replies`, { token, body: { text: 'For Alice only' } });
    await alice.waitForMessage((l) => l.text === 'For Alice only');
    // Sentinels: each socket's packets arrive in the order the server sent them, and these answers are sent
    // after Alice already had her reply, so a copy pushed to Bob or the forger would have arrived first.
    const bobHistory = await bob.socket.timeout(5000).emitWithAck('history');
    const forgedHistory = await forged.socket.timeout(5000).emitWithAck('history');
    expect(bob.received).toEqual([]);
    expect(forged.received).toEqual([]);
    expect(bobHistory.messages.map((l: ChatLine) => l.text)).toEqual(['overwrite?']);
    expect(forgedHistory.messages).toEqual([]);
    for (const v of [alice, bob, forged]) v.socket.close();
  });

  it('limits an anonymous visitor’s rate and message size, storing nothing refused', async () => {
    const visitor = await connectVisitor(inbox.url);
    const tooLong = await visitor.send({ text: 'x'.repeat(501) });
    expect(tooLong).toMatchObject({ error: 'webchat_message_too_long' });
    expect(await visitor.send({ text: '   ' })).toMatchObject({ error: 'webchat_empty_message' });
    expect(await visitor.send('just a string')).toMatchObject({ error: 'webchat_invalid_message' });
    const acks = [];
    for (let i = 0; i < 7; i++) acks.push(await visitor.send({ text: `message ${i}`, clientId: `l-${i}` }));
    expect(acks.slice(0, 5).every((a) => a.ok)).toBe(true);
    expect(acks[5]).toMatchObject({ error: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    const { rows } = await sql.query(`SELECT text FROM messages WHERE sender_address = $1 ORDER BY received_at`, [visitor.session.visitorId]);
    expect(rows.map((r) => r.text)).toEqual(['message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
    visitor.socket.close();
  });

  it('records an email or phone the visitor gives as an unverified claim, never as an identity', async () => {
    const visitor = await connectVisitor(inbox.url);
    expect(await visitor.identify({ email: 'not-an-email' })).toMatchObject({ error: 'webchat_invalid_email' });
    // No SMTP or Twilio here: no code can be sent, and the visitor is told so.
    expect(await visitor.identify({ name: 'Mia Chen', email: 'Mia.Chen@Example.com', phone: '0412 555 010' })).toMatchObject({
      ok: true,
      verification: [
        { channel: 'email', sent: false, error: 'verification_channel_off' },
        { channel: 'sms', sent: false, error: 'verification_channel_off' },
      ],
    });
    await visitor.send({ text: 'Question about my loan', clientId: 'i-1' });
    const mia = await waitForCustomer(visitor.session.visitorId);
    const { rows: identities } = await sql.query(`SELECT channel, address FROM identities WHERE customer_id = $1 ORDER BY channel`, [mia]);
    expect(identities).toEqual([{ channel: 'webchat', address: visitor.session.visitorId }]);
    const { rows: claims } = await sql.query(`SELECT channel, address, status, owner_customer_id FROM identity_claims WHERE customer_id = $1 ORDER BY channel`, [mia]);
    expect(claims).toEqual([
      { channel: 'email', address: 'mia.chen@example.com', status: 'unverified', owner_customer_id: null },
      { channel: 'sms', address: '+61412555010', status: 'unverified', owner_customer_id: null },
    ]);
    // The customer's name still comes with the messages.
    const { rows: names } = await sql.query(`SELECT display_name FROM customers WHERE id = $1`, [mia]);
    expect(names).toEqual([{ display_name: 'Mia Chen' }]);
    visitor.socket.close();
  });

  async function waitForCustomer(visitorId: string): Promise<string> {
    const end = Date.now() + 10_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT customer_id FROM identities WHERE channel = 'webchat' AND address = $1`, [visitorId]);
      if (rows[0]) return rows[0].customer_id;
      if (Date.now() > end) throw new Error('timed out waiting for the visitor’s customer');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});
