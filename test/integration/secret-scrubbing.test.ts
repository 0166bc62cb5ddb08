import { createServer, type Server } from 'node:http';
import type { Client } from 'pg';
import { JsonLogger } from '@inbox/platform';
import { startKafkaMockCluster, type KafkaMockCluster } from '../support/kafka-mock-cluster';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

const BOT_ID = '7000001';
const BOT_SECRET = 'AAE-never-in-a-log_0123456789abcdefXYZ';
const WEBHOOK_SECRET = 'scrub-webhook-secret_0123';

async function waitUntil<T>(check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Telegram's Bot API puts the bot token in every URL, and a network error
 * names the URL: telegraf redacts it from a failed connection, but not from an
 * answer that is no JSON (a proxy's HTML error page). With such a proxy in the
 * way, the automatic acknowledgement of a complaint fails until the bus gives
 * up on it: the logs, the dead letter and the message's delivery error all say
 * why — and none of them holds the token.
 */
describe('provider secrets never reach logs, dead letters or delivery errors', () => {
  let cluster: KafkaMockCluster;
  let inbox: TestInbox;
  let sql: Client;
  let proxy: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    cluster = await startKafkaMockCluster({ partitions: 1 });
    proxy = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>'));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const brokenProxy = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    ({ inbox, sql } = await startInboxSession({
      env: {
        KAFKA_BROKERS: cluster.brokers.join(','),
        KAFKA_MAX_WAIT_MS: '50',
        TELEGRAM_BOT_TOKEN: `${BOT_ID}:${BOT_SECRET}`,
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
        TELEGRAM_API_ROOT: brokenProxy,
        PUBLIC_URL: 'https://inbox.example.test',
      },
      logger: new JsonLogger('debug', {}, (line) => lines.push(line)),
    }, { signIn: false }));
  }, 120_000);

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await cluster?.stop();
    proxy?.close();
  });

  it('scrubs the bot token from every place a failed send is reported', async () => {
    const update = {
      update_id: 1,
      message: { message_id: 10, date: Math.floor(Date.now() / 1000), chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: 'Ann' }, text: 'You charged me twice and nobody answers' },
    };
    // Kafka consumers join in the background: the webhook is answered once the update is on the topic.
    const res = await fetch(`${inbox.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);

    const letter = await waitUntil(async () => {
      const { rows } = await sql.query(`SELECT topic, key, payload::text AS payload, error FROM dead_letters WHERE topic = 'inbox.outbound.v1'`);
      return rows[0] as { topic: string; payload: string; error: string } | undefined;
    }, 90_000);
    expect(letter.error).toMatch(/Telegram could not be reached/);
    expect(letter.error).toContain(`bot${BOT_ID}:[redacted]`);

    const { rows: outbound } = await sql.query(`SELECT id, case_id, delivery_error FROM messages WHERE direction = 'outbound' AND channel = 'telegram'`);
    expect(outbound[0].delivery_error).toMatch(/^Not sent yet, retrying: Telegram could not be reached/);
    const token = await inbox.login();
    const shown = await inbox.api(`/api/cases/${outbound[0].case_id}`, { token });

    const everything = [letter.error, letter.payload, outbound[0].delivery_error, JSON.stringify(shown.body), ...lines].join('\n');
    expect(everything).not.toContain(BOT_SECRET);
    // The logs did report the failures (so the check above looked at something).
    expect(lines.some((l) => l.includes('dead-letter'))).toBe(true);
    expect(lines.some((l) => l.includes(`bot${BOT_ID}:[redacted]`))).toBe(true);
  }, 120_000);
});
