import { killHard, spawnBuiltProcess, stopGracefully, type SpawnedProcess } from './built-app';

export type ScaledRole = 'ingest' | 'triage' | 'gateway';

export const SCALED_ADMIN = { email: 'scale-admin@test.local', password: 'scale-admin-password' };
export const SCALED_JWT_SECRET = 'scale-out-jwt-secret-that-is-long-enough-0123456789';

/**
 * Group timings short enough that a killed member's partitions move within
 * seconds (a SIGKILLed consumer never leaves its group: the session timeout
 * decides when its partitions are handed to the others).
 */
export const FAST_KAFKA_ENV = {
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  KAFKA_HEARTBEAT_INTERVAL_MS: '500',
  KAFKA_REBALANCE_TIMEOUT_MS: '6000',
  KAFKA_MAX_WAIT_MS: '100',
};

/** One role instance as an OS process with a fixed port and instance id, so a restart is the same member. */
export class RoleProcess {
  private process?: SpawnedProcess;
  /** 0 until the first start: it binds any free port (no window for another process to take it), restarts take the same. */
  private boundPort = 0;

  constructor(
    readonly role: ScaledRole,
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.process?.child.pid;
  }

  get running(): boolean {
    const child = this.process?.child;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  output(): string {
    return this.process?.output() ?? '';
  }

  async start(): Promise<void> {
    this.process = await spawnBuiltProcess(this.role, { ...this.env, PORT: String(this.boundPort), INSTANCE_ID: this.name }, 120_000);
    this.boundPort = Number(new URL(this.process.url).port);
  }

  /** SIGKILL: what a crash or an OOM kill does. */
  async kill(): Promise<void> {
    if (this.process) await killHard(this.process.child);
  }

  async stop(): Promise<void> {
    if (this.process) await stopGracefully(this.process.child);
  }
}

export interface ScaledInbox {
  ingest: RoleProcess[];
  triage: RoleProcess[];
  gateway: RoleProcess[];
  all: RoleProcess[];
  stop(): Promise<void>;
}

/**
 * The inbox split into its roles, each as several built processes against one
 * PostgreSQL and one Kafka. `ingestEnv` carries the channels' settings.
 */
export async function startScaledInbox(options: {
  databaseUrl: string;
  brokers: string[];
  counts?: Partial<Record<ScaledRole, number>>;
  ingestEnv?: Record<string, string>;
  env?: Record<string, string>;
}): Promise<ScaledInbox> {
  const common = {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.brokers.join(','),
    JWT_SECRET: SCALED_JWT_SECRET,
    CODE_HASH_SECRET: 'scale-out-code-hash-secret-long-enough-0123456789',
    INBOX_ADMIN_EMAIL: SCALED_ADMIN.email,
    INBOX_ADMIN_PASSWORD: SCALED_ADMIN.password,
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...FAST_KAFKA_ENV,
    ...options.env,
  };
  const counts = { ingest: 2, triage: 2, gateway: 2, ...options.counts };
  const make = async (role: ScaledRole): Promise<RoleProcess[]> => {
    const list: RoleProcess[] = [];
    for (let i = 1; i <= counts[role]; i++) {
      list.push(new RoleProcess(role, `${role}-${i}`, role === 'ingest' ? { ...common, ...options.ingestEnv } : common));
    }
    return list;
  };
  const ingest = await make('ingest');
  const triage = await make('triage');
  const gateway = await make('gateway');
  const all = [...ingest, ...triage, ...gateway];
  const started = await Promise.allSettled(all.map((p) => p.start()));
  const stop = async () => {
    await Promise.allSettled(all.map((p) => p.stop()));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { ingest, triage, gateway, all, stop };
}
