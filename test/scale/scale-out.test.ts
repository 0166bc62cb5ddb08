import { buildApp } from '../support/built-app';
import { startKafkaMockCluster, type KafkaMockCluster } from '../support/kafka-mock-cluster';
import { ResyncingAgent, loginStaff } from '../support/resyncing-agent';
import { SCALED_ADMIN, startScaledInbox, type ScaledInbox } from '../support/scaled-inbox';
import { STREAM_CHANNELS, postWebhook, signedWebhook, streamSender, webhookChannelEnv, type SignedWebhook } from '../support/signed-webhooks';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { assertStoredOnceInOrder, waitUntil } from '../support/stream-checks';

const SENDERS_PER_CHANNEL = 8;
const MESSAGES_PER_SENDER = 6;
const AGENTS_PER_GATEWAY = 5;

/**
 * The roles scaled out as separate OS processes — 2 ingest, 2 triage, 2
 * gateways (the built app, as production runs it) — on the librdkafka mock
 * cluster and one PostgreSQL. A mixed stream of signed webhooks (SMS,
 * WhatsApp, Telegram, Messenger, Instagram) is spread over both ingest
 * processes, with every sender's messages alternating between them. SMS and
 * WhatsApp senders share phone numbers: one customer, whose records travel on
 * one partition key (the number) from both ingests. Two triage workers
 * writing for one customer at once is tested in triage-concurrency.test.ts.
 */
