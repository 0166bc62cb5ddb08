import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Channel } from '@inbox/contracts';

/** A connection of a channel that does not work now, and why, in the provider's or server's words. */
export interface ChannelProblem {
  channel: Channel;
  /** The mailbox, bot or account it concerns. */
  account: string;
  problem: string;
  since: string;
}

/** One connection's current state as its process sees it: `problem` undefined while it works. */
export interface ConnectionState {
  name: string;
  channel: Channel;
  account: string;
  problem?: string;
}

/**
 * Where each process records the state of its provider connections (a
 * mailbox, a token provider), so the workspace — served by any gateway
 * process — can show why a channel does not work. Written only on change.
 */
export class ConnectionStatusWriter {
  private readonly published = new Map<string, string | null>();

  constructor(private readonly db: Pick<DataSource, 'query'>) {}

  async publish(states: ConnectionState[]): Promise<void> {
    for (const state of states) {
      const problem = state.problem ?? null;
      if (this.published.has(state.name) && this.published.get(state.name) === problem) continue;
      await this.db.query(
        `INSERT INTO channel_connection_status (name, channel, account, problem, since, updated_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $4::text IS NULL THEN NULL ELSE now() END, now())
         ON CONFLICT (name) DO UPDATE SET problem = EXCLUDED.problem, account = EXCLUDED.account, updated_at = now(),
           since = CASE WHEN EXCLUDED.problem IS NULL THEN NULL ELSE COALESCE(channel_connection_status.since, now()) END`,
        [state.name, state.channel, state.account, problem],
      );
      this.published.set(state.name, problem);
    }
  }
}

/** The gateway's read of the connection states: what the agents see beside each channel. */
@Injectable()
export class ChannelConnectionStatus {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async problems(): Promise<ChannelProblem[]> {
    const rows = (await this.db.query(
      `SELECT channel, account, problem, since FROM channel_connection_status WHERE problem IS NOT NULL ORDER BY channel, account`,
    )) as Array<{ channel: Channel; account: string; problem: string; since: Date }>;
    return rows.map((r) => ({ channel: r.channel, account: r.account, problem: r.problem, since: r.since.toISOString() }));
  }
}
