import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type TopicName, type TopicPayloads } from '@inbox/contracts';

const BATCH = 500;
const SWEEP_INTERVAL_MS = 1_000;
/** Batches handed to the in-process bus before the first is handled (see OutboxLane). */
const LOCAL_BATCHES_IN_FLIGHT = 16;
/** When another process holds a lane: look again after this, doubling up to MAX_RETRY_MS while it stays busy. */
const FIRST_RETRY_MS = 25;
const MAX_RETRY_MS = 200;
/** How long one relay cycle holds its lane (and its transaction open) before it lets go and starts again. */
const CYCLE_MS = 2_000;

/**
 * One topic's share of the outbox. One process publishes a lane at a time
 * (an advisory lock held by the cycle's transaction), so its records leave in
 * the order they were written, and a row is deleted only once the bus has it.
 * Lanes are separate so a slow provider holding up replies (on the
 * in-process bus, publishing runs the dispatcher) never delays case events.
 *
 * On the in-process bus a publish resolves only when every follower has
 * handled the records (that is what makes deleting them safe), and the
 * slowest follower (the acknowledgements of a batch of complaints) takes far
 * longer than pushing an event to the agents. So several batches are in
 * flight at once (`inFlight`): the next is handed to the bus while the
 * followers are still on the last, and each batch's rows go when it is
 * handled. Handing over is synchronous and in order, so each follower still
 * sees one key's records in order. When a follower refuses a batch (a
 * dependency down after its retries) the rows stay and go again, at least
 * once: batches already handed over behind it may reach that follower first,
 * which its idempotent reactions allow. A broker (Kafka) gets one batch at a
 * time, so a retried send cannot overtake the next.
 */
class OutboxLane {
  private running: Promise<void> | null = null;
  private again = false;
  /** Set while a cycle waits on its batches in flight: a kick wakes it to look for new rows. */
  private wake: (() => void) | null = null;
  private retryMs = FIRST_RETRY_MS;
  /** Set while waiting to look again at a lane another process holds: kicks meanwhile wait for it. */
  private retryTimer: NodeJS.Timeout | null = null;
  stopped = false;

  constructor(
    private readonly topic: TopicName,
    private readonly lockId: number,
    private readonly db: DataSource,
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly inFlight: number,
  ) {}

  /** Asks for a flush soon; concurrent requests coalesce into one more pass. */
  kick(): Promise<void> {
    if (this.stopped || this.retryTimer) return Promise.resolve();
    if (this.running) {
      this.again = true;
      this.wake?.();
      return this.running;
    }
    this.running = this.cycle()
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.running;
  }

  /**
   * Publishes until the lane is empty (or the cycle has run CYCLE_MS, so no
   * transaction stays open for long), then waits for what is still in flight.
   * A failed batch keeps its rows; the next cycle publishes them again.
   */
  private async cycle(): Promise<void> {
    await this.db.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [this.lockId])) as Array<{ locked: boolean }>;
      if (!locked) {
        // Another process is relaying and publishes our rows too, unless they commit just as it lets go: look
        // again shortly, a little later each time it is still busy, rather than at every commit of ours.
        this.again = false;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.kick();
        }, this.retryMs);
        this.retryTimer.unref();
        this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
        return;
      }
      this.retryMs = FIRST_RETRY_MS;
      const pending = new Map<Promise<void>, string[]>();
      const failures: unknown[] = [];
      const until = Date.now() + CYCLE_MS;
      try {
        while (failures.length === 0 && !this.stopped) {
          if (pending.size >= this.inFlight) {
            await Promise.race(pending.keys());
            continue;
          }
          // What committed before this read is in it; a kick after it wakes the wait below. The rows in
          // flight are left out by id, not by a cursor: a lower id may commit after a higher one was read.
          this.again = false;
          const rows = (await em.query(
            `SELECT id, key, payload FROM outbox WHERE topic = $1 AND id <> ALL($3::bigint[]) ORDER BY id LIMIT $2`,
            [this.topic, BATCH, [...pending.values()].flat()],
          )) as Array<{ id: string; key: string; payload: TopicPayloads[TopicName] }>;
          if (rows.length > 0) {
            const ids = rows.map((r) => r.id);
            const handled: Promise<void> = this.bus
              .publishMany(this.topic, rows.map((r) => ({ key: r.key, value: r.payload })))
              // Exactly the rows published: ids are taken before commit, so a lower id may become visible only later.
              .then(() => this.db.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [ids]))
              .then(
                () => undefined,
                (error: unknown) => void failures.push(error),
              )
              .finally(() => pending.delete(handled));
            pending.set(handled, ids);
            continue;
          }
          if (pending.size === 0) return;
          if (Date.now() > until) break;
          // Kicked while it read: look again now rather than after a batch in flight is handled.
          if (this.again) continue;
          await Promise.race([...pending.keys(), new Promise<void>((resolve) => (this.wake = resolve))]);
          this.wake = null;
        }
      } finally {
        await Promise.all(pending.keys());
      }
      if (failures.length > 0) throw failures[0];
      // The cycle ran long with rows in flight: another one, in a new transaction.
      this.again = true;
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
    const inFlight = bus.kind === 'local' ? LOCAL_BATCHES_IN_FLIGHT : 1;
    this.lanes = [
      new OutboxLane(TOPICS.caseEvents, 271_00001, db, bus, this.logger, inFlight),
      new OutboxLane(TOPICS.outbound, 271_00003, db, bus, this.logger, inFlight),
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
