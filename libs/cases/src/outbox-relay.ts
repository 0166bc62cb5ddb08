import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type TopicName, type TopicPayloads } from '@inbox/contracts';

const BATCH = 500;
const SWEEP_INTERVAL_MS = 1_000;

/**
 * One topic's share of the outbox. One process publishes a lane at a time
 * (advisory lock), so its records leave in the order they were written.
 * Lanes are separate so a slow provider holding up replies (on the
 * in-process bus, publishing runs the dispatcher) never delays case events.
 */
class OutboxLane {
  private running: Promise<void> | null = null;
  private again = false;
  stopped = false;

  constructor(
    private readonly topic: TopicName,
    private readonly lockId: number,
    private readonly db: DataSource,
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  /** Asks for a flush soon; concurrent requests coalesce into one more pass. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.flushUntilEmpty()
      .catch((error: unknown) => this.logger.warn({ msg: 'outbox flush failed; will retry', topic: this.topic, err: error }))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.kick();
        }
      });
    return this.running;
  }

  async drain(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async flushUntilEmpty(): Promise<void> {
    while ((await this.flushBatch()) === BATCH) {
      // a full batch: there may be more
    }
  }

  /** Publishes one batch and deletes it in the same transaction: a failed publish leaves the rows for later. */
  private async flushBatch(): Promise<number> {
    return this.db.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [this.lockId])) as Array<{ locked: boolean }>;
      if (!locked) {
        // Another process is relaying; it may finish before our rows commit, so look again shortly.
        setTimeout(() => void this.kick(), 25).unref();
        return 0;
      }
      const rows = (await em.query(`SELECT id, key, payload FROM outbox WHERE topic = $1 ORDER BY id LIMIT $2`, [
        this.topic,
        BATCH,
      ])) as Array<{ id: string; key: string; payload: TopicPayloads[TopicName] }>;
      if (rows.length === 0) return 0;
      await this.bus.publishMany(this.topic, rows.map((r) => ({ key: r.key, value: r.payload })));
      // Exactly the rows published: ids are taken before commit, so a lower id may become visible only now.
      await em.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}

/**
 * Publishes what transactions wrote to the outbox, after they commit, and
 * again after a crash (docs/architecture.md rule 3).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly lanes: OutboxLane[];
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() db: DataSource, @Inject(BUS) bus: Bus) {
    this.lanes = [
      new OutboxLane(TOPICS.caseEvents, 271_00001, db, bus, this.logger),
      new OutboxLane(TOPICS.outbound, 271_00003, db, bus, this.logger),
    ];
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.kick(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    void this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.lanes.map((lane) => lane.drain()));
  }

  /** Flush every lane soon (after a transaction that wrote to the outbox commits). */
  async kick(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.kick()));
  }
}
