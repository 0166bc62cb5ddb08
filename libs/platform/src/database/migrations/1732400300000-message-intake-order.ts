import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timelines in the order the inbox took messages in. `received_at` is when
 * the firm's systems received a message (webhook arrival, IMAP INTERNALDATE)
 * and may tie or disagree with the order of storage (WhatsApp stamps whole
 * seconds; a mail server's INTERNALDATE precedes its import), so every
 * message gets `intake_seq` from one sequence when it is stored: monotonic,
 * never a tie. `sent_at` keeps the time the sender's side claims (Date
 * header, provider timestamp), shown beside the receipt time, never used for
 * a clock. Existing messages are numbered in the order timelines showed them.
 */
export class MessageIntakeOrder1732400300000 implements MigrationInterface {
  name = 'MessageIntakeOrder1732400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SEQUENCE messages_intake_seq;
      ALTER TABLE messages ADD COLUMN intake_seq bigint, ADD COLUMN sent_at timestamptz;
      UPDATE messages m SET intake_seq = o.n
        FROM (SELECT id, row_number() OVER (ORDER BY received_at, created_at, id) AS n FROM messages) o WHERE o.id = m.id;
      SELECT setval('messages_intake_seq', COALESCE((SELECT max(intake_seq) FROM messages), 0) + 1, false);
      ALTER TABLE messages ALTER COLUMN intake_seq SET DEFAULT nextval('messages_intake_seq'), ALTER COLUMN intake_seq SET NOT NULL;
      ALTER SEQUENCE messages_intake_seq OWNED BY messages.intake_seq;
      DROP INDEX messages_case_idx;
      CREATE INDEX messages_case_idx ON messages (case_id, intake_seq);
      DROP INDEX messages_customer_idx;
      CREATE INDEX messages_customer_idx ON messages (customer_id, intake_seq);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX messages_customer_idx;
      CREATE INDEX messages_customer_idx ON messages (customer_id, received_at);
      DROP INDEX messages_case_idx;
      CREATE INDEX messages_case_idx ON messages (case_id, received_at);
      ALTER TABLE messages DROP COLUMN sent_at, DROP COLUMN intake_seq;
    `);
  }
}
