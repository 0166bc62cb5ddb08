import { ImapFlow } from 'imapflow';
import { io } from 'socket.io-client';
import type { Page } from 'playwright-core';
import { KafkaBus } from '../../libs/bus/src';
import { TOPICS, unpackCaseEvents, type InboundMessage } from '../../libs/contracts/src';
import { loadConfig } from '../../libs/platform/src/config/app-config';
import { launchChromium, VIEWPORT } from '../../test/support/browser';
import { startDovecot } from '../../test/support/dovecot';
import { startKafkaMockCluster } from '../../test/support/kafka-mock-cluster';
import { loginStaff } from '../../test/support/resyncing-agent';
import { postWebhook, signedWebhook, streamSender } from '../../test/support/signed-webhooks';
import { startSmtpReceiver } from '../../test/support/smtp-receiver';
import { BENCH_ADMIN, startBenchInbox, type BenchPostgres } from './environment';
import { round, summarize } from './proc-stats';

type Summary = ReturnType<typeof summarize>;

/**
 * How long the things the tests only bound take ("does not hang", generous
 * waits): the tests keep the behaviour, the figures live here.
 */
export interface TimingsResult {
  samples: number;
  /** Signed SMS webhook answered (the message is stored) → its row in the queue of two agents' workspaces in Chromium. */
  webhookToBrowserQueueMs: Summary;
  /** A mail APPENDed to the IMAP mailbox (Dovecot, IDLE) → `case.created` on an agent's socket. */
  imapAppendToAgentMs: Summary;
  /** KafkaBus with the production settings: the cluster gone, how long a publish takes to reject. */
  kafkaPublishRejectMs: Summary;
  /** KafkaBus.stop() with no handler in flight, the cluster gone. */
  kafkaStopAfterOutageMs: Summary;
  /** KafkaBus.stop() while a handler hangs: the shutdown grace period, then the record is abandoned uncommitted. */
  kafkaStopWithHungHandlerMs: Summary;
}

const AGENTS = [
  { email: 'bench-ann@bench.local', password: 'bench-agent-password-1', name: 'Ann Bench' },
  { email: 'bench-ben@bench.local', password: 'bench-agent-password-2', name: 'Ben Bench' },
];

export async function measureTimings(pg: BenchPostgres, samples: number, log: (line: string) => void): Promise<TimingsResult> {
  const webhookToBrowserQueueMs = summarize(await browserQueue(pg, samples));
  log(`  webhook → row in two browsers: p50 ${webhookToBrowserQueueMs.p50} ms, max ${webhookToBrowserQueueMs.max} ms`);
  const imapAppendToAgentMs = summarize(await imapToAgent(pg, samples));
  log(`  IMAP append → case.created on an agent socket: p50 ${imapAppendToAgentMs.p50} ms, max ${imapAppendToAgentMs.max} ms`);
  const bus = await kafkaBusTimings(Math.max(2, Math.ceil(samples / 4)));
  log(`  Kafka gone: publish rejects after p50 ${bus.kafkaPublishRejectMs.p50} ms; stop() with a hung handler ${bus.kafkaStopWithHungHandlerMs.p50} ms`);
  return { samples, webhookToBrowserQueueMs, imapAppendToAgentMs, ...bus };
}

