import { Injectable } from '@nestjs/common';
import { ConflictError, type CaseSummary, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService, CaseRepository, loadCaseSummary, UnitOfWork, writeCaseEvent } from '@inbox/cases';

/** An agent takes a case from the queue for themselves ("claim"). */
@Injectable()
export class CaseClaimService {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
  ) {}

  /**
   * Claims a case for the caller. The conditional UPDATE is the arbiter: when
   * two agents click at once exactly one row update wins; the other learns who has it.
   */
  async claim(principal: StaffPrincipal, caseId: string): Promise<CaseSummary> {
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      if (!(await this.caseRepository.claimFor(em, caseId, principal.userId))) {
        const holder = await this.caseRepository.assigneeOf(caseId, em);
        throw new ConflictError('case_already_claimed', `This case is already being handled by ${holder?.name ?? 'another agent'}`, {
          assigneeId: holder?.id,
          assigneeName: holder?.name,
        });
      }
      const summary = (await loadCaseSummary(em, caseId))!;
      await writeCaseEvent(em, { type: 'case.updated', summary, actorUserId: principal.userId, data: { change: 'claimed' } });
      return summary;
    });
  }
}
