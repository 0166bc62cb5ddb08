import type { TopicName, TopicPayloads } from '@inbox/contracts';

/** One record as a handler sees it. */
export interface BusRecord<T> {
  topic: string;
  key: string;
  value: T;
  /** Kafka partition / offset; absent on the in-process bus. */
  partition?: number;
  offset?: string;
  /** 1 on first delivery; higher when the bus retries after a handler failure. */
  attempt: number;
}

export type BusHandler<T> = (record: BusRecord<T>) => Promise<void>;

/**
 * Handles several records at once (one transaction for all of them). They come
 * in order: one key's records in the order published. Success commits them
 * all; a throw makes the bus split the batch in halves and hand each half
 * again, down to single records, which then follow the retry and dead-letter
 * rules of `BusHandler` — so one bad record never blocks or loses the others.
 */
export type BusBatchHandler<T> = (records: ReadonlyArray<BusRecord<T>>) => Promise<void>;

export interface BatchOptions extends SubscribeOptions {
  /** Most records handed at once. */
  maxBatch: number;
  /**
   * On the in-process bus, the most records one group-commit batch gathers, when lower than `maxBatch`
   * (a handler whose batches hold hot row locks for all their records). Kafka's batches are what a
   * partition's fetch holds, up to `maxBatch`.
   */
  maxGroupCommit?: number;
}

export interface SubscribeOptions {
  /** Consumer group: members of one group share the work; each group sees every record. */
  group: string;
  /** Start from the earliest retained record when the group has no committed offset. */
  fromBeginning?: boolean;
}

export interface BusHealth {
  ok: boolean;
  kind: 'local' | 'kafka';
  detail?: string;
}

/** A record that could never be handled, with the reason. */
export interface DeadLetter {
  topic: string;
  key: string;
  value: unknown;
  error: string;
  attempts: number;
}

export type DeadLetterSink = (letter: DeadLetter) => Promise<void>;

/**
 * The bus port. Publishing is keyed (one key's records are handled in order);
 * a handler's success commits the record, a throw means redelivery (with
 * backoff) and, for permanent errors or after the last attempt, the dead
 * letter place. Nothing in the code may depend on which implementation is
 * behind it.
 */
export interface Bus {
  readonly kind: 'local' | 'kafka';
  publish<T extends TopicName>(topic: T, key: string, value: TopicPayloads[T]): Promise<void>;
  publishMany<T extends TopicName>(topic: T, records: ReadonlyArray<{ key: string; value: TopicPayloads[T] }>): Promise<void>;
  subscribe<T extends TopicName>(topic: T, options: SubscribeOptions, handler: BusHandler<TopicPayloads[T]>): Promise<void>;
  /**
   * Like `subscribe`, with records handed in batches: Kafka's fetched batch of a
   * partition; on the in-process bus the records published while the previous
   * batch was being handled (group commit), so a lone record waits for nothing.
   */
  subscribeBatch<T extends TopicName>(topic: T, options: BatchOptions, handler: BusBatchHandler<TopicPayloads[T]>): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): BusHealth;
}

export const BUS = Symbol('Bus');
