import { DEAD_LETTER_TOPIC, DomainError, type TopicName, type TopicPayloads } from '@inbox/contracts';
import {
  Kafka,
  Partitioners,
  logLevel,
  type Consumer,
  type EachBatchPayload,
  type KafkaMessage,
  type LogEntry,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import type { BatchOptions, Bus, BusBatchHandler, BusHandler, BusHealth, BusRecord, DeadLetterSink, SubscribeOptions } from './bus.port';
import { handleSplittingOnFailure } from './split-on-failure';
import {
  decodeKey,
  decodeValue,
  encodeDeadLetter,
  encodeValue,
  nextOffset,
  type EncodedRecord,
  type KafkaDeadLetter,
} from './kafka-record-codec';
import { DEFAULT_RETRY_POLICY, describeError, runWithRetries, type RetryPolicy } from './retry-policy';

export { DEAD_LETTER_HEADERS, type KafkaDeadLetter } from './kafka-record-codec';

export interface KafkaBusLogger {
  warn(msg: string, meta?: object): void;
  error(msg: string, meta?: object): void;
}

/** Consumer-group timing; the kafkajs defaults suit production, tests shorten them for fast rebalances. */
export interface KafkaConsumerTuning {
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  /** Longest a fetch waits on the broker for new records; also bounds how fast an idle consumer stops. */
  maxWaitTimeInMs?: number;
  /** Partitions handled in parallel by one consumer (records of one partition are always sequential). */
  partitionsConsumedConcurrently?: number;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** TLS to the brokers (verification on); absent → plaintext. */
  ssl?: ConnectionOptions;
  /** SASL PLAIN or SCRAM credentials. */
  sasl?: SASLOptions;
  deadLetters?: DeadLetterSink;
  retry?: RetryPolicy;
  logger?: KafkaBusLogger;
  consumer?: KafkaConsumerTuning;
  /** How long stop() lets a handler in flight finish before abandoning it uncommitted. */
  shutdownGraceMs?: number;
  /** Cleans an error text before it is written to the dead-letter topic (provider tokens in failed URLs). */
  scrubError?: (text: string) => string;
}

type ConsumerState = 'connecting' | 'connected' | 'rebalancing' | 'restarting' | 'crashed' | 'disconnected';

interface Subscription {
  topic: TopicName;
  group: string;
  fromBeginning: boolean;
  handler: BusHandler<unknown>;
  /** Set by subscribeBatch: a partition's fetched records go to it `maxBatch` at a time. */
  batch?: { handler: BusBatchHandler<unknown>; maxBatch: number };
  consumer?: Consumer;
  state: ConsumerState;
}

/** Resolves once; lets stop() cut short the wait for handlers that do not finish. */
class Signal {
  private fire!: () => void;
  readonly fired = new Promise<'abandoned'>((resolve) => {
    this.fire = () => resolve('abandoned');
  });
  trigger(): void {
    this.fire();
  }
}

/** Thrown into the retry loop when stop() begins, so no new attempt starts during shutdown. */
const ABANDONED = new Error('KafkaBus is stopping: record left uncommitted for redelivery');

const DEFAULT_CONSUMER: Required<KafkaConsumerTuning> = {
  sessionTimeout: 30_000,
  heartbeatInterval: 3_000,
  rebalanceTimeout: 60_000,
  maxWaitTimeInMs: 5_000,
  partitionsConsumedConcurrently: 4,
};

/**
 * Short client retries: with the broker down, publish must fail within seconds
 * so the caller refuses its source (503) instead of holding the request.
 */
const CLIENT_RETRY = { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 };

/** Handled records are committed at least this often (records, milliseconds), and at the end of each batch. */
const COMMIT_EVERY_RECORDS = 50;
const COMMIT_EVERY_MS = 250;

/** Backoff for relaunching a consumer that kafkajs gave up on. */
const RELAUNCH_INITIAL_DELAY_MS = 500;
const RELAUNCH_MAX_DELAY_MS = 10_000;

/** How long a failed publish keeps /health at 503 when nothing has been published since. */
const PUBLISH_ERROR_RELEVANT_MS = 30_000;

/**
 * The bus on Kafka. Records are keyed (one key → one partition → handled in
 * order), JSON-encoded, and committed after the handler succeeds (every few
 * records and at the end of each batch), so a crash redelivers rather than loses. A failing record is retried with
 * backoff; a permanent failure or an exhausted budget sends it to the
 * dead-letter topic and the partition moves on.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly retry: RetryPolicy;
  private readonly tuning: Required<KafkaConsumerTuning>;
  private readonly shutdownGraceMs: number;
  private readonly subscriptions: Subscription[] = [];
  private producerConnected = false;
  private lastPublishError: { reason: string; at: number } | undefined;
  private started: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  private running = false;
  /** Read by handlers in flight: once set, no new attempt starts and nothing more is committed. */
  private stopping = false;
  private abandon = new Signal();

  constructor(private readonly options: KafkaBusOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.tuning = { ...DEFAULT_CONSUMER, ...options.consumer };
    this.shutdownGraceMs = options.shutdownGraceMs ?? 5_000;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...(options.ssl ? { ssl: options.ssl } : {}),
      ...(options.sasl ? { sasl: options.sasl } : {}),
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: CLIENT_RETRY,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.log(entry),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: CLIENT_RETRY,
      // The Java-compatible murmur2 partitioner, so other Kafka clients put a key on the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.CONNECT, () => {
      this.producerConnected = true;
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
  }

  /** Connects the producer and every consumer subscribed so far. Safe to call twice. */
  start(): Promise<void> {
    this.started ??= this.open();
    return this.started;
  }

  /** Stops consuming (abandoning handlers that outlast the grace period), then the producer. Safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= this.close();
    return this.stopped;
  }

  private async open(): Promise<void> {
    this.stopped = undefined;
    this.stopping = false;
    this.abandon = new Signal();
    try {
      await this.producer.connect();
      if (this.stopping) return; // stop() was called meanwhile and has the last word
      this.running = true;
      await Promise.all(this.subscriptions.map((sub) => this.launch(sub)));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  private async close(): Promise<void> {
    this.started = undefined;
    this.stopping = true;
    this.running = false;
    const abandonTimer = setTimeout(() => this.abandon.trigger(), this.shutdownGraceMs);
    try {
      // Consumers first: a handler finishing within the grace period may still need the producer for a dead letter.
      await Promise.allSettled(this.subscriptions.map((sub) => this.halt(sub)));
    } finally {
      clearTimeout(abandonTimer);
    }
    await this.producer.disconnect();
  }

  health(): BusHealth {
    const problems: string[] = [];
    if (!this.producerConnected) problems.push('producer disconnected');
    // A failure counts until a publish succeeds, or until it is old: a process that publishes rarely (a
    // gateway's outbox relay that lost the lane to another process) must not report an outage long over.
    const failed = this.lastPublishError;
    if (failed && Date.now() - failed.at < PUBLISH_ERROR_RELEVANT_MS) problems.push(`last publish failed (${failed.reason})`);
    for (const sub of this.subscriptions) {
      if (sub.state !== 'connected' && sub.state !== 'rebalancing') problems.push(`consumer ${sub.group}/${sub.topic} ${sub.state}`);
    }
    return {
      ok: problems.length === 0,
      kind: 'kafka',
      detail: problems.length ? problems.join('; ') : `producer connected, ${this.subscriptions.length} consumer(s) connected`,
    };
  }

  async publish<T extends TopicName>(topic: T, key: string, value: TopicPayloads[T]): Promise<void> {
    await this.send(topic, [{ key, value: encodeValue(value) }]);
  }

  async publishMany<T extends TopicName>(
    topic: T,
    records: ReadonlyArray<{ key: string; value: TopicPayloads[T] }>,
  ): Promise<void> {
    if (records.length === 0) return;
    await this.send(topic, records.map((r) => ({ key: r.key, value: encodeValue(r.value) })));
  }

  async subscribe<T extends TopicName>(
    topic: T,
    options: SubscribeOptions,
    handler: BusHandler<TopicPayloads[T]>,
  ): Promise<void> {
    await this.add({
      topic,
      group: options.group,
      fromBeginning: options.fromBeginning ?? false,
      // Values are decoded JSON: the topic's payload type is the producer's promise, as on the LocalBus.
      handler: handler as BusHandler<unknown>,
      state: 'disconnected',
    });
  }

  async subscribeBatch<T extends TopicName>(topic: T, options: BatchOptions, handler: BusBatchHandler<TopicPayloads[T]>): Promise<void> {
    const batchHandler = handler as BusBatchHandler<unknown>;
    await this.add({
      topic,
      group: options.group,
      fromBeginning: options.fromBeginning ?? false,
      handler: (record) => batchHandler([record]),
      batch: { handler: batchHandler, maxBatch: options.maxBatch },
      state: 'disconnected',
    });
  }

  private async add(sub: Subscription): Promise<void> {
    this.subscriptions.push(sub);
    if (!this.running) return; // start() launches it
    try {
      await this.launch(sub);
    } catch (error) {
      this.subscriptions.splice(this.subscriptions.indexOf(sub), 1);
      await sub.consumer?.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async send(topic: string, messages: EncodedRecord[]): Promise<void> {
    try {
      await this.producer.send({ topic, acks: -1, messages });
      this.lastPublishError = undefined;
    } catch (error) {
      this.lastPublishError = { reason: describeError(error), at: Date.now() };
      throw error;
    }
  }

  private async launch(sub: Subscription): Promise<void> {
    // kafkajs restarts a crashed consumer on a timer, even one that crashed while we were disconnecting it.
    const retired = (): boolean => this.stopping || sub.consumer !== consumer;
    const consumer = this.kafka.consumer({
      // kafkajs's assigners hand out the leader's topics to every member, so one Kafka group must not span
      // consumers of different topics: the port's group becomes one Kafka group per topic.
      groupId: `${sub.group}.${sub.topic}`,
      sessionTimeout: this.tuning.sessionTimeout,
      heartbeatInterval: this.tuning.heartbeatInterval,
      rebalanceTimeout: this.tuning.rebalanceTimeout,
      maxWaitTimeInMs: this.tuning.maxWaitTimeInMs,
      allowAutoTopicCreation: false,
      retry: { ...CLIENT_RETRY, restartOnFailure: async () => !retired() },
    });
    sub.consumer = consumer;
    sub.state = 'connecting';
    const track = (state: ConsumerState) => () => {
      if (!retired()) sub.state = state;
    };
    const { events } = consumer;
    consumer.on(events.CONNECT, track('connected'));
    consumer.on(events.FETCH_START, track('connected'));
    consumer.on(events.REBALANCING, track('rebalancing'));
    consumer.on(events.DISCONNECT, track('disconnected'));
    consumer.on(events.CRASH, (event) => {
      track(event.payload.restart ? 'restarting' : 'crashed')();
      // kafkajs gives up on an error it deems non-retriable (seen after a broker outage: a consumer of a
      // group whose coordinator moved). A consumer that stays dead stops its group's work for good, so
      // this member comes back as a new consumer, with backoff, until it joins again or the bus stops.
      if (!event.payload.restart && !retired()) {
        this.options.logger?.warn('KafkaBus: consumer crashed and will be relaunched', {
          group: sub.group,
          topic: sub.topic,
          error: describeError(event.payload.error),
        });
        this.relaunchLater(sub, consumer, 1);
      }
    });
    consumer.on(events.GROUP_JOIN, () => {
      // A restart already under way when stop() ran would otherwise leave a live member behind.
      if (retired()) void consumer.disconnect();
      else sub.state = 'connected';
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [sub.topic], fromBeginning: sub.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.tuning.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.consumeBatch(sub, payload),
    });
  }

  /** Replaces a consumer kafkajs will not restart, retrying with backoff while the bus runs. */
  private relaunchLater(sub: Subscription, crashed: Consumer, attempt: number): void {
    const delay = Math.min(RELAUNCH_MAX_DELAY_MS, RELAUNCH_INITIAL_DELAY_MS * 2 ** (attempt - 1));
    setTimeout(() => {
      if (this.stopping || !this.running || sub.consumer !== crashed) return;
      void crashed
        .disconnect()
        .catch(() => undefined)
        .then(() => {
          if (this.stopping || !this.running || sub.consumer !== crashed) return;
          return this.launch(sub).catch((error: unknown) => {
            this.options.logger?.warn('KafkaBus: consumer relaunch failed, trying again', {
              group: sub.group,
              topic: sub.topic,
              error: describeError(error),
            });
            const failed = sub.consumer;
            if (failed) this.relaunchLater(sub, failed, attempt + 1);
          });
        });
    }, delay).unref();
  }

  private async halt(sub: Subscription): Promise<void> {
    const consumer = sub.consumer;
    sub.consumer = undefined;
    await consumer?.disconnect();
    sub.state = 'disconnected';
  }

  private async consumeBatch(sub: Subscription, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const { topic, partition } = batch;
    // Offsets are committed after the records are handled, a few at a time rather than one round trip
    // per record: a crash redelivers at most the handled-but-uncommitted tail, which handlers, being
    // idempotent, take as duplicates.
    let uncommitted: string | undefined;
    let handledSinceCommit = 0;
    let lastCommitAt = Date.now();
    const commit = async () => {
      if (uncommitted === undefined) return;
      // With offsets given, this commits now even though autoCommit is off (and even while the consumer stops).
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: uncommitted }] }] });
      uncommitted = undefined;
      handledSinceCommit = 0;
      lastCommitAt = Date.now();
    };
    const handled = async (message: KafkaMessage) => {
      uncommitted = nextOffset(message.offset);
      resolveOffset(message.offset);
      if (++handledSinceCommit >= COMMIT_EVERY_RECORDS || Date.now() - lastCommitAt >= COMMIT_EVERY_MS) await commit();
      await heartbeat();
    };
    try {
      if (sub.batch) {
        const { maxBatch } = sub.batch;
        for (let start = 0; start < batch.messages.length; start += maxBatch) {
          if (!isRunning() || isStale() || this.stopping) return;
          const chunk = batch.messages.slice(start, start + maxBatch);
          if (!(await this.handleChunk(sub, topic, partition, chunk, heartbeat))) return;
          for (const message of chunk) await handled(message);
        }
        return;
      }
      for (const message of batch.messages) {
        // Stale: the partition was revoked or seeked; whatever is left is someone else's (or will be refetched).
        if (!isRunning() || isStale() || this.stopping) return;
        const done = await this.handle(sub, topic, partition, message, heartbeat);
        if (!done) return;
        await handled(message);
      }
    } finally {
      await commit();
    }
  }

  /**
   * A chunk of one partition's records in one call of the batch handler; on failure split in halves down to
   * single records (`handle`: retries, dead letter). True when every record is done with and may be committed.
   */
  private async handleChunk(
    sub: Subscription,
    topic: string,
    partition: number,
    chunk: KafkaMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const records: Array<{ message: KafkaMessage; record: BusRecord<unknown> | null }> = chunk.map((message) => {
      const decoded = decodeValue(message.value);
      const record = decoded.ok ? { topic, key: decodeKey(message.key), value: decoded.value, partition, offset: message.offset, attempt: 1 } : null;
      return { message, record };
    });
    // Undecodable records never reach the handler: `handle` dead-letters them alone.
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), this.tuning.heartbeatInterval);
    try {
      return await handleSplittingOnFailure(
        records,
        async (part) => {
          if (this.stopping) throw ABANDONED;
          if (part.some((p) => p.record === null)) throw new Error('undecodable record in the batch');
          // A batch that outlasts stop()'s grace period is abandoned uncommitted, like a single record.
          const work = sub.batch!.handler(part.map((p) => p.record!));
          if ((await Promise.race([work.then(() => 'done' as const), this.abandon.fired])) === 'abandoned') throw ABANDONED;
        },
        async (one) => (this.stopping ? false : this.handle(sub, topic, partition, one.message, heartbeat)),
      );
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Runs the handler with retries; true when the record is done with (handled or dead-lettered) and may be committed. */
  private async handle(
    sub: Subscription,
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const key = decodeKey(message.key);
    const origin = { topic, key, partition, offset: message.offset };
    const decoded = decodeValue(message.value);
    if (!decoded.ok) {
      const letter = { ...origin, value: decoded.raw, error: `InvalidRecord: ${decoded.reason}`, attempts: 0 };
      await this.deadLetter(letter, 'InvalidRecord');
      return true;
    }
    // A long handler or backoff must not outlast the session, or the group evicts this member mid-record.
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), this.tuning.heartbeatInterval);
    try {
      const work = runWithRetries(
        this.retry,
        async (attempt) => {
          if (attempt > 1 && this.stopping) throw ABANDONED;
          await sub.handler({ topic, key, value: decoded.value, partition, offset: message.offset, attempt });
        },
        () => this.stopping,
      ).catch(() => 'abandoned' as const); // runWithRetries throws only when told to stop
      const outcome = await Promise.race([work, this.abandon.fired]);
      if (outcome === 'abandoned') return false;
      if (outcome.kind === 'done') return true;
      if (outcome.error === ABANDONED) return false;
      const letter = { ...origin, value: decoded.value, error: describeError(outcome.error), attempts: outcome.attempts };
      await this.deadLetter(letter, reasonForLog(outcome.error));
      return true;
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async deadLetter(dirty: KafkaDeadLetter, reason: string): Promise<void> {
    const letter = this.options.scrubError ? { ...dirty, error: this.options.scrubError(dirty.error) } : dirty;
    await this.send(DEAD_LETTER_TOPIC, [encodeDeadLetter(letter)]);
    const { topic, key, value, error, attempts } = letter;
    await this.options.deadLetters?.({ topic, key, value, error, attempts });
    // Where and why, never the record itself: values and error texts may carry personal data.
    this.options.logger?.error('KafkaBus: record moved to the dead-letter topic', {
      topic,
      partition: letter.partition,
      offset: letter.offset,
      attempts,
      reason,
    });
  }

  private log(entry: LogEntry): void {
    const logger = this.options.logger;
    if (!logger) return;
    const { message, ...rest } = entry.log;
    // Retries are short on purpose (publish fails fast, the caller answers 503), and delivery is
    // at-least-once into idempotent handlers anyway: kafkajs's exactly-once warning is noise at every start.
    if (message.startsWith('Limiting retries for the idempotent producer')) return;
    // A whitelist, so no record content or credentials can reach the logs through kafkajs's extras.
    const meta: Record<string, unknown> = { namespace: entry.namespace };
    for (const field of ['broker', 'clientId', 'groupId', 'topic', 'partition', 'retryCount', 'retryTime'] as const) {
      if (rest[field] !== undefined) meta[field] = rest[field];
    }
    if (rest.error !== undefined) meta.error = rest.error instanceof Error ? `${rest.error.name}: ${rest.error.message}` : String(rest.error);
    if (entry.level === logLevel.ERROR) logger.error(`kafkajs: ${message}`, meta);
    else if (entry.level === logLevel.WARN) logger.warn(`kafkajs: ${message}`, meta);
  }
}

/** The error's class and domain code, without its message. */
function reasonForLog(error: unknown): string {
  if (error instanceof DomainError) return `${error.name}(${error.code})`;
  return error instanceof Error ? error.name : typeof error;
}
