/**
 * npm run bench [-- --quick] [--only=baseline,pipeline,sockets,growth,timings] [--modes=embedded,kafka] [--agents=200]
 *   [--kafka-concurrency=4] [--pool-size=10] [--keep]
 *   [--sockets=5000] [--growth=10000,100000,1000000] [--seconds=20] [--kafka-per-role=1] [--timing-samples=20]
 *   [--pg-dir=DIR] [--reuse-growth]
 *
 * --pg-dir keeps the bench's PostgreSQL in DIR after the run; with --reuse-growth the growth phase then
 * starts from the cases already seeded there (migrated to the current schema) instead of seeding anew.
 * Measures the inbox as the built app runs (`dist/`), on loopback: signed
 * webhooks of every channel in, agents' Socket.IO events out. Results go to
 * bench/results/<name>.json and .md (name: `latest`, or `quick` with --quick).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp } from '../test/support/built-app';
import { ensureDebianPrerequisites } from '../test/support/debian-prerequisites';
import { loginStaff } from '../test/support/resyncing-agent';
import { rawPostgresRate } from './lib/baseline';
import { BENCH_ADMIN, STREAM_SENDERS, startBenchInbox, startBenchPostgres, type BenchInbox, type BenchPostgres } from './lib/environment';
import { explainReads, measureReads, seededCases, seedTo, type GrowthMeasure } from './lib/growth';
import { AgentFleet, WebhookSource, runPhase, type PhaseResult } from './lib/load';
import { UsageWindow, machine, round, type ProcessUsage } from './lib/proc-stats';
import { socketScale, type SocketScaleResult } from './lib/sockets';
import { StatementCounter, type StatementProfile } from './lib/statements';
import { waitUntilQuiet } from './lib/quiet';
import { comparisonWithPrevious, renderMarkdown } from './lib/report';
import { measureTimings } from './lib/timings';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'] as const;
  }),
);
const quick = args.has('quick');
const num = (name: string, full: number, fast: number) => Number(args.get(name) ?? (quick ? fast : full));
const settings = {
  quick,
  only: (args.get('only') ?? 'baseline,pipeline,sockets,growth,timings').split(','),
  modes: (args.get('modes') ?? 'embedded,kafka').split(',') as Array<'embedded' | 'kafka'>,
  agents: num('agents', 200, 50),
  socketAgents: num('sockets', 5000, 500),
  seconds: num('seconds', 20, 5),
  fixedSeconds: num('fixed-seconds', 15, 4),
  concurrency: num('concurrency', 64, 64),
  kafkaPerRole: num('kafka-per-role', 1, 1),
  kafkaConcurrency: num('kafka-concurrency', 4, 4),
  poolSize: num('pool-size', 10, 10),
  baselineSeconds: num('baseline-seconds', 15, 4),
  growth: (args.get('growth') ?? (quick ? '10000,50000' : '10000,100000,1000000')).split(',').map(Number),
  readSamples: num('read-samples', 50, 20),
  broadcasts: num('broadcasts', 30, 10),
  timingSamples: num('timing-samples', 20, 8),
};

export interface PipelineResult {
  mode: 'embedded' | 'kafka';
  processes: string[];
  agents: number;
  max: PhaseResult;
  sustainedMessagesPerSecond: number;
  atFractionOfMax: Array<PhaseResult & { fraction: number }>;
  usageAtMax: ProcessUsage[];
  statementsAtMax: StatementProfile;
  /** How long the inbox kept working after the saturated phase's last webhook was answered. */
  backlogSecondsAfterMax: number;
  /** The sustained rate as a fraction of the raw baseline, one transaction per message and set-based 100 per transaction. */
  ratioToRawPostgres?: { perMessage: number; setBased: number };
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function pipeline(pg: BenchPostgres, mode: 'embedded' | 'kafka', rawRate?: { perMessage: number; setBased: number }): Promise<PipelineResult> {
  log(`\n▶ pipeline, ${mode} mode`);
  const db = await pg.createDatabase(`bench_${mode}`);
  const statements = new StatementCounter(pg.adminUrl, `bench_${mode}`);
  const inbox = await startBenchInbox(mode, db, {
    perRole: settings.kafkaPerRole,
    kafkaEnv: { KAFKA_PARTITIONS_CONCURRENTLY: String(settings.kafkaConcurrency), DATABASE_POOL_SIZE: String(settings.poolSize) },
  });
  const fleet = new AgentFleet();
  try {
    const token = await loginStaff(inbox.gatewayUrls[0], BENCH_ADMIN);
    await fleet.connect(inbox.gatewayUrls, token, settings.agents);
    log(`  ${settings.agents} agents connected to ${inbox.gatewayUrls.length} gateway(s)`);
    const source = new WebhookSource(STREAM_SENDERS, `bench ${mode}`, mode === 'kafka' ? 5_000_000 : 1_000_000);
    const warm = await runPhase({ ingestUrls: inbox.ingestUrls, fleet, source, rate: 'max', seconds: 2, concurrency: settings.concurrency });
    log(`  warm-up: ${warm.acknowledged} messages`);
    await waitUntilQuiet(db, { lastDeliveryAt: () => fleet.lastEventAt });
    const usage = new UsageWindow([
      ...inbox.processes.map((p) => ({ name: p.role, pid: p.pid })),
      { name: 'postgresql', pid: pg.postmasterPid, tree: true },
      { name: 'bench client (load + agents)', pid: process.pid },
    ]);
    await statements.reset();
    const max = await runPhase({ ingestUrls: inbox.ingestUrls, fleet, source, rate: 'max', seconds: settings.seconds, concurrency: settings.concurrency });
    const usageAtMax = usage.finish();
    const statementsAtMax = await statements.read(max.acknowledged);
    log(`  ${statementsAtMax.perMessage} statements per message (${statementsAtMax.serverMsPerMessage} ms of server time)`);
    const sustained = Math.min(max.acknowledgedPerSecond, max.deliveredPerSecond);
    log(`  max: ${max.acknowledgedPerSecond}/s acknowledged, ${max.deliveredPerSecond}/s delivered to agents; p99 ${max.latencyMs.p99} ms`);
    const atFractionOfMax: PipelineResult['atFractionOfMax'] = [];
    // The saturated phase leaves work queued (acknowledgements, deliveries): each fixed rate starts idle.
    const backlogSeconds = await waitUntilQuiet(db, { lastDeliveryAt: () => fleet.lastEventAt });
    log(`  backlog after max: ${backlogSeconds} s of work`);
    for (const fraction of [0.25, 0.5, 0.8]) {
      if (fraction !== 0.25) await waitUntilQuiet(db, { lastDeliveryAt: () => fleet.lastEventAt });
      const phase = await runPhase({ ingestUrls: inbox.ingestUrls, fleet, source, rate: Math.max(1, sustained * fraction), seconds: settings.fixedSeconds });
      atFractionOfMax.push({ fraction, ...phase });
      log(`  ${fraction * 100}% (${phase.targetRate}/s): p50 ${phase.latencyMs.p50} ms, p95 ${phase.latencyMs.p95} ms, p99 ${phase.latencyMs.p99} ms`);
      log(`      p95 by channel: ${Object.entries(phase.latencyByChannelMs).map(([channel, l]) => `${channel} ${l.p95} ms`).join(', ')}`);
    }
    return {
      mode,
      processes: inbox.processes.map((p) => p.role),
      agents: settings.agents,
      max,
      sustainedMessagesPerSecond: sustained,
      atFractionOfMax,
      usageAtMax,
      statementsAtMax,
      backlogSecondsAfterMax: backlogSeconds,
      ratioToRawPostgres: rawRate ? { perMessage: round(sustained / rawRate.perMessage, 2), setBased: round(sustained / rawRate.setBased, 3) } : undefined,
    };
  } finally {
    fleet.close();
    await inbox.stop();
  }
}

