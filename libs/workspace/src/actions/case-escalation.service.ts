import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '@inbox/contracts';
import { CaseRepository } from '@inbox/cases';
import { CaseActionRunner, requireOpen, type CaseActor } from './case-action-runner';

export type EscalationInput = { to: 'supervisors'; reason: string } | { to: 'team'; teamId: string; reason: string };

/**
 * Escalation, always with a reason: to supervisors (the case stays with its
 * team, marked escalated, and supervisors see the event), or to another team
 * (it leaves its assignee and joins that team's queue).
 */
@Injectable()
export class CaseEscalationService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly caseRepository: CaseRepository,
  ) {}

  async escalate(principal: CaseActor, caseId: string, input: EscalationInput) {
    const reason = input.reason.trim();
    if (!reason) throw new InvalidInputError('reason_required', 'Say why the case is escalated');
    return this.runner.run(principal, caseId, async (em, locked) => {
      requireOpen(locked);
      if (input.to === 'supervisors') {
        await this.caseRepository.setStatus(em, locked.id, 'escalated');
        return { type: 'case.escalated', data: { to: 'supervisors', reason } };
      }
      const [team] = (await em.query(`SELECT id, name FROM teams WHERE id = $1`, [input.teamId])) as Array<{ id: string; name: string }>;
      if (!team) throw new InvalidInputError('unknown_team', 'No such team');
      await this.caseRepository.setAssignment(em, locked.id, { teamId: team.id, assigneeId: null, status: 'escalated' });
      return { type: 'case.escalated', data: { to: 'team', teamId: team.id, teamName: team.name, fromTeamId: locked.team_id, reason } };
    });
  }
}
