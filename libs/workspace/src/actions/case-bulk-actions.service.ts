import { Injectable } from '@nestjs/common';
import { DomainError, InvalidInputError, MAX_BULK_CASES, type BulkActionResult, type BulkCaseAction, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService } from '@inbox/cases';
import { CaseClaimService } from '../assignment/case-claim.service';
import { CaseTagsService } from './case-tags.service';
import { CaseTransferService } from './case-transfer.service';

export type BulkActionInput =
  | { action: 'assign_to_me' }
  | { action: 'tag'; tag: { name: string; colour?: string } }
  | { action: 'change_team'; teamId: string; reason?: string };

/**
 * One action on a selection of cases, run case by case through that action's
 * own service, so each case is authorised, locked and audited on its own: a
 * case that refuses (another holder, escalated to supervisors, closed) is
 * reported with why and the others still apply.
 */
@Injectable()
export class CaseBulkActionsService {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly claims: CaseClaimService,
    private readonly tags: CaseTagsService,
    private readonly transfers: CaseTransferService,
  ) {}

  async run(principal: StaffPrincipal, caseIds: string[], input: BulkActionInput): Promise<BulkActionResult> {
    const ids = [...new Set(caseIds)];
    if (ids.length === 0) throw new InvalidInputError('no_cases_selected', 'Select at least one case');
    if (ids.length > MAX_BULK_CASES) throw new InvalidInputError('too_many_cases', `A bulk action takes at most ${MAX_BULK_CASES} cases`);
    // A case the caller may not see refuses the whole request, as one case would: naming it back would confirm it exists.
    const references = new Map<string, string>();
    for (const caseId of ids) references.set(caseId, (await this.cases.summaryVisibleTo(principal, caseId)).reference);
    const result: BulkActionResult = { applied: [], refused: [] };
    for (const caseId of ids) {
      const reference = references.get(caseId)!;
      try {
        await this.apply(principal, caseId, input);
        result.applied.push({ caseId, reference });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.refused.push({ caseId, reference, error: error.code, message: error.message });
      }
    }
    return result;
  }

  private async apply(principal: StaffPrincipal, caseId: string, input: BulkActionInput): Promise<void> {
    const action: BulkCaseAction = input.action;
    switch (input.action) {
      case 'assign_to_me':
        await this.claims.claim(principal, caseId);
        return;
      case 'tag':
        await this.tags.tag(principal, caseId, input.tag);
        return;
      case 'change_team':
        await this.transfers.transfer(principal, caseId, { teamId: input.teamId, reason: input.reason });
        return;
      default:
        throw new InvalidInputError('unknown_bulk_action', `No bulk action ${String(action)}`);
    }
  }
}
