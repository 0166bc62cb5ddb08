import type { DataSource } from 'typeorm';

export interface MailboxSyncState {
  uidValidity: string;
  lastUid: number;
}

/** How far each mailbox is imported (UIDVALIDITY + last UID), so a restart neither re-imports nor skips mail. */
export class MailboxSyncStore {
  constructor(private readonly db: DataSource) {}

  async load(mailbox: string): Promise<MailboxSyncState | undefined> {
    const [row] = (await this.db.query(`SELECT uid_validity, last_uid FROM mailbox_sync_state WHERE mailbox = $1`, [mailbox])) as Array<{
      uid_validity: string;
      last_uid: string;
    }>;
    return row ? { uidValidity: String(row.uid_validity), lastUid: Number(row.last_uid) } : undefined;
  }

  async save(mailbox: string, state: MailboxSyncState): Promise<void> {
    await this.db.query(
      `INSERT INTO mailbox_sync_state (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
       ON CONFLICT (mailbox) DO UPDATE SET uid_validity = EXCLUDED.uid_validity, last_uid = EXCLUDED.last_uid, updated_at = now()`,
      [mailbox, state.uidValidity, state.lastUid],
    );
  }
}
