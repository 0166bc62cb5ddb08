import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

// No 0/O, 1/I/L: the customer types it from an SMS.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** What a stored text shows instead of a status code. */
export const STATUS_CODE_MASK = '****-****';
/** Marks a keyed hash; a stored value without it is an earlier version's unkeyed hash, upgraded at start. */
const KEYED = 'hmac1:';

/**
 * The status page's codes: 8 characters (about 39 bits) sent once, in the
 * acknowledgement, and kept only as a keyed hash — HMAC-SHA256 with the
 * server's CODE_HASH_SECRET over the code's SHA-256 bound to the case
 * reference — so a copy of the database (or a backup) without the key
 * cannot be searched for the codes offline. The text of the acknowledgement
 * as stored shows the code masked.
 */
export class StatusCodes {
  constructor(private readonly key: string) {
    if (key.length < 32) throw new Error('The status code key must be at least 32 characters');
  }

  newCode(): string {
    let s = '';
    for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    return `${s.slice(0, 4)}-${s.slice(4)}`;
  }

  /** What is stored for a code: only this. */
  storedHash(reference: string, code: string): string {
    return this.keyed(unkeyedHash(reference, code));
  }

  /** An earlier version's unkeyed hash, keyed: a code checks against it exactly as against a new one. */
  upgrade(storedHash: string): string {
    return storedHash.startsWith(KEYED) ? storedHash : this.keyed(storedHash);
  }

  matches(reference: string, code: string, storedHash: string | null): boolean {
    const given = Buffer.from(this.storedHash(reference, code));
    // Compare against something even when there is no hash, so timing does not tell which references exist.
    const stored = Buffer.from(storedHash === null ? KEYED + '0'.repeat(64) : this.upgrade(storedHash));
    return stored.length === given.length && timingSafeEqual(stored, given) && storedHash !== null;
  }

  /** The text with the code replaced by the mask: what is stored of a message that carried it. */
  static mask(text: string, code: string): string {
    return text.split(code).join(STATUS_CODE_MASK);
  }

  private keyed(unkeyed: string): string {
    return KEYED + createHmac('sha256', this.key).update(`status-code:${unkeyed}`).digest('hex');
  }
}

function unkeyedHash(reference: string, code: string): string {
  return createHash('sha256').update(`${reference}:${code.toUpperCase().replace(/[^A-Z0-9]/g, '')}`).digest('hex');
}

export const STATUS_CODES = Symbol('StatusCodes');

export const statusCodesProvider: Provider = {
  provide: STATUS_CODES,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    if (!config.auth.codeHashSecret) throw new Error('CODE_HASH_SECRET must be settled before start');
    return new StatusCodes(config.auth.codeHashSecret);
  },
};

/**
 * Keys the hashes an earlier version stored unkeyed, in batches; a no-op once
 * done. Run at start by the process that serves the status page (any number
 * of them at once: each row is rewritten at most once, under its row lock).
 */
export async function upgradeStoredStatusCodes(db: Pick<DataSource, 'query'>, codes: StatusCodes, batch = 1_000): Promise<number> {
  let upgraded = 0;
  for (;;) {
    const rows = (await db.query(
      `SELECT case_id, status_secret_hash FROM case_compliance WHERE status_secret_hash NOT LIKE '${KEYED}%' LIMIT $1`,
      [batch],
    )) as Array<{ case_id: string; status_secret_hash: string }>;
    if (rows.length === 0) return upgraded;
    await db.query(
      `UPDATE case_compliance cc SET status_secret_hash = v.hash
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(case_id, old, hash)
        WHERE cc.case_id = v.case_id AND cc.status_secret_hash = v.old`,
      [rows.map((r) => r.case_id), rows.map((r) => r.status_secret_hash), rows.map((r) => codes.upgrade(r.status_secret_hash))],
    );
    upgraded += rows.length;
  }
}
