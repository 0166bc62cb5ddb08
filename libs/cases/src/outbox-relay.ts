import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUS, type Bus } from '@inbox/bus';
import type { TopicName, TopicPayloads } from '@inbox/contracts';

const RELAY_LOCK_ID = 271_00001;
const BATCH = 500;
const SWEEP_INTERVAL_MS = 1_000;

/**
 * Publishes what transactions wrote to the outbox, after they commit, and
 * again after a crash (ARCHITECTURE rule 3). One relay publishes at a time
 * (advisory lock), so events leave in the order they were written.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BUS) private readonly bus: Bus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Asks for a flush soon; concurrent requests coalesce into one more pass. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.flushUntilEmpty()
      .catch((error: unknown) => this.logger.warn({ msg: 'outbox flush failed; will retry', err: error }))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  private async flushUntilEmpty(): Promise<void> {
    for (;;) {
      const published = await this.flushBatch();
      if (published < BATCH) return;
    }
  }

  /** Publishes one batch and deletes it in the same transaction: a failed publish leaves the rows for later. */
  private async flushBatch(): Promise<number> {
    return this.db.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK_ID])) as Array<{
        locked: boolean;
      }>;
      if (!locked) {
        // Another process is relaying; it may finish before our rows commit, so look again shortly.
        setTimeout(() => void this.kick(), 25).unref();
        return 0;
      }
      const rows = (await em.query(`SELECT id, topic, key, payload FROM outbox ORDER BY id LIMIT $1`, [BATCH])) as Array<{
        id: string;
        topic: TopicName;
        key: string;
        payload: TopicPayloads[TopicName];
      }>;
      if (rows.length === 0) return 0;
      for (const group of groupConsecutiveByTopic(rows)) {
        await this.bus.publishMany(group.topic, group.records);
      }
      // Exactly the rows published: ids are taken before commit, so a lower id may become visible only now.
      await em.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}

function groupConsecutiveByTopic<T extends { topic: TopicName; key: string; payload: TopicPayloads[TopicName] }>(rows: T[]) {
  const groups: Array<{ topic: TopicName; records: Array<{ key: string; value: TopicPayloads[TopicName] }> }> = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.topic === row.topic) last.records.push({ key: row.key, value: row.payload });
    else groups.push({ topic: row.topic, records: [{ key: row.key, value: row.payload }] });
  }
  return groups;
}
