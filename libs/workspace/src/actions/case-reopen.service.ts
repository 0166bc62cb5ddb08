import { Injectable } from '@nestjs/common';
import { ConflictError, type StaffPrincipal } from '@inbox/contracts';
import { CaseRepository } from '@inbox/cases';
import { CaseActionRunner } from './case-action-runner';

/** Puts a resolved or closed case back in the queue; its deadlines stay as they were. */
@Injectable()
export class CaseReopenService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly caseRepository: CaseRepository,
  ) {}

  async reopen(principal: StaffPrincipal, caseId: string, input: { reason?: string }) {
    return this.runner.run(principal, caseId, async (em, locked) => {
      if (locked.status !== 'resolved' && locked.status !== 'closed') {
        throw new ConflictError('case_not_closed', `Case ${locked.reference} is ${locked.status}, not resolved or closed`, { status: locked.status });
      }
      await this.caseRepository.reopen(em, locked.id);
      return { type: 'case.reopened', data: { previousStatus: locked.status, ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}) } };
    }, 'reopen');
  }
}
