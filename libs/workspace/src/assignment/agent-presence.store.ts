import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

/** Rows this many TTLs old are left-overs of a crashed instance. */
const STALE_AFTER_TTLS = 10;

/**
 * Which agents are connected to a gateway, shared by every instance: one row
 * per (agent, instance) with a socket count and a heartbeat. An agent is
 * online while any of their rows is fresher than AGENT_PRESENCE_TTL_SECONDS,
 * so the rows of a crashed instance expire on their own.
 */
@Injectable()
export class AgentPresenceStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get instanceId(): string {
    return this.config.instanceId;
  }

  async connected(userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO agent_presence (user_id, instance_id, sockets) VALUES ($1, $2, 1)
       ON CONFLICT (user_id, instance_id) DO UPDATE SET sockets = agent_presence.sockets + 1, last_seen_at = now()`,
      [userId, this.instanceId],
    );
  }

  async disconnected(userId: string): Promise<void> {
    await this.db.query(
      `WITH dec AS (UPDATE agent_presence SET sockets = sockets - 1 WHERE user_id = $1 AND instance_id = $2 AND sockets > 1 RETURNING 1)
       DELETE FROM agent_presence WHERE user_id = $1 AND instance_id = $2 AND NOT EXISTS (SELECT 1 FROM dec)`,
      [userId, this.instanceId],
    );
  }

  /**
   * This instance is alive: refresh its agents (and their case viewing rows).
   * Rows long expired belong to instances that crashed and never came back: dropped.
   */
  async heartbeat(): Promise<void> {
    await this.db.query(`UPDATE agent_presence SET last_seen_at = now() WHERE instance_id = $1`, [this.instanceId]);
    await this.db.query(`UPDATE case_viewers SET last_seen_at = now() WHERE instance_id = $1`, [this.instanceId]);
    const expired = this.config.workspace.presenceTtlSeconds * STALE_AFTER_TTLS;
    await this.db.query(`DELETE FROM agent_presence WHERE last_seen_at < now() - make_interval(secs => $1)`, [expired]);
    await this.db.query(`DELETE FROM case_viewers WHERE last_seen_at < now() - make_interval(secs => $1)`, [expired]);
  }

  /** At start and stop: this instance has no connections, whatever an earlier run left behind. */
  async clearInstance(): Promise<void> {
    await this.db.query(`DELETE FROM agent_presence WHERE instance_id = $1`, [this.instanceId]);
    await this.db.query(`DELETE FROM case_viewers WHERE instance_id = $1`, [this.instanceId]);
  }

  async online(userIds: string[]): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT user_id FROM agent_presence WHERE user_id = ANY($1::uuid[]) AND last_seen_at > now() - make_interval(secs => $2)`,
      [userIds, this.config.workspace.presenceTtlSeconds],
    )) as Array<{ user_id: string }>;
    return rows.map((r) => r.user_id);
  }
}
