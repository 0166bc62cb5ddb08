import type { DeadLetter } from './bus.port';

/** Headers of a dead-letter record, so tools can route or filter without parsing the body. */
export const DEAD_LETTER_HEADERS = {
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  key: 'x-original-key',
  error: 'x-error',
  attempts: 'x-attempts',
} as const;

/** A dead letter as written to the dead-letter topic: the port's shape plus where the record came from. */
export interface KafkaDeadLetter extends DeadLetter {
  partition: number;
  offset: string;
}

export interface EncodedRecord {
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

export type DecodedValue = { ok: true; value: unknown } | { ok: false; raw: string; reason: string };

export function encodeValue(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

export function decodeKey(key: Buffer | null | undefined): string {
  return key ? key.toString('utf8') : '';
}

/** Never throws: a record that is not JSON is a poison message for the dead letter, not a crash. */
export function decodeValue(value: Buffer | null | undefined): DecodedValue {
  if (!value) return { ok: false, raw: '', reason: 'record has no value' };
  const raw = value.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return { ok: false, raw, reason: `value is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Keeps the original key, so a partition's dead letters stay in the order they failed in. */
export function encodeDeadLetter(letter: KafkaDeadLetter): EncodedRecord {
  return {
    key: letter.key,
    value: encodeValue(letter),
    headers: {
      [DEAD_LETTER_HEADERS.topic]: letter.topic,
      [DEAD_LETTER_HEADERS.partition]: String(letter.partition),
      [DEAD_LETTER_HEADERS.offset]: letter.offset,
      [DEAD_LETTER_HEADERS.key]: letter.key,
      [DEAD_LETTER_HEADERS.error]: letter.error,
      [DEAD_LETTER_HEADERS.attempts]: String(letter.attempts),
    },
  };
}

/** Kafka commits name the next offset to read, not the last one handled. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
