import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseViewer, type PresenceState, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { queryRows } from '@inbox/cases';

/**
 * Who is viewing or typing in which case, for collision detection. The state
 * is kept in PostgreSQL (one row per socket, refreshed by the instance's
 * heartbeat), so any gateway instance can list a case's viewers; each change
 * is also published on the presence topic, which every instance consumes and
 * pushes to the agents in that case's room.
 */
@Injectable()
export class CasePresenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(staff: StaffPrincipal, socketId: string, caseId: string): Promise<CaseViewer[]> {
    await this.db.query(
      `INSERT INTO case_viewers (case_id, user_id, instance_id, socket_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, socket_id) DO UPDATE SET typing = false, last_seen_at = now()`,
      [caseId, staff.userId, this.config.instanceId, socketId],
    );
    await this.publish(staff, caseId, 'viewing');
    return this.viewers(caseId);
  }

  async typing(staff: StaffPrincipal, socketId: string, caseId: string, typing: boolean): Promise<void> {
    const rows = await queryRows(
      this.db,
      `UPDATE case_viewers SET typing = $3, last_seen_at = now() WHERE case_id = $1 AND socket_id = $2 RETURNING 1`,
      [caseId, socketId, typing],
    );
    // Typing in a case one is not viewing: view it first (the client joins with case.view).
    if (rows.length === 0) return;
    await this.publish(staff, caseId, typing ? 'typing' : 'viewing');
  }

  async leave(staff: StaffPrincipal, socketId: string, caseId: string): Promise<void> {
    await this.db.query(`DELETE FROM case_viewers WHERE case_id = $1 AND socket_id = $2`, [caseId, socketId]);
    await this.publishLeftIfGone(staff, caseId);
  }

  /** A socket went away: it leaves every case it was in. */
  async leaveAll(staff: StaffPrincipal, socketId: string): Promise<void> {
    const rows = await queryRows<{ case_id: string }>(this.db, `DELETE FROM case_viewers WHERE instance_id = $1 AND socket_id = $2 RETURNING case_id`, [
      this.config.instanceId,
      socketId,
    ]);
    for (const { case_id } of rows) await this.publishLeftIfGone(staff, case_id);
  }

  /** The agents in a case now; rows of a crashed instance stop counting once its heartbeat is stale. */
  async viewers(caseId: string): Promise<CaseViewer[]> {
    const rows = (await this.db.query(
      `SELECT v.user_id, u.name, bool_or(v.typing) AS typing FROM case_viewers v JOIN users u ON u.id = v.user_id
        WHERE v.case_id = $1 AND v.last_seen_at > now() - make_interval(secs => $2)
        GROUP BY v.user_id, u.name ORDER BY u.name`,
      [caseId, this.config.workspace.presenceTtlSeconds],
    )) as Array<{ user_id: string; name: string; typing: boolean }>;
    return rows.map((r) => ({ userId: r.user_id, userName: r.name, typing: r.typing }));
  }

  private async publishLeftIfGone(staff: StaffPrincipal, caseId: string): Promise<void> {
    const [still] = (await this.db.query(`SELECT 1 FROM case_viewers WHERE case_id = $1 AND user_id = $2 LIMIT 1`, [caseId, staff.userId])) as unknown[];
    if (!still) await this.publish(staff, caseId, 'left');
  }

  private async publish(staff: StaffPrincipal, caseId: string, state: PresenceState): Promise<void> {
    await this.bus.publish(TOPICS.presence, caseId, {
      caseId,
      userId: staff.userId,
      userName: staff.name,
      state,
      instanceId: this.config.instanceId,
      at: new Date().toISOString(),
    });
  }
}
