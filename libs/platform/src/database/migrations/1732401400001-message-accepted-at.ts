import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MESSAGE_ACCEPTED_AT: when the provider took one of our messages (it gave
 * its id). An automatic acknowledgement counts as given in the reports only
 * from then, not from when it was queued. Messages sent before this column
 * have none; the reports fall back to the queue time for those.
 */
export class MessageAcceptedAt1732401400001 implements MigrationInterface {
  name = 'MessageAcceptedAt1732401400001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN accepted_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN accepted_at`);
  }
}
