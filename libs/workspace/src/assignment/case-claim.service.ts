import { Injectable } from '@nestjs/common';
import { ConflictError, type CaseSummary, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService, loadCaseSummary, queryRows, UnitOfWork, writeCaseEvent } from '@inbox/cases';

/** An agent takes a case from the queue for themselves ("claim"). */
@Injectable()
export class CaseClaimService {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /**
   * Claims a case for the caller. The conditional UPDATE is the arbiter: when
   * two agents click at once exactly one row update wins; the other learns who has it.
   */
  async claim(principal: StaffPrincipal, caseId: string): Promise<CaseSummary> {
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const updated = await queryRows<{ id: string }>(
        em,
        `UPDATE cases SET assignee_id = $2, status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now()
          WHERE id = $1 AND (assignee_id IS NULL OR assignee_id = $2) RETURNING id`,
        [caseId, principal.userId],
      );
      if (updated.length === 0) {
        const [holder] = (await em.query(
          `SELECT u.id, u.name FROM cases c JOIN users u ON u.id = c.assignee_id WHERE c.id = $1`,
          [caseId],
        )) as Array<{ id: string; name: string }>;
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
