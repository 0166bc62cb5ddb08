import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, type StaffPrincipal } from '@inbox/contracts';
import { CaseRepository } from '@inbox/cases';
import { CaseActionRunner, requireOpen, type CaseActor } from './case-action-runner';

/**
 * Hands a case to another team (its queue; the assignee is cleared) and/or to
 * a named agent, who must belong to the team the case ends up in.
 */
@Injectable()
export class CaseTransferService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly caseRepository: CaseRepository,
  ) {}

  async transfer(principal: CaseActor, caseId: string, input: { teamId?: string; assigneeId?: string; reason?: string }) {
    if (!input.teamId && !input.assigneeId) throw new InvalidInputError('transfer_target_required', 'Name a team, an agent, or both');
    return this.runner.run(principal, caseId, async (em, locked) => {
      requireOpen(locked);
      const teamId = input.teamId ?? locked.team_id;
      if (input.teamId) {
        const [team] = (await em.query(`SELECT id FROM teams WHERE id = $1`, [input.teamId])) as Array<{ id: string }>;
        if (!team) throw new InvalidInputError('unknown_team', 'No such team');
      }
      let assignee: { id: string; name: string } | undefined;
      if (input.assigneeId) {
        [assignee] = (await em.query(
          `SELECT u.id, u.name FROM users u JOIN user_teams ut ON ut.user_id = u.id AND ut.team_id = $2 WHERE u.id = $1 AND u.active`,
          [input.assigneeId, teamId],
        )) as Array<{ id: string; name: string }>;
        if (!assignee) throw new InvalidInputError('assignee_not_in_team', 'That agent is not an active member of the case’s team');
      }
      // An escalated case that a supervisor passes on is handed back: it leaves `escalated`.
      const status = locked.status === 'escalated' ? 'open' : locked.status;
      await this.caseRepository.setAssignment(em, locked.id, { teamId, assigneeId: assignee?.id ?? null, status });
      return {
        type: 'case.transferred',
        data: {
          teamId,
          assigneeId: assignee?.id ?? null,
          assigneeName: assignee?.name ?? null,
          ...(teamId !== locked.team_id ? { fromTeamId: locked.team_id } : {}),
          fromAssigneeId: locked.assignee_id,
          ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
          ...(status !== locked.status ? { handedBack: true } : {}),
        },
      };
    }, 'transfer');
  }

  /** Takes the case off its assignee: it stays in its team's queue, like a transfer to that team (and is authorised as one). */
  async unassign(principal: StaffPrincipal, caseId: string, input: { reason?: string } = {}) {
    return this.runner.run(principal, caseId, async (em, locked) => {
      requireOpen(locked);
      if (!locked.assignee_id) throw new ConflictError('not_assigned', `Case ${locked.reference} has no assignee`);
      await this.caseRepository.clearAssignee(em, locked.id);
      return {
        type: 'case.transferred',
        data: {
          teamId: locked.team_id,
          assigneeId: null,
          assigneeName: null,
          fromAssigneeId: locked.assignee_id,
          ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
        },
      };
    }, 'transfer');
  }
}
