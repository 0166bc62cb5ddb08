import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { unpackCaseEvents, type CaseEvent } from '@inbox/contracts';
import { buildApp, killHard, spawnBuiltProcess, spawnOnFreePort, stopGracefully, type SpawnedProcess } from '../support/built-app';
import { signTwilioWebhook } from '../support/twilio-stand-in';

const ACCOUNT_SID = 'AC00000000000000000000000000000000';
const AUTH_TOKEN = 'chaos-auth-token';
const ADMIN = { email: 'chaos-admin@test.local', password: 'chaos-admin-password' };
const SENDERS = 12;
const KILLS = 10;

/**
 * docs/architecture.md rule 1 under fire: the inbox (embedded mode, the real built
 * process) is killed with SIGKILL at random moments while providers stream
 * signed SMS webhooks at it, and restarted, ten times. A provider retries
 * anything that did not get a 2xx, as Twilio does. Afterwards every message
 * that was acknowledged is stored exactly once, in its sender's case, in the
 * order it was sent; and an agent who reconnects after each crash and
 * resyncs from the last sequence it saw has received every message event.
 */
describe('kill -9 during a webhook stream (embedded mode)', () => {
  let app: SpawnedProcess | undefined;

  beforeAll(async () => {
    await buildApp();
  }, 240_000);

  afterAll(async () => {
    if (app) await stopGracefully(app.child);
  });

  it('loses nothing acknowledged and stores nothing twice across 10 hard kills', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'inbox-chaos-'));
    const first = await spawnOnFreePort(
      'inbox',
      (port) => ({
        DATA_DIR: dataDir,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_API_BASE: 'http://127.0.0.1:9', // outbound is not exercised here
        INBOX_ADMIN_EMAIL: ADMIN.email,
        INBOX_ADMIN_PASSWORD: ADMIN.password,
      }),
      90_000,
    );
    app = first;
    // Each restart is the same inbox at the same address.
    const env = first.env;
    const base = `http://127.0.0.1:${first.port}`;
    const token = await login(base);

    const agent = new ResyncingAgent(base, token);
    await agent.connect();

    let killing = true;
    let kills = 0;
    const acknowledged = new Map<string, string[]>(); // sender → texts that got a 2xx, in order
    const senders = Array.from({ length: SENDERS }, (_, i) => `+614000${String(10_000 + i)}`);

    const stream = Promise.all(
      senders.map(async (from, s) => {
        const sent: string[] = [];
        acknowledged.set(from, sent);
        // Keep sending until the killer is done, then a few more so the last incarnation also takes traffic.
        for (let afterKilling = 0; afterKilling < 3; ) {
          // Worded as complaints, so the classifier files every one on the sender's case.
          const text = `Complaint ${sent.length + 1} from sender ${s}: you charged my card twice and I want a refund`;
          await deliverUntilAcknowledged(base, { From: from, Body: text, MessageSid: `SMchaos${s}x${sent.length + 1}` });
          sent.push(text);
          if (!killing) afterKilling++;
        }
      }),
    );

    while (kills < KILLS) {
      await sleep(400 + Math.random() * 1_600);
      await killHard(app.child);
      kills++;
      agent.disconnect();
      app = await spawnBuiltProcess('inbox', env, 90_000);
      await agent.connect();
    }
    killing = false;
    await stream;

    const total = [...acknowledged.values()].reduce((sum, texts) => sum + texts.length, 0);
    expect(total).toBeGreaterThan(SENDERS * 5);
    process.stdout.write(`chaos: ${kills} kills, ${total} acknowledged messages from ${SENDERS} senders\n`);

    // Stored exactly once, in order, one case per sender.
    for (const [from, texts] of acknowledged) {
      const stored = await messagesOf(base, token, from);
      expect(stored).toEqual(texts);
    }

    // Every stored message reached the agent, live or by resync after a crash.
    await eventually(async () => {
      const missing = [...acknowledged.values()].flat().filter((text) => !agent.textsSeen.has(text));
      if (missing.length) throw new Error(`agent has not seen ${missing.length} messages, e.g. ${missing[0]}`);
    }, 20_000);
    agent.disconnect();
  }, 600_000);
});

async function deliverUntilAcknowledged(base: string, fields: { From: string; Body: string; MessageSid: string }): Promise<void> {
  const params = { AccountSid: ACCOUNT_SID, To: '+61400000000', NumMedia: '0', ...fields };
  const url = `${base}/webhooks/twilio/sms`;
  const signature = signTwilioWebhook(AUTH_TOKEN, url, params);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 300) return;
      if (res.status < 500) throw new Error(`webhook refused with ${res.status}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('webhook refused')) throw error;
    }
    // Down or restarting: back off like a provider's retry schedule, compressed.
    await sleep(Math.min(1_000, 50 * 2 ** Math.min(attempt, 5)));
  }
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function api<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
  return (await res.json()) as T;
}

/** The texts of one sender's messages as the API shows them, in timeline order (asserting one case). */
async function messagesOf(base: string, token: string, phone: string): Promise<string[]> {
  const list = await api<{ items: Array<{ id: string; customerId: string }> }>(base, token, `/api/cases?limit=200`);
  const texts: string[] = [];
  let casesOfSender = 0;
  for (const item of list.items) {
    const detail = await api<{ customer: { identities: Array<{ address: string }> }; messages: Array<{ text: string; direction: string }> }>(
      base,
      token,
      `/api/cases/${item.id}`,
    );
    if (!detail.customer.identities.some((i) => i.address === phone)) continue;
    casesOfSender++;
    texts.push(...detail.messages.filter((m) => m.direction === 'inbound').map((m) => m.text));
  }
  expect(casesOfSender).toBe(1);
  return texts;
}

/** An agent that reconnects to each new incarnation and asks for what it missed since its last sequence. */
class ResyncingAgent {
  readonly textsSeen = new Set<string>();
  private readonly seqsSeen = new Set<number>();
  private lastSeq = 0;
  private socket?: Socket;

  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async connect(): Promise<void> {
    const socket = io(`${this.base}/agents`, { auth: { token: this.token }, transports: ['websocket'], reconnection: false });
    this.socket = socket;
    socket.on('case.events', (frame: unknown) => {
      for (const event of unpackCaseEvents(frame)) if (['case.created', 'case.updated', 'message.created', 'message.updated'].includes(event.type)) this.see(event);
    });
    await new Promise((resolve, reject) => {
      socket.once('queue.snapshot', resolve);
      socket.once('connect_error', reject);
    });
    const answer = (await socket.emitWithAck('resync', { sinceSeq: this.lastSeq, missing: this.gaps() })) as { events?: CaseEvent[]; snapshot?: unknown };
    if (!answer.events) throw new Error(`resync fell back to a snapshot: ${JSON.stringify(answer).slice(0, 200)}`);
    for (const event of answer.events) this.see(event);
  }

  disconnect(): void {
    this.socket?.disconnect();
  }

  /** Sequence numbers below the last one that never arrived: a transaction may have committed them late. */
  private gaps(): number[] {
    const gaps: number[] = [];
    for (let seq = Math.max(1, this.lastSeq - 999); seq <= this.lastSeq; seq++) if (!this.seqsSeen.has(seq)) gaps.push(seq);
    return gaps;
  }

  private see(event: CaseEvent): void {
    if (event.type === 'message.created' && event.message) this.textsSeen.add(event.message.text);
    this.seqsSeen.add(event.seq);
    this.lastSeq = Math.max(this.lastSeq, event.seq);
  }
}

async function eventually(check: () => Promise<void>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
