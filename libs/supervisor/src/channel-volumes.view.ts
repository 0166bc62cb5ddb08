import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ChannelVolumes, VolumesToday } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { minuteOf, volumeSeries, VOLUME_WINDOW_MINUTES } from './volume-series';


export interface VolumesSnapshot {
  volumes: ChannelVolumes;
  today: VolumesToday;
  refreshedAt: Date;
}

/** A supervisor connecting within this long of the last refresh gets it from memory. */
const FRESH_MS = 1_000;
const PRUNE_EVERY_MS = 3600_000;

/**
 * This gateway's in-memory view of the live volumes. The counts themselves
 * are written by the database in each message's own transaction (see the
 * SupervisorMetrics migration), so every gateway and triage instance shares
 * one exact figure; refreshing reads at most minutes × channels × writer
 * connections rows of `channel_volume_minutes` through its primary key — never
 * the messages table.
 */
@Injectable()
export class ChannelVolumesView {
  private snapshot: VolumesSnapshot | null = null;
  private refreshing: Promise<VolumesSnapshot> | null = null;
  private lastPrune = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The figures as of the last refresh when it is under a second old (a supervisor connecting), else read again. */
  async recent(): Promise<VolumesSnapshot> {
    if (this.snapshot && Date.now() - this.snapshot.refreshedAt.getTime() < FRESH_MS) return this.snapshot;
    return this.refresh();
  }

  /** The figures including everything committed before this call (REST). */
  current(): Promise<VolumesSnapshot> {
    return this.load(new Date());
  }

  /** Reads the counters again; concurrent callers share one query. */
  refresh(): Promise<VolumesSnapshot> {
    this.refreshing ??= this.load(new Date()).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async load(now: Date): Promise<VolumesSnapshot> {
    const windowStart = new Date(minuteOf(now).getTime() - (VOLUME_WINDOW_MINUTES - 1) * 60_000);
    const [{ today_start: todayStart }] = (await this.db.query(
      `SELECT date_trunc('day', $1::timestamptz AT TIME ZONE $2) AT TIME ZONE $2 AS today_start`,
      [now, this.config.timeZone],
    )) as Array<{ today_start: Date }>;
    const since = todayStart < windowStart ? todayStart : windowStart;
    const rows = (await this.db.query(
      `SELECT channel, minute, sum(count)::int AS count FROM channel_volume_minutes WHERE minute >= $1 GROUP BY channel, minute`,
      [since],
    )) as Array<{ channel: string; minute: Date; count: number }>;
    const today: Record<string, number> = {};
    for (const r of rows) if (r.minute >= todayStart) today[r.channel] = (today[r.channel] ?? 0) + r.count;
    this.snapshot = {
      volumes: volumeSeries(rows, now, Object.keys(today)),
      today: { since: todayStart.toISOString(), channels: today },
      refreshedAt: now,
    };
    await this.pruneOccasionally(now);
    return this.snapshot;
  }

  /** Reports count from the messages table; the counters only serve today and the last hour. */
  private async pruneOccasionally(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    await this.db.query(`DELETE FROM channel_volume_minutes WHERE minute < $1::timestamptz - interval '3 days'`, [now]);
  }
}
