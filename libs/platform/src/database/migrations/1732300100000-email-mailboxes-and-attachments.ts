import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each mailbox's import stands (UIDVALIDITY and the last UID taken), so
 * a restart neither re-imports nor skips mail; and attachment bytes kept for
 * agents, keyed by the (deterministic) id of the message they came with.
 */
export class EmailMailboxesAndAttachments1732300100000 implements MigrationInterface {
  name = 'EmailMailboxesAndAttachments1732300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mailbox_sync_state (
        mailbox text PRIMARY KEY,
        uid_validity bigint NOT NULL,
        last_uid bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Stored before the message row exists (the bus has not delivered it yet), hence no foreign key.
      CREATE TABLE attachment_contents (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL,
        file_name text,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX attachment_contents_message_idx ON attachment_contents (message_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment_contents, mailbox_sync_state`);
  }
}
