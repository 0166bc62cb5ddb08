import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'pg';
import { startGraphApiStandIn, type GraphApiStandIn } from '../support/graph-api-stand-in';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

const ROOT = resolve(__dirname, '../..');
const TWILIO = { TWILIO_ACCOUNT_SID: 'AC0000000000000000000000000000smoke', TWILIO_AUTH_TOKEN: 'smoke-test-auth-token' };
const META_APP_SECRET = 'smoke-meta-app-secret';
const TELEGRAM_WEBHOOK_SECRET = 'smoke-telegram-webhook-secret';
const PUBLIC_URL = 'https://inbox.example.test';
const CHANNELS = ['sms', 'voice', 'whatsapp', 'messenger', 'facebook', 'telegram', 'webchat'];

/** `npm run demo -- --duration 10` against a started inbox: its signed webhooks and web chat visitors are accepted and become cases. */
describe('traffic simulator smoke run', () => {
  let twilio: TwilioStandIn;
  let graph: GraphApiStandIn;
  let telegram: TelegramStandIn;
  let inbox: TestInbox;
  let sql: Client;

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    graph = await startGraphApiStandIn();
    telegram = await startTelegramStandIn();
    ({ inbox, sql } = await startInboxSession({
      env: {
        ...TWILIO,
        TWILIO_API_BASE: twilio.baseUrl,
        PUBLIC_URL,
        META_APP_SECRET,
        META_PAGE_ACCESS_TOKEN: 'smoke-page-token',
        META_GRAPH_API_BASE: graph.baseUrl,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_WEBHOOK_SECRET,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        WEBCHAT_ENABLED: 'true',
      },
    }, { signIn: false }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
    await graph?.close();
    await telegram?.close();
  });

  it('sends English and Russian traffic on every channel through the real webhooks and web chat, and it becomes cases', async () => {
    // The inbox set its Telegram webhook at start: webhook mode, as the demo drives it.
    expect(telegram.calls('setWebhook').at(-1)?.params).toMatchObject({ url: `${PUBLIC_URL}/webhooks/telegram`, secret_token: TELEGRAM_WEBHOOK_SECRET });

    const { stdout } = await promisify(execFile)('npm', ['run', 'demo', '--silent', '--', '--duration', '10', '--rate', '90', '--burst', '6', '--url', inbox.url, '--public-url', PUBLIC_URL], {
      cwd: ROOT,
      env: { ...process.env, ...TWILIO, TWILIO_NUMBER: '+61255550100', META_APP_SECRET, TELEGRAM_WEBHOOK_SECRET },
      timeout: 120_000,
    });
    const sent = Number(/Sent (\d+) messages/.exec(stdout)?.[1]);
    expect(stdout).toMatch(/, 0 failed\./);
    expect(sent).toBeGreaterThanOrEqual(10);

    const { rows } = await sql.query(`SELECT channel, count(*)::int AS n, count(*) FILTER (WHERE text <> '')::int AS with_text FROM messages WHERE direction = 'inbound' GROUP BY channel`);
    const stored: Record<string, { n: number; with_text: number }> = Object.fromEntries(rows.map((r) => [r.channel, r]));
    expect(Object.values(stored).reduce((n, r) => n + r.n, 0)).toBe(sent);
    expect(CHANNELS.filter((channel) => !(stored[channel]?.n > 0))).toEqual([]);
    // Each message kept its text (each call's transcription became its message's text).
    for (const channel of CHANNELS) expect({ channel, withText: stored[channel].with_text }).toEqual({ channel, withText: stored[channel].n });

    // Every channel's opening complaint is a case the agents see on that channel.
    const token = await inbox.login();
    const withoutCases: string[] = [];
    for (const channel of CHANNELS) {
      const cases = await inbox.api<{ items: Array<{ channel: string }> }>(`/api/cases?channel=${channel}`, { token });
      expect(cases.status).toBe(200);
      if (!cases.body.items.some((c) => c.channel === channel)) withoutCases.push(channel);
    }
    expect(withoutCases).toEqual([]);

    // A returning customer wrote on WhatsApp and texted or called from the same number: one customer (the plan is fixed by the default --seed).
    const acrossChannels = await sql.query(
      `SELECT customer_id FROM messages WHERE direction = 'inbound' GROUP BY customer_id
       HAVING bool_or(channel = 'whatsapp') AND bool_or(channel IN ('sms', 'voice'))`,
    );
    expect(acrossChannels.rows.length).toBeGreaterThan(0);
    const cyrillic = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'inbound' AND text ~ '[а-яА-Я]'`);
    expect(cyrillic.rows[0].n).toBeGreaterThan(0);
    // The live volumes count exactly what was sent.
    const volumes = await inbox.api<{ channels: Record<string, Array<{ count: number }>> }>('/api/metrics/volumes', { token });
    expect(Object.values(volumes.body.channels).flat().reduce((n, p) => n + p.count, 0)).toBe(sent);
  });
});
