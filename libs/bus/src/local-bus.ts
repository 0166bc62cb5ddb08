import { DomainError, isPermanentError, type TopicName, type TopicPayloads } from '@inbox/contracts';
import type { BatchOptions, Bus, BusBatchHandler, BusHandler, BusHealth, DeadLetterSink, SubscribeOptions } from './bus.port';
import { DEFAULT_RETRY_POLICY, describeError, runWithRetries, type RetryPolicy } from './retry-policy';
import { KeyedSerialQueue } from './keyed-serial-queue';
import { GroupCommitQueue } from './group-commit-queue';
import { handleSplittingOnFailure } from './split-on-failure';

interface LocalSubscription {
  group: string;
  handler: BusHandler<unknown>;
  queue: KeyedSerialQueue;
  /** Set for batch subscriptions: records go through group commit instead of `queue`. */
  batches?: GroupCommitQueue<unknown>;
}

/** Batches handled at once per batch subscription. */
const BATCHES_IN_FLIGHT = 6;

/**
 * The in-process bus of the embedded default. `publish` resolves only when
 * every subscribed group has handled the record, so an adapter that awaits it
 * acknowledges its source only once the message is durable. A failure that
 * outlasts the retries because a dependency is down (`isUnavailable`: the
 * database, a provider) rejects `publish`, so the source retries later; any
 * other failure (a permanent one at once, the rest after the retries) goes to
 * the dead-letter sink and `publish` resolves, since the record is then
 * durable there: a record that always fails never blocks its source (a
 * mailbox, a Telegram update queue) or the records behind it. When the sink
 * itself fails, `publish` rejects. A batch subscription (`subscribeBatch`)
 * receives the records published together (group commit); `publish` still
 * resolves only once its own record's batch has been handled.
 */
export class LocalBus implements Bus {
  readonly kind = 'local' as const;
  private readonly subscriptions = new Map<string, LocalSubscription[]>();
  private stopped = false;

  constructor(
    private readonly deadLetters: DeadLetterSink,
    private readonly retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, initialDelayMs: 50 },
    private readonly isUnavailable: (error: unknown) => boolean = (error) => error instanceof DomainError && error.kind === 'unavailable',
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const queues = [...this.subscriptions.values()].flat().flatMap((s) => [s.queue.drain(), s.batches?.drain()]);
    await Promise.all(queues);
  }

  health(): BusHealth {
    return { ok: !this.stopped, kind: 'local' };
  }

  async subscribe<T extends TopicName>(
    topic: T,
    options: SubscribeOptions,
    handler: BusHandler<TopicPayloads[T]>,
  ): Promise<void> {
    const list = this.subscriptions.get(topic) ?? [];
    if (list.some((s) => s.group === options.group)) {
      throw new Error(`LocalBus: group ${options.group} already subscribed to ${topic}`);
    }
    list.push({ group: options.group, handler: handler as BusHandler<unknown>, queue: new KeyedSerialQueue() });
    this.subscriptions.set(topic, list);
  }

  async subscribeBatch<T extends TopicName>(topic: T, options: BatchOptions, handler: BusBatchHandler<TopicPayloads[T]>): Promise<void> {
    const batchHandler = handler as BusBatchHandler<unknown>;
    await this.subscribe(topic, options, (record) => batchHandler([record]));
    const sub = this.subscriptions.get(topic)!.find((s) => s.group === options.group)!;
    sub.batches = new GroupCommitQueue((records) => this.deliverBatch(sub, batchHandler, topic, records), Math.min(options.maxBatch, options.maxGroupCommit ?? options.maxBatch), BATCHES_IN_FLIGHT);
  }

  async publish<T extends TopicName>(topic: T, key: string, value: TopicPayloads[T]): Promise<void> {
    if (this.stopped) throw new Error('LocalBus is stopped');
    const subs = this.subscriptions.get(topic) ?? [];
    // Handlers of different groups are independent; within a group one key is handled in order.
    const results = await Promise.allSettled(
      subs.map((sub) => (sub.batches ? sub.batches.add(key, value) : sub.queue.run(key, () => this.deliver(sub, topic, key, value)))),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async publishMany<T extends TopicName>(
    topic: T,
    records: ReadonlyArray<{ key: string; value: TopicPayloads[T] }>,
  ): Promise<void> {
    await Promise.all(records.map((r) => this.publish(topic, r.key, r.value)));
  }

  /** One batch, split on failure; each record's outcome as `deliver` would give it alone. */
  private async deliverBatch(
    sub: LocalSubscription,
    handler: BusBatchHandler<unknown>,
    topic: string,
    records: ReadonlyArray<{ key: string; value: unknown }>,
  ): Promise<Array<PromiseSettledResult<void>>> {
    const results: Array<PromiseSettledResult<void>> = records.map(() => ({ status: 'fulfilled', value: undefined }));
    await handleSplittingOnFailure(
      records.map((record, index) => ({ ...record, index })),
      (part) => handler(part.map(({ key, value }) => ({ topic, key, value, attempt: 1 }))),
      async ({ key, value, index }) => {
        await this.deliver(sub, topic, key, value).catch((reason: unknown) => {
          results[index] = { status: 'rejected', reason };
        });
        return true;
      },
    );
    return results;
  }

  private async deliver(sub: LocalSubscription, topic: string, key: string, value: unknown): Promise<void> {
    const outcome = await runWithRetries(
      this.retry,
      (attempt) => sub.handler({ topic, key, value, attempt }),
      () => this.stopped,
    );
    if (outcome.kind === 'done') return;
    const { error, attempts } = outcome;
    if (!isPermanentError(error) && this.isUnavailable(error)) {
      // Still failing after every retry because something it needs is down: refuse, so the source retries later.
      throw error;
    }
    await this.deadLetters({ topic, key, value, error: describeError(error), attempts });
  }
}

