import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The status code as an acknowledgement showed it: two groups of four from the code alphabet. */
const CODE_IN_TEXT = /\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b/g;
const MASK = '****-****';
const BATCH = 1_000;

/**
 * Status page codes are kept only as a keyed hash, and no stored text shows
 * one. This migration needs no key: it removes the codes that earlier
 * versions left readable — in the acknowledgement message as stored and in
 * that message's copy in the case's events (the audit trail's immutability
 * trigger is lifted for exactly this redaction, which is itself recorded in
 * compliance_audit). Only a string whose unkeyed hash is the case's stored
 * hash is masked, so nothing else in the text changes. The stored hashes
 * become keyed at the next start, where the key is known (StatusCodes,
 * `upgradeStoredStatusCodes`). And the status page's per-address backoff
 * gets its table (rate-limiter-flexible's layout).
 */
export class StatusCodesKeyed1732400000001 implements MigrationInterface {
  name = 'StatusCodesKeyed1732400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE status_page_attempts (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
      CREATE INDEX status_page_attempts_expire_idx ON status_page_attempts (expire);
    `);
    let after = '00000000-0000-0000-0000-000000000000';
    let masked = 0;
    await q.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_immutable`);
    for (;;) {
      const rows = (await q.query(
        `SELECT cc.case_id, c.reference, cc.status_secret_hash, m.id AS message_id, m.text
           FROM case_compliance cc JOIN cases c ON c.id = cc.case_id JOIN messages m ON m.id = cc.acknowledgement_message_id
          WHERE cc.case_id > $1 AND cc.status_secret_hash IS NOT NULL ORDER BY cc.case_id LIMIT $2`,
        [after, BATCH],
      )) as Array<{ case_id: string; reference: string; status_secret_hash: string; message_id: string; text: string }>;
      if (rows.length === 0) break;
      after = rows[rows.length - 1].case_id;
      const changed = rows
        .map((r) => ({ ...r, masked: maskLegacyCode(r.text, r.reference, r.status_secret_hash) }))
        .filter((r) => r.masked !== r.text);
      if (changed.length === 0) continue;
      const ids = changed.map((r) => r.message_id);
      const texts = changed.map((r) => r.masked);
      await q.query(`UPDATE messages m SET text = v.text FROM unnest($1::uuid[], $2::text[]) AS v(id, text) WHERE m.id = v.id`, [ids, texts]);
      await q.query(
        `UPDATE case_events e SET payload = jsonb_set(e.payload, '{message,text}', to_jsonb(v.text))
           FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS v(id, text, case_id)
          WHERE e.case_id = v.case_id AND e.payload->'message'->>'id' = v.id::text`,
        [ids, texts, changed.map((r) => r.case_id)],
      );
      masked += changed.length;
    }
    await q.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_immutable`);
    if (masked > 0) {
      await q.query(`INSERT INTO compliance_audit (action, reason, data) VALUES ('status_code.redacted', $1, $2)`, [
        'Status page codes removed from stored acknowledgements and their case events: only a keyed hash is kept',
        JSON.stringify({ acknowledgements: masked }),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // The masked codes cannot come back; only the table goes.
    await q.query(`DROP TABLE status_page_attempts`);
  }
}

/** The text with the code that the (unkeyed, pre-HMAC) stored hash belongs to replaced by the mask. */
export function maskLegacyCode(text: string, reference: string, storedHash: string): string {
  return text.replace(CODE_IN_TEXT, (candidate) => {
    const hash = createHash('sha256').update(`${reference}:${candidate.replace(/-/g, '')}`).digest('hex');
    return hash === storedHash ? MASK : candidate;
  });
}