describe('scale-out: 2 ingest, 2 triage, 2 gateway processes on Kafka', () => {
  let cluster: KafkaMockCluster;
  let db: TestDatabase;
  let telegram: TelegramStandIn;
  let inbox: ScaledInbox | undefined;
  const agents: ResyncingAgent[] = [];

  beforeAll(async () => {
    [cluster, db, telegram] = await Promise.all([startKafkaMockCluster({ partitions: 6 }), createTestDatabase(), startTelegramStandIn(), buildApp()]);
  }, 300_000);

  afterAll(async () => {
    for (const agent of agents) agent.disconnect();
    await inbox?.stop();
    await telegram?.close();
    await db?.drop();
    await cluster?.stop();
  });

  it('stores every message once in sender order, one case per customer, and every agent gets every event', async () => {
    inbox = await startScaledInbox({ databaseUrl: db.url, brokers: cluster.brokers, ingestEnv: webhookChannelEnv(telegram) });
    const token = await loginStaff(inbox.gateway[0].url, SCALED_ADMIN);
    for (const gateway of inbox.gateway) {
      for (let i = 0; i < AGENTS_PER_GATEWAY; i++) agents.push(new ResyncingAgent(gateway.url, token));
    }
    await Promise.all(agents.map((a) => a.connect()));

    // Readiness: a gateway's consumer starts at the latest offset once it has joined its group, so probe
    // through each ingest until every agent on both gateways receives live events.
    // Triage stores a probe a moment after its webhook is acknowledged, so any earlier probe seen live by
    // every agent will do.
    let probes = 0;
    const probeTexts: string[] = [];
    await waitUntil(async () => {
      const hook = signedWebhook(streamSender('sms', 9_999), `Probe ${++probes}: you charged my card twice and I want a refund`, `9${probes}`);
      expect(await postWebhook(inbox!.ingest[probes % 2].url, hook)).toBe(200);
      probeTexts.push(hook.text);
      const seqs = await seqsOf(db, probeTexts);
      return seqs.some((seq) => agents.every((a) => a.live.has(seq)));
    }, 120_000, 1_000).catch(() => {
      throw new Error(`after ${probes} probes, agents on ${agents.filter((a) => a.live.size === 0).map((a) => a.baseUrl).join(', ') || 'no gateway'} still receive nothing`);
    });
    const [{ baseline }] = await db.query<{ baseline: string }>(`SELECT coalesce(max(seq), 0) AS baseline FROM case_events`);

    // The stream: every sender in parallel, each one's messages in order, alternating ingest processes.
    const sent = new Map<string, SignedWebhook[]>();
    let uid = 1_000;
    await Promise.all(
      STREAM_CHANNELS.flatMap((channel) =>
        Array.from({ length: SENDERS_PER_CHANNEL }, async (_, index) => {
          const sender = streamSender(channel, index);
          const mine: SignedWebhook[] = [];
          sent.set(`${channel}:${sender.address}`, mine);
          for (let m = 0; m < MESSAGES_PER_SENDER; m++) {
            const hook = signedWebhook(sender, `Complaint ${m} from ${channel} ${index}: you charged my card twice and I want a refund`, ++uid);
            // A provider that hears nothing within its timeout sends the same request again (Twilio retries);
            // on a loaded 2-core machine a 10 s wait happens, and the redelivery must still store the message once.
            let status = 0;
            for (let attempt = 0; attempt < 3 && status === 0; attempt++) status = await postWebhook(inbox!.ingest[(index + m + attempt) % 2].url, hook);
            expect(status).toBe(200);
            mine.push(hook);
          }
        }),
      ),
    );
    // Providers redeliver: the same signed requests again, to the other ingest process, change nothing.
    const replays = [...sent.values()].map((hooks, i) => ({ hook: hooks[i % hooks.length], to: inbox!.ingest[(i + 1) % 2].url }));
    for (const { hook, to } of replays) expect(await postWebhook(to, hook)).toBe(200);

    const total = SENDERS_PER_CHANNEL * STREAM_CHANNELS.length * MESSAGES_PER_SENDER;
    await assertStoredOnceInOrder(db, sent, total);

    // No case duplicated: one open case per customer, and an SMS sender and the WhatsApp sender with the
    // same number are one customer with one case, although their records took different partitions.
    const doubled = await db.query(`SELECT customer_id FROM cases GROUP BY customer_id HAVING count(*) > 1`);
    expect(doubled).toEqual([]);
    for (let index = 0; index < SENDERS_PER_CHANNEL; index++) {
      const phone = streamSender('sms', index).address;
      const rows = await db.query<{ channel: string; case_id: string }>(
        `SELECT DISTINCT m.channel, m.case_id FROM messages m JOIN identities i ON i.customer_id = m.customer_id WHERE i.address = $1`,
        [phone],
      );
      expect(rows.map((r) => r.channel).sort()).toEqual(['sms', 'whatsapp']);
      expect(new Set(rows.map((r) => r.case_id)).size).toBe(1);
    }

    // Every agent on either gateway received every case event of the stream that goes to queues, live
    // (a message's updates go only to the agents viewing its case: libs/gateway/src/socket-rooms.ts).
    const seqs = (
      await db.query<{ seq: string }>(`SELECT seq FROM case_events WHERE seq > $1 AND type <> 'message.updated' ORDER BY seq`, [baseline])
    ).map((r) => Number(r.seq));
    expect(seqs.length).toBeGreaterThanOrEqual(total);
    await waitUntil(async () => agents.every((a) => seqs.every((seq) => a.live.has(seq))), 30_000, 250).catch(() => {
      const worst = agents.map((a) => `${a.baseUrl}: ${seqs.filter((s) => !a.live.has(s)).length} missing`).join('; ');
      throw new Error(`agents missed live case events: ${worst}`);
    });

    // Every process healthy on Kafka (a consumer that a busy machine made restart says so for a moment).
    for (const role of inbox.all) {
      let last = '';
      await waitUntil(async () => {
        const res = await fetch(`${role.url}/health`);
        last = await res.text();
        return res.status === 200 && (JSON.parse(last) as { bus: { kind: string } }).bus.kind === 'kafka';
      }, 30_000, 250).catch(() => {
        throw new Error(`${role.name} is not healthy: ${last}`);
      });
    }
    process.stdout.write(`scale-out: ${total} messages from ${sent.size} senders over 2 ingest; ${seqs.length} events to ${agents.length} agents on 2 gateways\n`);
  }, 240_000);
});

async function seqsOf(db: TestDatabase, texts: string[]): Promise<number[]> {
  const rows = await db.query<{ seq: string }>(
    `SELECT e.seq FROM case_events e JOIN messages m ON e.payload->'message'->>'id' = m.id::text WHERE e.type = 'message.created' AND m.text = ANY($1)`,
    [texts],
  );
  return rows.map((r) => Number(r.seq));
}