/** The browser test's "a new complaint on two agents' screens", timed: from the webhook's answer to both rows. */
async function browserQueue(pg: BenchPostgres, samples: number): Promise<number[]> {
  const inbox = await startBenchInbox('embedded', await pg.createDatabase('bench_timings_browser'));
  const browser = await launchChromium();
  try {
    const url = inbox.gatewayUrls[0];
    const admin = await loginStaff(url, BENCH_ADMIN);
    for (const agent of AGENTS) {
      const res = await fetch(`${url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ ...agent, role: 'agent' }),
      });
      if (res.status !== 201) throw new Error(`creating ${agent.email}: ${res.status}`);
    }
    const pages: Page[] = [];
    for (const agent of AGENTS) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-AU', timezoneId: 'Australia/Sydney' });
      const page = await context.newPage();
      await page.goto(url);
      await page.getByLabel('Email').fill(agent.email);
      await page.getByLabel('Password').fill(agent.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
      pages.push(page);
    }
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const text = `Bench complaint ${i}: you charged my card twice for the same bill`;
      const status = await postWebhook(url, signedWebhook(streamSender('sms', 900 + i), text, `timing${i}`));
      if (status !== 200) throw new Error(`webhook answered ${status}`);
      const answered = performance.now();
      await Promise.all(pages.map((page) => page.getByTestId('queue-row').filter({ hasText: text }).waitFor({ timeout: 30_000 })));
      times.push(performance.now() - answered);
    }
    return times;
  } finally {
    await browser.close();
    await inbox.stop();
  }
}

/** The email test's "a mail becomes a case on the agent's socket", timed from the APPEND. */
async function imapToAgent(pg: BenchPostgres, samples: number): Promise<number[]> {
  const address = 'complaints@bench.local';
  const [dovecot, smtp] = await Promise.all([startDovecot({ user: address }), startSmtpReceiver()]);
  const inbox = await startBenchInbox('embedded', await pg.createDatabase('bench_timings_email'), {
    env: { IMAP_URL: dovecot.imapUrl(), SMTP_URL: smtp.url, MAIL_FROM: `Complaints <${address}>` },
  });
  const customer = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  customer.on('error', () => undefined);
  const url = inbox.gatewayUrls[0];
  const socket = io(`${url}/agents`, { auth: { token: await loginStaff(url, BENCH_ADMIN) }, transports: ['websocket'], reconnection: false });
  const arrivals = new Map<string, number>();
  socket.on('case.events', (frame: unknown) => {
    for (const event of unpackCaseEvents(frame)) if (event.type === 'case.created' && event.message?.text) arrivals.set(event.message.text, performance.now());
  });
  try {
    await new Promise((resolve, reject) => {
      socket.once('queue.snapshot', resolve);
      socket.once('connect_error', reject);
    });
    await customer.connect();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const body = `Bench mail ${i}: you charged my card twice this month.`;
      const raw = [`From: customer${i}@mail.bench`, `To: ${address}`, `Subject: Charged twice ${i}`, `Message-ID: <bench${i}.${Date.now()}@mail.bench>`, `Date: ${new Date().toUTCString()}`, 'Content-Type: text/plain; charset=utf-8', '', body].join('\r\n');
      const appended = performance.now();
      await customer.append('INBOX', raw);
      const deadline = appended + 30_000;
      while (!arrivals.has(body)) {
        if (performance.now() > deadline) throw new Error(`mail ${i} never reached the agent`);
        await new Promise((r) => setTimeout(r, 5));
      }
      times.push(arrivals.get(body)! - appended);
    }
    return times;
  } finally {
    socket.close();
    await customer.logout().catch(() => undefined);
    await inbox.stop();
    await smtp.close();
    await dovecot.close();
  }
}

/** KafkaBus as the app builds it (settings from loadConfig), on a mock cluster that then goes away. */
async function kafkaBusTimings(runs: number): Promise<Omit<TimingsResult, 'samples' | 'webhookToBrowserQueueMs' | 'imapAppendToAgentMs'>> {
  const reject: number[] = [];
  const stopAfterOutage: number[] = [];
  const stopWithHungHandler: number[] = [];
  const quiet = { warn: () => undefined, error: () => undefined };
  const probe = (seq: number) => ({ seq }) as unknown as InboundMessage;
  for (let run = 0; run < runs; run++) {
    const cluster = await startKafkaMockCluster({ partitions: 4 });
    const config = loadConfig({ KAFKA_BROKERS: cluster.brokers.join(','), DATABASE_URL: 'postgres://bench@127.0.0.1/unused', JWT_SECRET: 'x'.repeat(40) });
    // As libs/bus/src/bus.module.ts builds it (the default retry policy and shutdown grace period).
    const options = { brokers: cluster.brokers, clientId: `bench-timings-${run}`, consumer: config.kafka!.consumer, logger: quiet };

    // A handler that never finishes: stop() waits the grace period, then abandons the record.
    const hung = new KafkaBus(options);
    await hung.start();
    let started!: () => void;
    const handling = new Promise<void>((resolve) => (started = resolve));
    await hung.subscribe(TOPICS.inbound, { group: 'bench-hung', fromBeginning: true }, async () => {
      started();
      await new Promise(() => undefined);
    });
    await hung.publish(TOPICS.inbound, 'k', probe(1));
    await handling;
    let t = performance.now();
    await hung.stop();
    stopWithHungHandler.push(performance.now() - t);

    // The cluster goes away under a running bus.
    const bus = new KafkaBus(options);
    await bus.start();
    await bus.subscribe(TOPICS.outbound, { group: 'bench-sender', fromBeginning: true }, async () => undefined);
    await bus.publish(TOPICS.inbound, 'k', probe(2));
    await cluster.stop();
    t = performance.now();
    await bus.publish(TOPICS.inbound, 'k', probe(3)).then(
      () => {
        throw new Error('publish succeeded with the cluster gone');
      },
      () => undefined,
    );
    reject.push(performance.now() - t);
    t = performance.now();
    await bus.stop();
    stopAfterOutage.push(performance.now() - t);
  }
  return {
    kafkaPublishRejectMs: summarize(reject.map((x) => round(x))),
    kafkaStopAfterOutageMs: summarize(stopAfterOutage.map((x) => round(x))),
    kafkaStopWithHungHandlerMs: summarize(stopWithHungHandler.map((x) => round(x))),
  };
}
