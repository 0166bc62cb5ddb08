import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, jobLeader, PeriodicJob, ScheduledService, type AppConfig } from '@inbox/platform';
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
export class RetentionScheduler extends ScheduledService {
  private readonly logger = new Logger(RetentionScheduler.name);
  protected readonly job: PeriodicJob;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: RetentionService,
  ) {
    super();
    this.job = new PeriodicJob(
      {
        name: 'retention sweep',
        intervalMs: config.privacy.checkIntervalMs,
        logger: this.logger,
        leader: jobLeader(config, RETENTION_LOCK_ID, 'retention'),
      },
      () => this.sweepIfDue(new Date()),
    );
  }

  /** One round at `now`: become or stay the leader, then sweep if tonight's is due. */
  tick(now = new Date()): Promise<void> {
    return this.job.runOnce(() => this.sweepIfDue(now));
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
}
