import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OPEN_STATUSES } from '@inbox/cases';
import type { AgentLoad, DeadlineAlert, QueueHealth } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { acknowledgementGivenSql, UNDELIVERED_STATUSES } from './acknowledgement-given';




const LIST_LIMIT = 100;

/**
 * Queue health and agents' load for the supervisors' dashboard, computed at
 * `now` from the open cases (partial indexes on open statuses keep it to the
 * open queue). Deadline states follow the RG 271 clock: IDR time used excludes
 * allowed pauses; the acknowledgement clock has none.
 */
@Injectable()
export class QueueHealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queueHealth(now: Date = new Date()): Promise<QueueHealth> {
    const threshold = this.config.compliance.atRiskThreshold;
    const [byTeam, [oldest], alerts] = await Promise.all([
      this.db.query(
        `SELECT c.team_id, t.name AS team_name, c.status, count(*)::int AS n
           FROM cases c LEFT JOIN teams t ON t.id = c.team_id
          WHERE c.status = ANY($1) GROUP BY c.team_id, t.name, c.status`,
        [OPEN_STATUSES],
      ) as Promise<Array<{ team_id: string | null; team_name: string | null; status: string; n: number }>>,
      this.db.query(
        `SELECT id, reference, received_at FROM cases WHERE status = ANY($1) AND assignee_id IS NULL ORDER BY received_at LIMIT 1`,
        [OPEN_STATUSES],
      ) as Promise<Array<{ id: string; reference: string; received_at: Date }>>,
      this.db.query(
        `WITH paused AS (
           -- Pauses are few: summed once per paused case and joined, not looked up for every open case.
           SELECT p.case_id, sum(extract(epoch FROM LEAST(COALESCE(p.ended_at, $2::timestamptz), $2::timestamptz) - p.started_at)) AS paused_s
             FROM compliance_pauses p WHERE p.started_at < $2::timestamptz GROUP BY p.case_id
         ), open AS (
           -- Acknowledged only once the customer could have it (docs/supervisor.md): a queued automatic one is still at risk.
           SELECT c.id, c.reference, c.channel, c.team_id, c.assignee_id, c.received_at, c.respond_by, c.acknowledge_by,
                  ${acknowledgementGivenSql('$5')} AS acknowledged_at,
                  COALESCE(pz.paused_s, 0) AS paused_s
             FROM cases c LEFT JOIN paused pz ON pz.case_id = c.id
             LEFT JOIN case_compliance cc ON cc.case_id = c.id LEFT JOIN messages am ON am.id = cc.acknowledgement_message_id
            WHERE c.status = ANY($1) AND c.kind = 'complaint'
         ), clocks AS (
           SELECT id, reference, channel, team_id, assignee_id, 'idr_response' AS deadline,
                  respond_by + paused_s * interval '1 second' AS due_at,
                  (extract(epoch FROM $2::timestamptz - received_at) - paused_s) / NULLIF(extract(epoch FROM respond_by - received_at), 0) AS fraction
             FROM open WHERE respond_by IS NOT NULL
           UNION ALL
           SELECT id, reference, channel, team_id, assignee_id, 'acknowledgement',
                  acknowledge_by, extract(epoch FROM $2::timestamptz - received_at) / NULLIF(extract(epoch FROM acknowledge_by - received_at), 0)
             FROM open WHERE acknowledge_by IS NOT NULL AND acknowledged_at IS NULL
         ), flagged AS (
           SELECT *, CASE WHEN $2::timestamptz > due_at THEN 'breached' ELSE 'at_risk' END AS state
             FROM clocks WHERE $2::timestamptz > due_at OR COALESCE(fraction, 1) >= $3::float8
         )
         SELECT *, count(*) OVER (PARTITION BY deadline, state)::int AS n FROM flagged ORDER BY due_at, reference LIMIT $4`,
        [OPEN_STATUSES, now, threshold, LIST_LIMIT, UNDELIVERED_STATUSES],
      ) as Promise<Array<{ id: string; reference: string; channel: string; team_id: string | null; assignee_id: string | null; deadline: DeadlineAlert['deadline']; due_at: Date; fraction: string | null; state: DeadlineAlert['state']; n: number }>>,
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
    const counts: QueueHealth['deadlines']['counts'] = { acknowledgement: { atRisk: 0, breached: 0 }, idr_response: { atRisk: 0, breached: 0 } };
    for (const a of alerts) counts[a.deadline][a.state === 'breached' ? 'breached' : 'atRisk'] = a.n;
    return {
      at: now.toISOString(),
      openByStatus,
      openByTeam: [...teams.values()].sort((a, b) => b.total - a.total),
      oldestUnassigned: oldest
        ? { caseId: oldest.id, reference: oldest.reference, receivedAt: oldest.received_at.toISOString(), ageSeconds: Math.max(0, Math.round((now.getTime() - oldest.received_at.getTime()) / 1000)) }
        : null,
      deadlines: {
        atRiskThreshold: threshold,
        counts,
        cases: alerts.map((a) => ({
          caseId: a.id,
          reference: a.reference,
          channel: a.channel,
          teamId: a.team_id,
          assigneeId: a.assignee_id,
          deadline: a.deadline,
          state: a.state,
          dueAt: a.due_at.toISOString(),
          fractionUsed: a.fraction === null ? 1 : Number(Number(a.fraction).toPrecision(3)),
        })),
      },
    };
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
