import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email as firms run it: each mail's sender authentication (SPF, DKIM, DMARC)
 * and its sanitised HTML kept on the message; the connection state of each
 * mailbox and token provider where every process can read it (the workspace
 * shows why a mailbox cannot be read); a signature per mailbox and per agent;
 * files an agent attaches to a reply, held until the reply is queued.
 */
export class EmailFirmReady1732400700000 implements MigrationInterface {
  name = 'EmailFirmReady1732400700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messages ADD COLUMN sender_auth jsonb, ADD COLUMN html text;

      CREATE TABLE channel_connection_status (
        name text PRIMARY KEY,
        channel text NOT NULL,
        account text NOT NULL,
        problem text,
        since timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE email_signatures (
        account text PRIMARY KEY,
        text_signature text NOT NULL,
        html_signature text,
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE users ADD COLUMN email_signature text;

      ALTER TABLE attachment_contents ADD COLUMN uploaded_by uuid, ADD COLUMN upload_case_id uuid;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attachment_contents DROP COLUMN uploaded_by, DROP COLUMN upload_case_id;
      ALTER TABLE users DROP COLUMN email_signature;
      DROP TABLE email_signatures, channel_connection_status;
      ALTER TABLE messages DROP COLUMN sender_auth, DROP COLUMN html;
    `);
  }
}
