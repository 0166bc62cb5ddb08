import { DomainError, isPermanentError, type TopicName, type TopicPayloads } from '@inbox/contracts';
import type { Bus, BusHandler, BusHealth, DeadLetterSink, SubscribeOptions } from './bus.port';
import { DEFAULT_RETRY_POLICY, describeError, runWithRetries, type RetryPolicy } from './retry-policy';
import { KeyedSerialQueue } from './keyed-serial-queue';

interface LocalSubscription {
  group: string;
  handler: BusHandler<unknown>;
  queue: KeyedSerialQueue;
}

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
 * itself fails, `publish` rejects.
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
    const queues = [...this.subscriptions.values()].flat().map((s) => s.queue.drain());
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

  async publish<T extends TopicName>(topic: T, key: string, value: TopicPayloads[T]): Promise<void> {
    if (this.stopped) throw new Error('LocalBus is stopped');
    const subs = this.subscriptions.get(topic) ?? [];
    // Handlers of different groups are independent; within a group one key is handled in order.
    const results = await Promise.allSettled(subs.map((sub) => sub.queue.run(key, () => this.deliver(sub, topic, key, value))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async publishMany<T extends TopicName>(
    topic: T,
    records: ReadonlyArray<{ key: string; value: TopicPayloads[T] }>,
  ): Promise<void> {
    await Promise.all(records.map((r) => this.publish(topic, r.key, r.value)));
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

