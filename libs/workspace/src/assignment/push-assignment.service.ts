import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CaseEvent } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary, OPEN_STATUSES } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseRepository, UnitOfWork } from '@inbox/cases';

const ASSIGN_LOCK_NAMESPACE = 'push-assignment:';
/** Upper bound of cases handed out in one pass when capacity frees up. */
const MAX_BATCH = 50;

/**
 * Push assignment for teams in mode `push`: a waiting case goes to the team's
 * online agent with the fewest open cases, never beyond the team's
 * `max_open_per_agent`. A per-team advisory lock serialises the choice, so two
 * cases arriving at once cannot both take an agent's last free slot.
 */
@Injectable()
export class PushAssignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
  ) {}

  /** Assigns one waiting case if its team pushes; returns the agent chosen, or null (pull team, taken, nobody free). */
  async assignCase(caseId: string): Promise<string | null> {
    // Most teams pull: one read and no transaction for their cases. A push team is checked again inside.
    if (!(await this.pushTeamOf(this.db, caseId))) return null;
    return this.unitOfWork.run(async (em) => {
      const team = await this.pushTeamOf(em, caseId);
      if (!team) return null;
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [ASSIGN_LOCK_NAMESPACE + team.id]);
      return this.assignLocked(em, caseId, team.id);
    }, (assigned) => assigned !== null);
  }

  /**
   * assignCase for many cases, in order: which of them belong to a push team is one read for all (most
   * teams pull, and their cases need nothing more); each push case is then assigned in its own transaction.
   */
  async assignEach(caseIds: readonly string[]): Promise<void> {
    if (caseIds.length === 0) return;
    const pushed = new Set(
      ((await this.db.query(
        `SELECT c.id FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = ANY($1::uuid[]) AND t.assignment_mode = 'push'`,
        [[...new Set(caseIds)]],
      )) as Array<{ id: string }>).map((row) => row.id),
    );
    for (const caseId of caseIds) if (pushed.has(caseId)) await this.assignCase(caseId);
  }

  /** The case's team when it pushes. */
  private async pushTeamOf(db: Pick<EntityManager, 'query'>, caseId: string): Promise<{ id: string } | undefined> {
    const [team] = (await db.query(
      `SELECT t.id FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = $1 AND t.assignment_mode = 'push'`,
      [caseId],
    )) as Array<{ id: string }>;
    return team;
  }

  /** Hands the team's waiting cases (earliest deadline first) to free online agents: after an agent connects or a case closes. */
  async assignWaiting(teamId: string): Promise<number> {
    return this.unitOfWork.run(async (em) => {
      const [team] = (await em.query(`SELECT id FROM teams WHERE id = $1 AND assignment_mode = 'push'`, [teamId])) as Array<{ id: string }>;
      if (!team) return 0;
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [ASSIGN_LOCK_NAMESPACE + teamId]);
      const waiting = await this.caseRepository.unassignedInQueue(em, teamId, OPEN_STATUSES, MAX_BATCH);
      let n = 0;
      for (const id of waiting) {
        if (!(await this.assignLocked(em, id, teamId))) break;
        n += 1;
      }
      return n;
    }, (count) => count > 0);
  }

  private async assignLocked(em: EntityManager, caseId: string, teamId: string): Promise<string | null> {
    const [agent] = (await em.query(
      `SELECT u.id, u.name, load.open
         FROM user_teams ut
         JOIN teams t ON t.id = ut.team_id
         JOIN users u ON u.id = ut.user_id AND u.active AND u.role = 'agent'
         CROSS JOIN LATERAL (SELECT count(*)::int AS open FROM cases c WHERE c.assignee_id = u.id AND c.status = ANY($3)) load
        WHERE ut.team_id = $1
          AND EXISTS (SELECT 1 FROM agent_presence p WHERE p.user_id = u.id AND p.last_seen_at > now() - make_interval(secs => $2))
          AND load.open < t.max_open_per_agent
        ORDER BY load.open ASC, u.id ASC LIMIT 1`,
      [teamId, this.config.workspace.presenceTtlSeconds, OPEN_STATUSES],
    )) as Array<{ id: string; name: string; open: number }>;
    if (!agent) return null;
    if (!(await this.caseRepository.assignIfStillQueued(em, caseId, agent.id, teamId, OPEN_STATUSES))) return null;
    const summary = (await loadCaseSummary(em, caseId))!;
    await writeCaseEvent(em, {
      type: 'case.assigned',
      summary,
      data: { mode: 'push', assigneeId: agent.id, assigneeName: agent.name, openCasesBefore: agent.open },
    });
    return agent.id;
  }
}

/** Events after which a case may need an agent (it arrived, or came back to a queue unassigned). */
export function mayNeedAssignment(event: CaseEvent): boolean {
  const waiting = event.case.assigneeId === null && (OPEN_STATUSES as readonly string[]).includes(event.case.status);
  return waiting && ['case.created', 'case.transferred', 'case.escalated', 'case.reopened'].includes(event.type);
}

/** Events after which an agent may have a free slot (their case left the open statuses). */
export function mayFreeCapacity(event: CaseEvent): boolean {
  return event.case.teamId !== null && !(OPEN_STATUSES as readonly string[]).includes(event.case.status);
}
