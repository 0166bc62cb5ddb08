import type { DataSource } from 'typeorm';

/** Which mail of a mailbox: its UID under one UIDVALIDITY. */
export interface MailPosition {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

/**
 * How often each mail has been tried. An attempt is counted (and committed)
 * before the mail is read, so one that crashes or hangs the process counts
 * as surely as one that throws; a mail tried too often is set aside instead
 * of being read again after every restart.
 */
export class MailboxImportAttempts {
  constructor(private readonly db: DataSource) {}

  /** Counts one more attempt; returns how many there have been, this one included. */
  async begin(at: MailPosition): Promise<number> {
    const [row] = (await this.db.query(
      `INSERT INTO mailbox_import_attempts (mailbox, uid_validity, uid, attempts) VALUES ($1, $2, $3, 1)
       ON CONFLICT (mailbox, uid_validity, uid) DO UPDATE SET attempts = mailbox_import_attempts.attempts + 1, updated_at = now()
       RETURNING attempts`,
      [at.mailbox, at.uidValidity, at.uid],
    )) as Array<{ attempts: number }>;
    return row.attempts;
  }

  /** The attempt failed through the mail's own fault: remember why, for the dead letter if it comes to that. */
  async failed(at: MailPosition, reason: string): Promise<void> {
    await this.db.query(`UPDATE mailbox_import_attempts SET last_error = $4 WHERE mailbox = $1 AND uid_validity = $2 AND uid = $3`, [
      at.mailbox,
      at.uidValidity,
      at.uid,
      reason.slice(0, 1000),
    ]);
  }

  /** The attempt failed through no fault of the mail (connection dropped, bus not durable): it does not count. */
  async forgive(at: MailPosition): Promise<void> {
    await this.db.query(
      `UPDATE mailbox_import_attempts SET attempts = GREATEST(attempts - 1, 0) WHERE mailbox = $1 AND uid_validity = $2 AND uid = $3`,
      [at.mailbox, at.uidValidity, at.uid],
    );
  }

  async lastError(at: MailPosition): Promise<string | undefined> {
    const [row] = (await this.db.query(`SELECT last_error FROM mailbox_import_attempts WHERE mailbox = $1 AND uid_validity = $2 AND uid = $3`, [
      at.mailbox,
      at.uidValidity,
      at.uid,
    ])) as Array<{ last_error: string | null }>;
    return row?.last_error ?? undefined;
  }

  /** Done with (imported or set aside). */
  async clear(at: MailPosition): Promise<void> {
    await this.db.query(`DELETE FROM mailbox_import_attempts WHERE mailbox = $1 AND uid_validity = $2 AND uid = $3`, [at.mailbox, at.uidValidity, at.uid]);
  }
}
