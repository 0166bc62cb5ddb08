import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, freePort, ROOT } from '../support/built-app';
import { startTestInbox, type TestInbox } from '../support/test-inbox';
import { signTwilioWebhook } from '../support/twilio-stand-in';

const ACCOUNT_SID = 'AC00000000000000000000000000000000';
const AUTH_TOKEN = 'pg-restart-auth-token';
const PUBLIC_URL = 'https://inbox.example';

/**
 * The database goes away under load and comes back (an operator restarts it,
 * a failover): webhooks are refused with 503 while it is away — never a 2xx
 * for a message that is not stored — /health says so, and the inbox recovers
 * by itself, with every acknowledged message stored once, in order.
 */
describe('PostgreSQL restarted mid-stream', () => {
  let pg: PostgresServer;
  let inbox: TestInbox | undefined;

  beforeAll(async () => {
    await buildApp();
    pg = await PostgresServer.start(await mkdtemp(join(tmpdir(), 'inbox-pg-restart-')), await freePort());
  }, 240_000);

  afterAll(async () => {
    await inbox?.close();
    await pg?.stop();
  });

  it('refuses with 503 while it is down, tells the truth in /health, and recovers by itself', async () => {
    inbox = await startTestInbox({
      db: { url: pg.url, query: () => Promise.reject(new Error('not used')), drop: async () => undefined },
      env: { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_BASE: 'http://127.0.0.1:9', PUBLIC_URL },
    });
    const url = inbox.url;
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    const healthWhileDown: number[] = [];
    let stop = false;

    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const text = `Complaint ${acknowledged.length + 1}: the card fee was charged twice, please refund it`;
        const status = await postSms(url, text, `SMpg${acknowledged.length + 1}`);
        statuses.push(status);
        if (status === 200) acknowledged.push(text);
        else if (status !== 503) throw new Error(`unexpected ${status} in phase ${phase}`);
        else await sleep(100);
      }
    })();

    await sleep(1_500);
    phase = 'down';
    await pg.shutDown();
    const downSince = statuses.length;
    for (let i = 0; i < 5; i++) {
      healthWhileDown.push((await fetch(`${url}/health`)).status);
      await sleep(300);
    }
    await pg.startAgain();
    phase = 'after';
    const recovered = await waitFor(async () => (await fetch(`${url}/health`)).status === 200, 30_000);
    expect(recovered).toBe(true);
    const acknowledgedAtRecovery = acknowledged.length;
    await waitFor(async () => acknowledged.length >= acknowledgedAtRecovery + 10, 30_000);
    stop = true;
    await stream;

    expect(healthWhileDown.every((s) => s === 503)).toBe(true);
    expect(statuses.slice(downSince)).toContain(503);
    expect(await inboundTextsThroughApi(inbox)).toEqual(acknowledged);
  }, 180_000);
});

async function inboundTextsThroughApi(inbox: TestInbox): Promise<string[]> {
  const token = await inbox.login();
  const list = await inbox.api<{ items: Array<{ id: string }> }>('/api/cases?limit=200', { token });
  expect(list.body.items).toHaveLength(1);
  const detail = await inbox.api<{ messages: Array<{ text: string; direction: string }> }>(`/api/cases/${list.body.items[0].id}`, { token });
  return detail.body.messages.filter((m) => m.direction === 'inbound').map((m) => m.text);
}

async function postSms(url: string, text: string, sid: string): Promise<number> {
  const params = { AccountSid: ACCOUNT_SID, From: '+61400123123', To: '+61400000000', Body: text, MessageSid: sid, NumMedia: '0' };
  try {
    const res = await fetch(`${url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 503; // no answer at all counts as "not acknowledged": the provider retries
  }
}

/** A PostgreSQL server of our own (the embedded binaries), in a child process, on a fixed port so it can be restarted under the app. */
class PostgresServer {
  private constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(dataDir: string, port: number): Promise<PostgresServer> {
    const { child, url } = await PostgresServer.spawn(dataDir, port);
    return new PostgresServer(dataDir, port, child, url);
  }

  private static async spawn(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
    const module = join(ROOT, 'dist/libs/platform/src/database/embedded-postgres.js');
    const code = `require(${JSON.stringify(module)}).startEmbeddedPostgres(${JSON.stringify(dataDir)}, { database: 'inbox', port: ${port} })
      .then((h) => { console.log('URL ' + h.url); process.on('SIGTERM', () => h.stop().then(() => process.exit(0))); })
      .catch((e) => { console.error(e); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (d) => (output += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        output += d;
        const match = /URL (\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`PostgreSQL did not start (${code}): ${output}`)));
    });
    return { child, url };
  }

  /** A fast shutdown of the server itself, as `pg_ctl stop -m fast` does: every connection is cut. */
  async shutDown(): Promise<void> {
    const pidFile = join(this.dataDir, 'postgres', 'postmaster.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGINT');
    while (existsSync(pidFile)) await sleep(50);
    this.child.kill('SIGKILL');
  }

  async startAgain(): Promise<void> {
    const { child, url } = await PostgresServer.spawn(this.dataDir, this.port);
    expect(url).toBe(this.url);
    this.child = child;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(200);
  }
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
