import type { ChannelGenerator, InboxTarget } from './channel-generator';
import { DEMO_TELEGRAM, DemoUsageError, parseDemoOptions, type DemoOptions } from './demo-options';
import { channelGenerators, demoChannelSettings } from './generators';
import { startInbox, type StartedInbox } from './inbox-process';
import { planTraffic, type PlannedMessage } from './traffic-plan';
import { startMetaSandbox } from './meta-sandbox';
import { startTelegramSandbox } from './telegram-sandbox';
import { startTwilioSandbox } from './twilio-sandbox';

const MAX_IN_FLIGHT = 16;
const DEMO_ADMIN = { email: 'demo@inbox.local', password: 'demo-password' };

/**
 * `npm run demo`: realistic traffic through the inbox's real, signed webhooks
 * so the queue fills, the supervisor's charts move and an incident opens.
 */
async function main(): Promise<void> {
  const options = parseDemoOptions(process.argv.slice(2), process.env);
  const cleanup: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));

  let target: InboxTarget;
  let started: StartedInbox | undefined;
  if (options.url) {
    target = { url: options.url, publicUrl: options.publicUrl ?? options.url };
  } else {
    if (options.port === 0) throw new DemoUsageError('--port 0 needs --url: webhook signatures cover the inbox\'s public URL, so its port must be known');
    const publicUrl = options.publicUrl ?? `http://localhost:${options.port}`;
    let inboxUrl: string | undefined;
    const sandbox = await startTwilioSandbox(options.twilio.authToken, () => inboxUrl);
    cleanup.push(() => sandbox.close());
    const graph = await startMetaSandbox(options.meta!, () => inboxUrl);
    cleanup.push(() => graph.close());
    const telegram = await startTelegramSandbox(DEMO_TELEGRAM.botToken);
    cleanup.push(() => telegram.close());
    started = await startInbox(
      {
        DATA_DIR: './.data-demo',
        INBOX_ADMIN_EMAIL: DEMO_ADMIN.email,
        INBOX_ADMIN_PASSWORD: DEMO_ADMIN.password,
        PUBLIC_URL: publicUrl,
        LOG_LEVEL: 'warn',
        // A 30-day IDR clock shows nothing at risk within a demo: at 0.005% of it used (≈ 2 minutes) it does.
        AT_RISK_THRESHOLD: '0.00005',
        DEADLINE_SCHEDULER_INTERVAL_MS: '15000',
        SUPERVISOR_PUSH_INTERVAL_MS: '2000',
        ...demoChannelSettings(options, { twilioApiBase: sandbox.baseUrl, graphApiBase: graph.baseUrl, telegramApiRoot: telegram.apiRoot }),
      },
      options.port,
    );
    cleanup.push(() => started!.stop());
    inboxUrl = started.url;
    target = { url: started.url, publicUrl };
    process.stdout.write(
      `\n  Demo inbox: ${started.url}   sign in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}\n` +
        `  Supervisor dashboard: ${started.url}/#/supervisor   (data in ./.data-demo)\n\n`,
    );
  }

  const generators = channelGenerators(target, options);
  const result = await sendTraffic(options, generators);
  process.stdout.write(`\nSent ${result.sent} messages (${formatCounts(result.byChannel)}), ${result.failed} failed.\n`);
  if (result.failed > 0) process.stdout.write(`First failure: ${result.firstError}\n`);
  const ok = result.sent > 0 && result.failed <= result.sent * 0.05;

  if (started && ok) {
    process.stdout.write(`The inbox keeps running at ${started.url} — press Ctrl+C to stop it.\n`);
    return;
  }
  await stop();
  process.exit(ok ? 0 : 1);
}

async function sendTraffic(options: DemoOptions, generators: ChannelGenerator[]) {
  const byName = new Map(generators.map((g) => [g.channel, g]));
  const plan = planTraffic({ ratePerMinute: options.rate, durationMs: options.duration * 1000, burst: options.burst, seed: options.seed, channels: [...byName.keys()] });
  process.stdout.write(
    `Sending ${plan.length} messages over ${options.duration} s on ${[...byName.keys()].join(', ')} (≈ ${options.rate}/min` +
      `${options.burst ? `, a burst of ${options.burst} similar complaints at ${Math.round(options.duration * 0.4)} s` : ''}).\n`,
  );
  const start = Date.now();
  const byChannel: Record<string, number> = {};
  let sent = 0;
  let failed = 0;
  let firstError: string | undefined;
  const inFlight = new Set<Promise<void>>();
  let lastReport = start;

  const deliver = (message: PlannedMessage) => {
    const work = byName
      .get(message.channel)!
      .send(message)
      .then(() => {
        sent += 1;
        byChannel[message.channel] = (byChannel[message.channel] ?? 0) + 1;
      })
      .catch((error: unknown) => {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      })
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  };

  for (const message of plan) {
    const wait = start + message.atMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    deliver(message);
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      process.stdout.write(`  ${Math.round((Date.now() - start) / 1000)} s: ${sent} sent (${formatCounts(byChannel)}), ${failed} failed\n`);
    }
  }
  await Promise.all(inFlight);
  return { sent, failed, byChannel, firstError };
}

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
}

main().catch((error: unknown) => {
  if (error instanceof DemoUsageError && error.helpAsked) {
    process.stdout.write(`${error.message}\n`);
    process.exit(0);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof DemoUsageError ? 2 : 1);
});
