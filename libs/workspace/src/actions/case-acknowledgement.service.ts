import { Injectable } from '@nestjs/common';
import { ConflictError, type StaffPrincipal } from '@inbox/contracts';
import { CaseRepository } from '@inbox/cases';
import { CaseActionRunner, requireOpen } from './case-action-runner';

/**
 * An agent records that the complaint was acknowledged outside the automatic
 * acknowledgement (e.g. on a call): the RG 271 acknowledgement clock stops.
 */
@Injectable()
export class CaseAcknowledgementService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly caseRepository: CaseRepository,
  ) {}

  async acknowledge(principal: StaffPrincipal, caseId: string, input: { note?: string }) {
    return this.runner.run(principal, caseId, async (em, locked) => {
      requireOpen(locked);
      if (locked.acknowledged_at) {
        throw new ConflictError('already_acknowledged', `Case ${locked.reference} was acknowledged at ${locked.acknowledged_at.toISOString()}`, {
          acknowledgedAt: locked.acknowledged_at.toISOString(),
        });
      }
      await this.caseRepository.markAcknowledged(em, locked.id);
      return { type: 'case.acknowledged', data: { manual: true, ...(input.note ? { note: input.note } : {}) } };
    });
  }
}
