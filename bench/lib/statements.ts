import { Client } from 'pg';

/** What PostgreSQL executed for one database during a phase (pg_stat_statements). */
export interface StatementProfile {
  /** Statements executed (BEGIN/COMMIT included), per acknowledged message. */
  perMessage: number;
  /** Server time spent executing them, per acknowledged message (ms). */
  serverMsPerMessage: number;
  /** The statements that took the most server time, with their calls per acknowledged message. */
  top: Array<{ statement: string; callsPerMessage: number; meanMs: number; msPerMessage: number }>;
  /** The statements run most often, with their calls per acknowledged message. */
  mostCalled: Array<{ statement: string; callsPerMessage: number }>;
}

/**
 * The bench's PostgreSQL loads pg_stat_statements, so a phase can say how
 * many statements one message costs and which ones: the pipeline's price in
 * round trips, the figure that explains its rate next to the raw baseline.
 */
export class StatementCounter {
  constructor(
    private readonly adminUrl: string,
    private readonly database: string,
  ) {}

  async reset(): Promise<void> {
    await this.withClient(async (c) => {
      await c.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
      await c.query(`SELECT pg_stat_statements_reset()`);
    });
  }

  async read(messages: number): Promise<StatementProfile> {
    return this.withClient(async (c) => {
      const { rows } = await c.query<{ query: string; calls: string; total: number }>(
        `SELECT s.query, s.calls, s.total_exec_time AS total FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = $1 ORDER BY s.calls DESC`,
        [this.database],
      );
      const per = (n: number) => Math.round((n / Math.max(1, messages)) * 10) / 10;
      const calls = rows.reduce((n, r) => n + Number(r.calls), 0);
      const total = rows.reduce((n, r) => n + r.total, 0);
      return {
        perMessage: per(calls),
        serverMsPerMessage: Math.round((total / Math.max(1, messages)) * 100) / 100,
        mostCalled: rows.slice(0, 30).map((r) => ({ statement: r.query.replace(/\s+/g, ' ').slice(0, 90), callsPerMessage: per(Number(r.calls)) })),
        top: [...rows].sort((a, b) => b.total - a.total).slice(0, 12).map((r) => ({
          statement: r.query.replace(/\s+/g, ' ').slice(0, 90),
          callsPerMessage: per(Number(r.calls)),
          meanMs: Math.round((r.total / Number(r.calls)) * 1000) / 1000,
          msPerMessage: Math.round((r.total / Math.max(1, messages)) * 1000) / 1000,
        })),
      };
    });
  }

  private async withClient<T>(work: (c: Client) => Promise<T>): Promise<T> {
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.database}`;
    const c = new Client(url.toString());
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  }
}
