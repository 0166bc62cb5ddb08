import { buildApp } from '../support/built-app';
import { startKafkaMockCluster, type KafkaMockCluster } from '../support/kafka-mock-cluster';
import { ResyncingAgent, loginStaff } from '../support/resyncing-agent';
import { SCALED_ADMIN, startScaledInbox, type RoleProcess, type ScaledInbox } from '../support/scaled-inbox';
import { STREAM_CHANNELS, postWebhook, signedWebhook, streamSender, webhookChannelEnv, type SignedWebhook, type StreamSender } from '../support/signed-webhooks';
import { assertStoredOnceInOrder, waitUntil } from '../support/stream-checks';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const SENDERS_PER_CHANNEL = 4;
const KILLS = 12;
/**
 * A sender's pause between messages: 20 senders then offer about 130 messages/s, within what two triage
 * workers absorb on this 2-core machine while everything else runs too, so the checks at the end wait
 * for the faults' effects and not for a backlog (throughput is the benchmark's business).
 */
const SENDER_PAUSE_MS = 150;

/**
 * Kafka mode under faults, with the roles as separate built processes (2
 * ingest, 2 triage, 2 gateways): the brokers go away mid-stream and come
 * back; then ingest, triage and gateway processes are killed with SIGKILL at
 * random moments and restarted. Providers retry anything that did not get a
 * 2xx (on either ingest, as behind a load balancer); agents fail over to the
 * live gateway and resync by sequence. Afterwards: every acknowledged message
 * is stored exactly once, in its sender's order, and every agent has every
 * case event.
 */
