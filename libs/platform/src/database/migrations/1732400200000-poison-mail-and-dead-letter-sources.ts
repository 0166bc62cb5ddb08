import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How often each mail has been tried (counted before it is read, so a mail
 * that crashes or hangs the process counts too), and the raw source of a
 * dead-lettered mail, kept for admins.
 */
export class PoisonMailAndDeadLetterSources1732400200000 implements MigrationInterface {
  name = 'PoisonMailAndDeadLetterSources1732400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mailbox_import_attempts (
        mailbox text NOT NULL,
        uid_validity text NOT NULL,
        uid bigint NOT NULL,
        attempts integer NOT NULL,
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (mailbox, uid_validity, uid)
      );
      ALTER TABLE dead_letters ADD COLUMN source bytea;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dead_letters DROP COLUMN source; DROP TABLE mailbox_import_attempts`);
  }
}