async function growth(pg: BenchPostgres): Promise<GrowthMeasure[]> {
  log('\n▶ growth');
  const db = await pg.createDatabase('bench_growth', { reuse: args.has('reuse-growth') });
  let have = await seededCases(db);
  if (have) log(`  ${have} cases already seeded (--reuse-growth)`);
  const inbox: BenchInbox = await startBenchInbox('embedded', db);
  const results: GrowthMeasure[] = [];
  try {
    const token = await loginStaff(inbox.gatewayUrls[0], BENCH_ADMIN);
    for (const level of settings.growth) {
      if (level < have) continue;
      const seedSeconds = level > have ? await seedTo(db, have, level, log) : 0;
      have = level;
      const reads = await measureReads(inbox.gatewayUrls[0], token, settings.readSamples);
      const measure = { cases: level, messages: level * 5 + 195, seedSeconds, ...reads, plans: await explainReads(db) };
      results.push(measure);
      log(`  ${level} cases (seeded in ${seedSeconds} s): queue p95 ${reads.queueMs.p95} ms, case with 200 messages p95 ${reads.caseWith200MessagesMs.p95} ms, search p95 ${reads.searchMs.p95} ms, prefix search p95 ${reads.searchPrefixMs.p95} ms (${reads.searchPrefixHits} hits), first 40 characters p95 ${reads.searchCommonOpeningMs.p95} ms (${reads.searchCommonOpeningHits} hits), a word in half the messages p95 ${reads.searchHalfMs?.p95} ms EN / ${reads.searchHalfRuMs?.p95} ms RU (${reads.searchHalfHits} hits), supervisor overview p95 ${reads.overviewMs.p95} ms`);
    }
  } finally {
    await inbox.stop();
  }
  return results;
}