describe('Kafka mode under faults (separate processes, librdkafka mock cluster)', () => {
  let cluster: KafkaMockCluster;
  let db: TestDatabase;
  let telegram: TelegramStandIn;
  let inbox: ScaledInbox;
  let token: string;
  const agents: ResyncingAgent[] = [];
  let uid = 10_000;

  beforeAll(async () => {
    [cluster, db, telegram] = await Promise.all([startKafkaMockCluster({ partitions: 6 }), createTestDatabase(), startTelegramStandIn(), buildApp()]);
    inbox = await startScaledInbox({ databaseUrl: db.url, brokers: cluster.brokers, ingestEnv: webhookChannelEnv(telegram) });
    token = await loginStaff(inbox.gateway[0].url, SCALED_ADMIN);
    const urls = inbox.gateway.map((g) => g.url);
    for (let i = 0; i < 4; i++) agents.push(new ResyncingAgent(i % 2 ? [...urls].reverse() : urls, token));
    await Promise.all(agents.map((a) => a.connect()));
    step('2 ingest, 2 triage, 2 gateways up; agents connected');
  }, 300_000);

  afterAll(async () => {
    for (const agent of agents) agent.disconnect();
    await inbox?.stop();
    await telegram?.close();
    await db?.drop();
    await cluster?.stop();
  });

  /** A provider: delivers each message until it gets a 2xx, alternating ingest processes on failure. */
  function provider(sender: StreamSender, acknowledged: SignedWebhook[], statuses: number[], keepGoing: () => boolean) {
    return async () => {
      while (keepGoing()) {
        const hook = signedWebhook(sender, `Complaint ${++uid} from ${sender.channel} ${sender.index}: you charged my card twice and I want a refund`, uid);
        for (let attempt = 0; ; attempt++) {
          const status = await postWebhook(inbox.ingest[(sender.index + attempt) % inbox.ingest.length].url, hook, 15_000);
          statuses.push(status);
          if (status >= 200 && status < 300) break;
          if (status >= 400 && status < 500) throw new Error(`webhook refused with ${status}`);
          await sleep(Math.min(500, 25 * 2 ** Math.min(attempt, 5)));
        }
        acknowledged.push(hook);
        await sleep(SENDER_PAUSE_MS);
      }
    };
  }

  function startStream(senderIndexOffset: number, keepGoing: () => boolean) {
    const sent = new Map<string, SignedWebhook[]>();
    const statuses: number[] = [];
    const runs = STREAM_CHANNELS.flatMap((channel) =>
      Array.from({ length: SENDERS_PER_CHANNEL }, (_, i) => {
        const sender = streamSender(channel, senderIndexOffset + i);
        const acknowledged: SignedWebhook[] = [];
        sent.set(`${channel}:${sender.address}`, acknowledged);
        return provider(sender, acknowledged, statuses, keepGoing)();
      }),
    );
    return { sent, statuses, done: Promise.all(runs) };
  }

  async function allEventsReachEveryAgent(): Promise<number> {
    const seqs = (await db.query<{ seq: string }>(`SELECT seq FROM case_events ORDER BY seq`)).map((r) => Number(r.seq));
    await waitUntil(
      async () => {
        await Promise.all(agents.filter((a) => a.connected).map((a) => a.resync()));
        return agents.every((a) => a.connected && a.missing(seqs).length === 0);
      },
      60_000,
      500,
    ).catch(() => {
      throw new Error(`agents miss events: ${agents.map((a) => a.missing(seqs).length).join(', ')} of ${seqs.length}`);
    });
    return seqs.length;
  }

  it('answers 503 while the brokers are down, says so on /health, and resumes by itself when they are back', async () => {
    let streaming = true;
    const stream = startStream(0, () => streaming);
    // A message sent while Kafka is unreachable is refused, so the provider keeps it and retries.
    const refused = signedWebhook(streamSender('sms', 900), 'Sent during the outage: you charged my card twice and I want a refund', 900_001);
    try {
      await waitUntil(async () => [...stream.sent.values()].every((m) => m.length >= 2), 60_000);

      step('brokers down');
      await cluster.down();
      const downAt = Date.now();
      await waitUntil(async () => (await postWebhook(inbox.ingest[0].url, refused)) === 503, 30_000, 250);
      for (const role of [inbox.ingest[1], inbox.triage[0], inbox.gateway[0]]) {
        await waitUntil(async () => {
          const res = await fetch(`${role.url}/health`);
          const body = (await res.json()) as { bus: { ok: boolean; kind: string } };
          return res.status === 503 && body.bus.kind === 'kafka' && !body.bus.ok;
        }, 30_000, 250);
      }
      const acknowledgedAtDown = [...stream.sent.values()].reduce((n, m) => n + m.length, 0);
      await sleep(Math.max(0, 3_000 - (Date.now() - downAt)));
      step('brokers up');
      await cluster.up();

      // Back: the refused message goes in on retry, consumers reconnect, health recovers everywhere.
      await waitUntil(async () => (await postWebhook(inbox.ingest[0].url, refused)) === 200, 60_000, 250);
      for (const role of inbox.all) {
        let last = '';
        await waitUntil(async () => {
          const res = await fetch(`${role.url}/health`);
          last = `${res.status} ${await res.text()}`;
          return res.status === 200;
        }, 90_000, 250).catch(() => {
          throw new Error(`${role.name} /health did not recover after the outage: ${last}`);
        });
      }
      step('every role healthy again');
      const target = acknowledgedAtDown + 60;
      await waitUntil(async () => [...stream.sent.values()].reduce((n, m) => n + m.length, 0) >= target, 60_000);
    } finally {
      streaming = false;
    }
    await stream.done;

    expect(stream.statuses).toContain(503);
    const total = [...stream.sent.values()].reduce((n, m) => n + m.length, 0);
    stream.sent.set('sms:outage', [refused]);
    step(`stream done: ${total} acknowledged`);
    await assertStoredOnceInOrder(db, stream.sent, total + 1);
    step('stored once in order');
    const events = await allEventsReachEveryAgent();
    process.stdout.write(`kafka outage: ${total + 1} acknowledged messages stored once; ${stream.statuses.filter((s) => s === 503).length} answers 503 while down; ${events} events to every agent\n`);
  }, 240_000);

  it(`loses nothing acknowledged across ${KILLS} kill -9 of ingest, triage and gateway processes`, async () => {
    let streaming = true;
    const stream = startStream(100, () => streaming);
    const killed: string[] = [];
    const roles: RoleProcess[][] = [inbox.ingest, inbox.triage, inbox.gateway];
    const restarting = new Map<RoleProcess, Promise<void>>();
    try {
      for (let k = 0; k < KILLS; k++) {
        await sleep(300 + Math.random() * 1_200);
        // Each role in turn; a process still coming back from its last crash is not killed again.
        const candidates = roles[k % roles.length].filter((p) => !restarting.has(p));
        if (candidates.length === 0) await Promise.race(roles[k % roles.length].map((p) => restarting.get(p)));
        const pool = candidates.length ? candidates : roles[k % roles.length].filter((p) => !restarting.has(p));
        const victim = pool[Math.floor(Math.random() * pool.length)];
        await victim.kill();
        killed.push(victim.name);
        step(`killed ${victim.name} (${killed.length}/${KILLS})`);
        // A supervisor (systemd, Kubernetes) brings a crashed process back after a moment; the next
        // kill does not wait for it, so crashes overlap with other processes' restarts.
        restarting.set(
          victim,
          sleep(Math.random() * 500)
            .then(() => victim.start())
            .then(() => step(`restarted ${victim.name}`))
            .finally(() => restarting.delete(victim)),
        );
      }
      await Promise.all(restarting.values());
      // A little more traffic after the last restart, then stop.
      const before = [...stream.sent.values()].reduce((n, m) => n + m.length, 0);
      await waitUntil(async () => [...stream.sent.values()].reduce((n, m) => n + m.length, 0) >= before + 40, 60_000);
    } finally {
      streaming = false;
    }
    await stream.done;

    const total = [...stream.sent.values()].reduce((n, m) => n + m.length, 0);
    expect(total).toBeGreaterThan(100);
    step(`stream done: ${total} acknowledged`);
    await assertStoredOnceInOrder(db, stream.sent, total, 90_000);
    step('stored once in order');
    const doubled = await db.query(`SELECT customer_id FROM cases GROUP BY customer_id HAVING count(*) > 1`);
    expect(doubled).toEqual([]);
    const events = await allEventsReachEveryAgent();
    const failovers = agents.reduce((n, a) => n + a.reconnects, 0);
    process.stdout.write(
      `kafka chaos: ${killed.length} kill -9 (${killed.join(', ')}); ${total} acknowledged messages stored once in order; ` +
        `${events} events to every agent after ${failovers} failovers\n`,
    );
  }, 420_000);
});

/** Progress on stderr, so a slow run shows where it is. */
function step(what: string): void {
  process.stderr.write(`[kafka-faults ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
