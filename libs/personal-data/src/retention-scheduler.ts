import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { retentionSweepDue } from '@inbox/privacy';
import { RetentionService } from './retention.service';

/** The session-level advisory lock that makes one process the retention sweep's leader. */
export const RETENTION_LOCK_ID = 271_00020;

/**
 * Runs the retention sweep once a night (RETENTION_RUN_HOUR in TIMEZONE). One
 * process leads: it holds a PostgreSQL advisory lock on a connection of its
 * own, opened for that and never returned to the pool (a lock held on a
 * pooled connection once starved the pool); if that connection dies the lock
 * goes with it and another process takes over. `retention_runs` has one row
 * per local day, so even two leaders in a split second sweep once.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private lock: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: RetentionService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.privacy.checkIntervalMs);
    this.timer.unref();
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.resign();
  }

  get isLeader(): boolean {
    return this.lock !== null;
  }

  tick(now = new Date()): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = (async () => {
      try {
        if (await this.holdLeadership()) await this.sweepIfDue(now);
      } catch (error) {
        this.logger.warn({ msg: 'retention sweep failed; will retry', err: error });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async sweepIfDue(now: Date): Promise<void> {
    const [last] = (await this.db.query(`SELECT to_char(max(local_day), 'YYYY-MM-DD') AS day FROM retention_runs`)) as Array<{ day: string | null }>;
    const { due, localDay } = retentionSweepDue({ now, timeZone: this.config.timeZone, runHour: this.config.privacy.runHour, lastRunLocalDay: last?.day ?? null });
    if (!due) return;
    const claimed = (await this.db.query(`INSERT INTO retention_runs (local_day) VALUES ($1) ON CONFLICT DO NOTHING RETURNING local_day`, [localDay])) as unknown[];
    if (claimed.length === 0) return;
    const summary = await this.retention.run(now);
    await this.db.query(`UPDATE retention_runs SET summary = $2 WHERE local_day = $1`, [localDay, JSON.stringify(summary)]);
    this.logger.log({ msg: 'retention sweep done', day: localDay, ...summary });
  }

  private async holdLeadership(): Promise<boolean> {
    if (this.lock) {
      try {
        await this.lock.query('SELECT 1');
        return true;
      } catch (error) {
        this.logger.warn({ msg: 'lost the retention lock connection; standing by', err: error });
        await this.resign();
        return false;
      }
    }
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'inbox-retention-leader' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock($1) AS locked`, [RETENTION_LOCK_ID]);
      if (!rows[0]?.locked) {
        await client.end();
        return false;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.lock = client;
    this.logger.log({ msg: 'this process now leads the retention sweep', instance: this.config.instanceId });
    return true;
  }

  private async resign(): Promise<void> {
    const client = this.lock;
    this.lock = null;
    if (!client) return;
    await client.query(`SELECT pg_advisory_unlock($1)`, [RETENTION_LOCK_ID]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
