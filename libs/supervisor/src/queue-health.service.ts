import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseRepository, OPEN_STATUSES } from '@inbox/cases';
import type { AgentLoad, QueueHealth } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { DEADLINE_COUNT_CAP, deadlineAlerts } from './deadline-alerts.query';




const LIST_LIMIT = 100;
/** Recorded open-count rows past which the reader folds them into one per team and status. */
const FOLD_OPEN_COUNTS_AT = 500;

/**
 * Queue health and agents' load for the supervisors' dashboard at `now`: open
 * counts from what was recorded as cases changed, deadlines from partial
 * indexes in deadline order (deadline-alerts.query.ts), so neither reads the
 * whole open queue. Deadline states follow the RG 271 clock: IDR time used
 * excludes allowed pauses; the acknowledgement clock has none.
 */
@Injectable()
export class QueueHealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly caseRepository: CaseRepository,
  ) {}

  async queueHealth(now: Date = new Date()): Promise<QueueHealth> {
    const threshold = this.config.compliance.atRiskThreshold;
    const [byTeam, oldest, alerts] = await Promise.all([
      this.openCounts(),
      this.caseRepository.oldestUnassigned(OPEN_STATUSES),
      deadlineAlerts(this.db, now, threshold, LIST_LIMIT),
    ]);

    const openByStatus: Record<string, number> = {};
    const teams = new Map<string, QueueHealth['openByTeam'][number]>();
    for (const r of byTeam) {
      openByStatus[r.status] = (openByStatus[r.status] ?? 0) + r.n;
      const key = r.team_id ?? '';
      const team = teams.get(key) ?? { teamId: r.team_id, teamName: r.team_name, byStatus: {}, total: 0 };
      team.byStatus[r.status] = r.n;
      team.total += r.n;
      teams.set(key, team);
    }
    return {
      at: now.toISOString(),
      openByStatus,
      openByTeam: [...teams.values()].sort((a, b) => b.total - a.total),
      oldestUnassigned: oldest
        ? { caseId: oldest.id, reference: oldest.reference, receivedAt: oldest.received_at.toISOString(), ageSeconds: Math.max(0, Math.round((now.getTime() - oldest.received_at.getTime()) / 1000)) }
        : null,
      deadlines: {
        atRiskThreshold: threshold,
        countCap: DEADLINE_COUNT_CAP,
        counts: alerts.counts,
        cases: alerts.rows.map((a) => ({
          caseId: a.id,
          reference: a.reference,
          channel: a.channel,
          teamId: a.team_id,
          assigneeId: a.assignee_id,
          deadline: a.deadline,
          state: now > a.due_at ? 'breached' : 'at_risk',
          dueAt: a.due_at.toISOString(),
          fractionUsed: a.fraction === null ? 1 : Number(Number(a.fraction).toPrecision(3)),
        })),
      },
    };
  }

  /**
   * Open cases per team and status as recorded when they change (migration
   * 1732402100001): a sum over a few rows, not a count of the open queue. The
   * rows are folded together once they are many; a fold that meets another
   * only takes what it deleted, so nothing is counted twice.
   */
  private async openCounts(): Promise<Array<{ team_id: string | null; team_name: string | null; status: string; n: number }>> {
    const rows = (await this.db.query(
      `SELECT o.team_id, t.name AS team_name, o.status, sum(o.n)::int AS n, count(*)::int AS pieces
         FROM open_case_counts o LEFT JOIN teams t ON t.id = o.team_id GROUP BY o.team_id, t.name, o.status`,
    )) as Array<{ team_id: string | null; team_name: string | null; status: string; n: number; pieces: number }>;
    if (rows.reduce((sum, r) => sum + r.pieces, 0) > FOLD_OPEN_COUNTS_AT) {
      await this.db.query(
        `WITH gone AS (DELETE FROM open_case_counts RETURNING team_id, status, n)
         INSERT INTO open_case_counts (team_id, status, n) SELECT team_id, status, sum(n) FROM gone GROUP BY team_id, status HAVING sum(n) <> 0`,
      );
    }
    return rows.filter((r) => r.n !== 0);
  }

  /** Every active staff member who takes cases: online or away, open cases, replies in the last hour. */
  async agents(): Promise<AgentLoad[]> {
    const rows = (await this.db.query(
      `SELECT u.id, u.name, u.role,
              EXISTS (SELECT 1 FROM agent_presence p WHERE p.user_id = u.id AND p.last_seen_at > now() - make_interval(secs => $2)) AS online,
              (SELECT count(*) FROM cases c WHERE c.assignee_id = u.id AND c.status = ANY($1))::int AS open_cases,
              (SELECT count(*) FROM messages m WHERE m.author_user_id = u.id AND m.direction = 'outbound'
                  AND m.created_at > now() - interval '1 hour')::int AS replies
         FROM users u WHERE u.active
        ORDER BY online DESC, u.role = 'agent' DESC, u.name`,
      [OPEN_STATUSES, this.config.workspace.presenceTtlSeconds],
    )) as Array<{ id: string; name: string; role: string; online: boolean; open_cases: number; replies: number }>;
    return rows.map((r) => ({ userId: r.id, name: r.name, role: r.role, status: r.online ? 'online' : 'away', openCases: r.open_cases, repliesLastHour: r.replies }));
  }
}
