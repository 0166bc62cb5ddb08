import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startTestInbox, type TestInbox } from '../support/test-inbox';

const ROOT = resolve(__dirname, '../..');
const TWILIO = { TWILIO_ACCOUNT_SID: 'AC0000000000000000000000000000smoke', TWILIO_AUTH_TOKEN: 'smoke-test-auth-token' };
const PUBLIC_URL = 'https://inbox.example.test';

/** `npm run demo -- --duration 10` against a started inbox: its signed webhooks are accepted and become cases. */
describe('traffic simulator smoke run', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    inbox = await startTestInbox({ env: { ...TWILIO, TWILIO_API_BASE: twilio.baseUrl, PUBLIC_URL } });
    sql = new Client(inbox.db.url);
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await inbox?.close();
    await inbox?.db.drop();
    await twilio?.close();
  });

  it('sends English and Russian SMS and calls through the real webhooks, and they become cases', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', 'demo', '--silent', '--', '--duration', '10', '--rate', '90', '--burst', '6', '--url', inbox.url, '--public-url', PUBLIC_URL], {
      cwd: ROOT,
      env: { ...process.env, ...TWILIO, TWILIO_NUMBER: '+61255550100' },
      timeout: 120_000,
    });
    const sent = Number(/Sent (\d+) messages/.exec(stdout)?.[1]);
    expect(stdout).toMatch(/, 0 failed\./);
    expect(sent).toBeGreaterThanOrEqual(10);

    const { rows } = await sql.query(`SELECT channel, count(*)::int AS n, count(*) FILTER (WHERE text <> '')::int AS with_text FROM messages WHERE direction = 'inbound' GROUP BY channel`);
    const stored = Object.fromEntries(rows.map((r) => [r.channel, r]));
    expect((stored.sms?.n ?? 0) + (stored.voice?.n ?? 0)).toBe(sent);
    expect(stored.sms.n).toBeGreaterThan(0);
    // Each call's transcription became its message's text.
    expect(stored.voice.with_text).toBe(stored.voice.n);
    const cases = await sql.query(`SELECT count(*)::int AS n FROM cases`);
    expect(cases.rows[0].n).toBeGreaterThan(0);
    const cyrillic = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'inbound' AND text ~ '[а-яА-Я]'`);
    expect(cyrillic.rows[0].n).toBeGreaterThan(0);
    // The live volumes count exactly what was sent.
    const volumes = await inbox.api<{ channels: Record<string, Array<{ count: number }>> }>('/api/metrics/volumes', { token: await inbox.login() });
    expect(Object.values(volumes.body.channels).flat().reduce((n, p) => n + p.count, 0)).toBe(sent);
  });
});
