import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { round } from './proc-stats';

/**
 * The same rows the intake writes for one inbound message (identity →
 * customer → open case → message → case event + outbox), written directly
 * with node-postgres: no HTTP, no bus, no framework. The pipeline's rate is
 * reported as a fraction of this.
 */
async function writeOne(c: PoolClient, sender: string, text: string): Promise<void> {
  await c.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`identity:${sender}`]);
  const found = await c.query(`SELECT customer_id FROM identities WHERE channel = 'sms' AND address = $1`, [sender]);
  let customerId: string = found.rows[0]?.customer_id;
  if (!customerId) {
    customerId = (await c.query(`INSERT INTO customers (display_name, last_channel) VALUES (NULL, 'sms') RETURNING id`)).rows[0].id;
    await c.query(`INSERT INTO identities (customer_id, channel, address) VALUES ($1, 'sms', $2)`, [customerId, sender]);
  }
  await c.query(`UPDATE customers SET last_channel = 'sms', updated_at = now() WHERE id = $1`, [customerId]);
  const open = await c.query(`SELECT id FROM cases WHERE customer_id = $1 AND status = ANY($2) ORDER BY received_at LIMIT 1`, [
    customerId,
    ['new', 'open', 'pending', 'escalated'],
  ]);
  let caseId: string = open.rows[0]?.id;
  const now = new Date();
  if (caseId) {
    await c.query(`UPDATE cases SET last_message_at = $2, preview = $3, updated_at = now() WHERE id = $1`, [caseId, now, text]);
  } else {
    const seq = (await c.query(`SELECT nextval('case_reference_seq') AS s`)).rows[0].s;
    caseId = (
      await c.query(
        `INSERT INTO cases (reference, status, channel, account, customer_id, team_id, received_at, acknowledge_by, respond_by, last_message_at, preview)
         VALUES ($1, 'new', 'sms', 'bench', $2, (SELECT id FROM teams WHERE is_default), $3, $3, $3, $3, $4) RETURNING id`,
        [`B-${seq}`, customerId, now, text],
      )
    ).rows[0].id;
  }
  const messageId = randomUUID();
  await c.query(
    `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, external_id, sender_address, text, attachments, raw, received_at)
     VALUES ($1, $2, $3, 'sms', 'bench', 'inbound', $4, $5, $6, '[]', $7, $8) ON CONFLICT DO NOTHING`,
    [messageId, caseId, customerId, messageId, sender, text, JSON.stringify({ Body: text }), now],
  );
  const payload = JSON.stringify({ type: 'message.created', caseId, message: { id: messageId, text } });
  const seq = (await c.query(`SELECT nextval('case_events_seq_seq') AS s`)).rows[0].s;
  await c.query(`INSERT INTO case_events (seq, case_id, type, payload) VALUES ($1, $2, 'message.created', $3)`, [seq, caseId, payload]);
  await c.query(`INSERT INTO outbox (topic, key, payload) VALUES ('inbox.case-events.v1', $1, $2)`, [caseId, payload]);
}

export interface BaselineResult {
  connections: number;
  messagesPerTransaction: number;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
}

/** Writes messages from `senders` senders over `connections` connections, `perTransaction` per transaction, for `seconds`. */
export async function rawPostgresRate(databaseUrl: string, options: { seconds: number; senders: number; connections: number; perTransaction: number }): Promise<BaselineResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: options.connections });
  let next = 0;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.connections }, async (_, worker) => {
      const c = await pool.connect();
      try {
        while (performance.now() < end) {
          const batch: number[] = [];
          while (batch.length < options.perTransaction) batch.push(next++);
          await c.query('BEGIN');
          // Senders are partitioned over the connections, as keys over partitions: no lock waits between workers.
          for (const i of batch) await writeOne(c, `+6141${String(worker).padStart(2, '0')}${String(i % Math.ceil(options.senders / options.connections)).padStart(5, '0')}`, `baseline ${i}`);
          await c.query('COMMIT');
        }
      } finally {
        c.release();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await pool.end();
  return {
    connections: options.connections,
    messagesPerTransaction: options.perTransaction,
    messages: next,
    seconds: round(seconds, 1),
    messagesPerSecond: round(next / seconds, 0),
  };
}
