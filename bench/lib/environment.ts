import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';
import { MIGRATIONS } from '../../libs/platform/src/database/migrations';
import { runMigrations } from '../../libs/platform/src/database/run-migrations';
import { spawnBuiltProcess, stopGracefully, type SpawnedProcess } from '../../test/support/built-app';
import { startKafkaMockCluster, type KafkaMockCluster } from '../../test/support/kafka-mock-cluster';
import { streamSender, webhookChannelEnv } from '../../test/support/signed-webhooks';
import { startGraphApiStandIn } from '../../test/support/graph-api-stand-in';
import { startTelegramStandIn, type TelegramStandIn } from '../../test/support/telegram-stand-in';
import { startTwilioStandIn } from '../../test/support/twilio-stand-in';

export const BENCH_ADMIN = { email: 'bench-admin@bench.local', password: 'bench-admin-password' };
const JWT_SECRET = 'bench-jwt-secret-that-is-long-enough-0123456789abcdef';

export interface BenchPostgres {
  adminUrl: string;
  postmasterPid: number;
  /** A fresh database, migrated; with `reuse`, the one of that name if it exists, migrated to the current schema. */
  createDatabase(name: string, options?: { reuse?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The embedded PostgreSQL (the same server `npm start` runs), in a temporary
 * directory, or in `keepIn` (kept after the run, so a seeded database can be
 * measured again: `--pg-dir`).
 */
export async function startBenchPostgres(keepIn?: string): Promise<BenchPostgres> {
  const dir = keepIn ?? (await mkdtemp(join(tmpdir(), 'inbox-bench-pg-')));
  // pg_stat_statements: the pipeline phases report statements per message (bench/lib/statements.ts).
  const handle = await startEmbeddedPostgres(dir, { database: 'postgres', serverSettings: { shared_preload_libraries: 'pg_stat_statements' } });
  const postmasterPid = Number((await readFile(join(dir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  return {
    adminUrl: handle.url,
    postmasterPid,
    async createDatabase(name, options = {}) {
      const admin = new Client(handle.url);
      await admin.connect();
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (!options.reuse || !rowCount) {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${name}`);
      }
      await admin.end();
      const url = new URL(handle.url);
      url.pathname = `/${name}`;
      const ds = new DataSource({ type: 'postgres', url: url.toString(), migrations: MIGRATIONS });
      await ds.initialize();
      await runMigrations(ds);
      await ds.destroy();
      return url.toString();
    },
    async stop() {
      await handle.stop();
      if (!keepIn) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchProcess {
  role: string;
  pid: number;
  url: string;
  process: SpawnedProcess;
}

export interface BenchInbox {
  mode: 'embedded' | 'kafka';
  /** Where webhooks go. */
  ingestUrls: string[];
  /** Where agents connect and the API answers. */
  gatewayUrls: string[];
  processes: BenchProcess[];
  stop(): Promise<void>;
}

/**
 * The inbox as the built app runs it: `embedded` is the one `inbox` process
 * (in-process bus); `kafka` is ingest, triage and gateway processes on the
 * librdkafka mock cluster. Both use the bench's PostgreSQL.
 */
/** The most distinct senders per channel a bench phase uses (WebhookSource's `senders`). */
export const STREAM_SENDERS = 5_000;

export async function startBenchInbox(
  mode: 'embedded' | 'kafka',
  databaseUrl: string,
  options: { perRole?: number; partitions?: number; kafkaEnv?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<BenchInbox> {
  const telegram: TelegramStandIn = await startTelegramStandIn();
  // Telegram knows the chat of everyone who wrote to the bot: the bench's senders (up to STREAM_SENDERS each).
  for (let i = 0; i < STREAM_SENDERS; i++) telegram.knowChat(Number(streamSender('telegram', i).address));
  // Every complaint gets an automatic acknowledgement on its channel: the provider APIs answer as they
  // would, so sending it is part of what is measured (a closed port would measure retries instead).
  const [twilio, graph] = await Promise.all([startTwilioStandIn(), startGraphApiStandIn()]);
  let cluster: KafkaMockCluster | undefined;
  const common: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    CODE_HASH_SECRET: 'bench-code-hash-secret-that-is-long-enough-0123456789',
    INBOX_ADMIN_EMAIL: BENCH_ADMIN.email,
    INBOX_ADMIN_PASSWORD: BENCH_ADMIN.password,
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOG_LEVEL: 'warn',
    ...webhookChannelEnv(telegram),
    TWILIO_API_BASE: twilio.baseUrl,
    META_GRAPH_API_BASE: graph.baseUrl,
    ...options.env,
  };
  const processes: BenchProcess[] = [];
  const spawn = async (role: 'inbox' | 'ingest' | 'triage' | 'gateway', name: string, env: Record<string, string>) => {
    // PORT=0: the process binds a free port itself (no window for a test running beside to take it).
    const process = await spawnBuiltProcess(role, { ...common, ...env, PORT: '0', INSTANCE_ID: name }, 180_000);
    processes.push({ role: name, pid: process.child.pid!, url: process.url.replace('localhost', '127.0.0.1'), process });
  };
  if (mode === 'embedded') {
    await spawn('inbox', 'inbox', {});
  } else {
    cluster = await startKafkaMockCluster({ partitions: options.partitions ?? 12 });
    const kafka = { KAFKA_BROKERS: cluster.brokers.join(','), KAFKA_MAX_WAIT_MS: '50', ...options.kafkaEnv };
    const perRole = options.perRole ?? 1;
    const starts: Array<Promise<void>> = [];
    for (const role of ['ingest', 'triage', 'gateway'] as const) {
      for (let i = 1; i <= perRole; i++) starts.push(spawn(role, `${role}-${i}`, kafka));
    }
    await Promise.all(starts);
  }
  const urls = (prefix: string) => processes.filter((p) => p.role === 'inbox' || p.role.startsWith(prefix)).map((p) => p.url);
  return {
    mode,
    ingestUrls: urls('ingest'),
    gatewayUrls: urls('gateway'),
    processes,
    async stop() {
      await Promise.all(processes.map((p) => stopGracefully(p.process.child)));
      await cluster?.stop();
      await Promise.all([telegram.close(), twilio.close(), graph.close()]);
    },
  };
}