async function sockets(pg: BenchPostgres): Promise<SocketScaleResult> {
  log(`\n▶ socket scale: ${settings.socketAgents} agents on one gateway`);
  const db = await pg.createDatabase('bench_sockets');
  const inbox = await startBenchInbox('embedded', db);
  try {
    const token = await loginStaff(inbox.gatewayUrls[0], BENCH_ADMIN);
    const result = await socketScale({
      gatewayUrl: inbox.gatewayUrls[0],
      gatewayPid: inbox.processes[0].pid,
      ingestUrl: inbox.ingestUrls[0],
      token,
      agents: settings.socketAgents,
      broadcasts: settings.broadcasts,
    });
    log(`  ${result.memoryPerConnectionKb} KB per connection; broadcast p99 ${result.broadcastLatencyMs.p99} ms`);
    return result;
  } finally {
    await inbox.stop();
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const atStart = machine();
  log(`bench (${quick ? 'quick' : 'full'}) on ${atStart.cores} × ${atStart.cpu}, load average ${atStart.loadAverage.join(' ')}`);
  // The Kafka mode needs librdkafka's mock cluster (gcc, librdkafka-dev), the timings Chromium and Dovecot:
  // installed as `npm test` installs them, so a first `npm run bench` does not stop halfway.
  await ensureDebianPrerequisites(log);
  await buildApp();
  const pg = await startBenchPostgres(args.get('pg-dir'));
  const results: Record<string, unknown> = { settings, machineAtStart: atStart, startedAt: started.toISOString() };
  try {
    let rawRate: { perMessage: number; setBased: number } | undefined;
    if (settings.only.includes('baseline')) {
      log('\n▶ raw PostgreSQL baseline');
      const perMessage = await rawPostgresRate(await pg.createDatabase('bench_raw1'), { seconds: settings.baselineSeconds, senders: 5_000, connections: 10, perTransaction: 1 });
      const setBased = await rawPostgresRate(await pg.createDatabase('bench_raw100'), { seconds: settings.baselineSeconds, senders: 5_000, connections: 2, perTransaction: 100, setBased: true });
      rawRate = { perMessage: perMessage.messagesPerSecond, setBased: setBased.messagesPerSecond };
      results.baseline = { perMessage, setBased };
      log(`  ${perMessage.messagesPerSecond}/s one transaction per message; ${setBased.messagesPerSecond}/s set-based, 100 per transaction`);
    }
    if (settings.only.includes('pipeline')) {
      const runs: PipelineResult[] = [];
      for (const mode of settings.modes) runs.push(await pipeline(pg, mode, rawRate));
      results.pipeline = runs;
    }
    if (settings.only.includes('sockets')) results.sockets = await sockets(pg);
    if (settings.only.includes('growth')) results.growth = await growth(pg);
    if (settings.only.includes('timings')) {
      log('\n▶ timings the tests only bound (browser queue, email, Kafka outage)');
      results.timings = await measureTimings(pg, settings.timingSamples, log);
    }
  } finally {
    await pg.stop();
  }
  results.machineAtEnd = machine();
  results.seconds = round((Date.now() - started.getTime()) / 1000, 0);
  const name = args.get('name') ?? (quick ? 'quick' : 'latest');
  const dir = join(__dirname, 'results');
  await mkdir(dir, { recursive: true });
  // --keep: sections not run this time are taken from the previous results of the same name, marked as such.
  const sections = ['baseline', 'pipeline', 'sockets', 'growth', 'timings'] as const;
  const ranAt: Record<string, string> = {};
  for (const section of sections) if (settings.only.includes(section)) ranAt[section] = started.toISOString();
  if (args.has('keep')) {
    const previous = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8').catch(() => '{}')) as Record<string, unknown> & { sectionsRanAt?: Record<string, string> };
    for (const section of sections) {
      if (settings.only.includes(section) || previous[section] === undefined) continue;
      results[section] = previous[section];
      ranAt[section] = previous.sectionsRanAt?.[section] ?? String(previous.startedAt);
    }
  }
  results.sectionsRanAt = ranAt;
  const previous = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8').catch(() => 'null')) as Record<string, unknown> | null;
  const comparison = comparisonWithPrevious(results, previous ?? undefined);
  if (comparison.length) log(`\n${comparison.join('\n')}`);
  await writeFile(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(dir, `${name}.md`), renderMarkdown(results, previous ?? undefined));
  log(`\nresults: bench/results/${name}.json and .md (${results.seconds} s)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
