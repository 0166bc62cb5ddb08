import { Injectable } from '@nestjs/common';
import { CASE_PRIORITIES, InvalidInputError } from '@inbox/contracts';
import { CaseRepository } from '@inbox/cases';
import { CaseActionRunner, requireOpen, type CaseActor } from './case-action-runner';

/** A case's priority, 1 (most urgent) to 5: the queue orders cases due together by it and shows it on the row. */
@Injectable()
export class CasePriorityService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly caseRepository: CaseRepository,
  ) {}

  async setPriority(actor: CaseActor, caseId: string, priority: number, reason?: string) {
    if (!(CASE_PRIORITIES as readonly number[]).includes(priority)) throw new InvalidInputError('invalid_priority', 'Priority is 1 (most urgent) to 5');
    return this.runner.run(actor, caseId, async (em, locked) => {
      requireOpen(locked);
      await this.caseRepository.setPriority(em, locked.id, priority);
      return { type: 'case.updated', data: { change: 'priority', from: locked.priority, to: priority, ...(reason ? { reason } : {}) } };
    });
  }
}
