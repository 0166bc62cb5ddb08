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

/**
 * The same rows for a batch of messages written set-based: one multi-row
 * statement per table (`INSERT … SELECT unnest(…)`, `ON CONFLICT`), about a
 * dozen statements for the whole batch instead of a dozen per message. This
 * is what a batch can do on the machine; the pipeline is reported beside it.
 * A batch's senders are distinct (a sender's second message in one batch
 * would need a second pass, as the intake's waves do).
 */
async function writeSetBased(c: PoolClient, senders: string[], texts: string[]): Promise<void> {
  const now = new Date();
  // Lock order fixed by address, so two concurrent batches never deadlock.
  await c.query(`SELECT pg_advisory_xact_lock(hashtextextended(a, 0)) FROM (SELECT unnest($1::text[]) AS a ORDER BY 1) s`, [senders.map((s) => `identity:${s}`)]);
  const found = await c.query<{ address: string; customer_id: string }>(`SELECT address, customer_id FROM identities WHERE channel = 'sms' AND address = ANY($1)`, [senders]);
  const customerOf = new Map(found.rows.map((r) => [r.address, r.customer_id]));
  const fresh = senders.filter((s) => !customerOf.has(s));
  for (const s of fresh) customerOf.set(s, randomUUID());
  if (fresh.length > 0) {
    const ids = fresh.map((s) => customerOf.get(s)!);
    await c.query(`INSERT INTO customers (id, display_name, last_channel) SELECT unnest($1::uuid[]), NULL, 'sms'`, [ids]);
    await c.query(`INSERT INTO identities (customer_id, channel, address) SELECT unnest($1::uuid[]), 'sms', unnest($2::text[]) ON CONFLICT (channel, address) DO NOTHING`, [ids, fresh]);
  }
  const customers = senders.map((s) => customerOf.get(s)!);
  await c.query(`UPDATE customers SET last_channel = 'sms', updated_at = now() WHERE id = ANY($1::uuid[])`, [customers]);
  const open = await c.query<{ customer_id: string; id: string }>(
    `SELECT DISTINCT ON (customer_id) customer_id, id FROM cases WHERE customer_id = ANY($1::uuid[]) AND status = ANY($2) ORDER BY customer_id, received_at`,
    [customers, ['new', 'open', 'pending', 'escalated']],
  );
  const caseOf = new Map(open.rows.map((r) => [r.customer_id, r.id]));
  const joining = customers.map((id, i) => ({ caseId: caseOf.get(id), text: texts[i] })).filter((j): j is { caseId: string; text: string } => !!j.caseId);
  if (joining.length > 0) {
    await c.query(`UPDATE cases c SET last_message_at = $3, preview = v.text, updated_at = now() FROM unnest($1::uuid[], $2::text[]) AS v(id, text) WHERE c.id = v.id`, [
      joining.map((j) => j.caseId),
      joining.map((j) => j.text),
      now,
    ]);
  }
  const opening = customers.map((id, i) => ({ customerId: id, text: texts[i] })).filter((o) => !caseOf.has(o.customerId));
  for (const o of opening) caseOf.set(o.customerId, randomUUID());
  if (opening.length > 0) {
    await c.query(
      `INSERT INTO cases (id, reference, status, channel, account, customer_id, team_id, received_at, acknowledge_by, respond_by, last_message_at, preview)
       SELECT v.id, 'B-' || nextval('case_reference_seq'), 'new', 'sms', 'bench', v.customer_id, (SELECT id FROM teams WHERE is_default), $3, $3, $3, $3, v.text
         FROM unnest($1::uuid[], $2::uuid[], $4::text[]) AS v(id, customer_id, text)`,
      [opening.map((o) => caseOf.get(o.customerId)), opening.map((o) => o.customerId), now, opening.map((o) => o.text)],
    );
  }
  const messageIds = senders.map(() => randomUUID());
  const cases = customers.map((id) => caseOf.get(id)!);
  await c.query(
    `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, external_id, sender_address, text, attachments, raw, received_at)
     SELECT v.id, v.case_id, v.customer_id, 'sms', 'bench', 'inbound', v.id::text, v.sender, v.text, '[]', jsonb_build_object('Body', v.text), $6
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS v(id, case_id, customer_id, sender, text)
     ON CONFLICT DO NOTHING`,
    [messageIds, cases, customers, senders, texts, now],
  );
  const payloads = messageIds.map((id, i) => JSON.stringify({ type: 'message.created', caseId: cases[i], message: { id, text: texts[i] } }));
  await c.query(
    `WITH event AS (INSERT INTO case_events (seq, case_id, type, payload)
                    SELECT nextval('case_events_seq_seq'), v.case_id, 'message.created', v.payload
                      FROM unnest($1::uuid[], $2::jsonb[]) WITH ORDINALITY AS v(case_id, payload, n) ORDER BY v.n
                    RETURNING case_id, payload)
     INSERT INTO outbox (topic, key, payload) SELECT 'inbox.case-events.v1', case_id::text, payload FROM event`,
    [cases, payloads],
  );
}

export interface BaselineResult {
  connections: number;
  messagesPerTransaction: number;
  /** `per-message`: the statements one message at a time (as the intake did); `set-based`: multi-row statements per batch. */
  style: 'per-message' | 'set-based';
  messages: number;
  seconds: number;
  messagesPerSecond: number;
}

/** Writes messages from `senders` senders over `connections` connections, `perTransaction` per transaction, for `seconds`. */
export async function rawPostgresRate(databaseUrl: string, options: { seconds: number; senders: number; connections: number; perTransaction: number; setBased?: boolean }): Promise<BaselineResult> {
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
          const sender = (i: number) => `+6141${String(worker).padStart(2, '0')}${String(i % Math.ceil(options.senders / options.connections)).padStart(5, '0')}`;
          if (options.setBased) await writeSetBased(c, batch.map(sender), batch.map((i) => `baseline ${i}`));
          else for (const i of batch) await writeOne(c, sender(i), `baseline ${i}`);
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
    style: options.setBased ? 'set-based' : 'per-message',
    messages: next,
    seconds: round(seconds, 1),
    messagesPerSecond: round(next / seconds, 0),
  };
}
