import { Client } from 'pg';

/**
 * A PostgreSQL session-level advisory lock that makes one process the leader of
 * a periodic job. It lives on a connection of its own, outside the pool: a
 * pooled connection held for as long as a process leads is one the requests
 * can never have, and a few such jobs exhausted a small pool.
 */
export class LeaderLock {
  private client: Client | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly lockId: number,
    private readonly applicationName: string,
  ) {}

  get held(): boolean {
    return this.client !== null;
  }

  /**
   * Becomes or stays the leader: true while the lock is held. A dead connection
   * means the lock is gone (PostgreSQL released it): false, and the next call
   * tries again on a new connection. Throws only when PostgreSQL cannot be reached.
   */
  async hold(): Promise<boolean> {
    if (this.client) {
      try {
        await this.client.query('SELECT 1');
        return true;
      } catch {
        await this.release();
        return false;
      }
    }
    const client = new Client({ connectionString: this.databaseUrl, application_name: this.applicationName.slice(0, 63), connectionTimeoutMillis: 15_000 });
    // A connection that dies while idle emits 'error'; unhandled, it would end the process.
    client.on('error', () => {
      if (this.client === client) this.client = null;
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [this.lockId]);
      if (!rows[0]?.locked) {
        await client.end();
        return false;
      }
      this.client = client;
      return true;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** Gives the lock up (ending the connection releases it even if the unlock fails). */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock($1)', [this.lockId]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
