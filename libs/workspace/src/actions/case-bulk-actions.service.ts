import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, InvalidInputError, MAX_BULK_CASES, type BulkActionResult, type BulkCaseAction, type SettableCaseStatus, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService } from '@inbox/cases';
import { CaseClaimService } from '../assignment/case-claim.service';
import { MacroRunService } from '../macros/macro-run.service';
import { MacrosService } from '../macros/macros.service';
import { CaseEscalationService } from './case-escalation.service';
import { CaseReopenService } from './case-reopen.service';
import { CaseTagsService } from './case-tags.service';
import { CaseTransferService } from './case-transfer.service';

export type BulkActionInput =
  | { action: 'assign_to_me' }
  | { action: 'tag'; tag: { name: string; colour?: string } }
  | { action: 'change_team'; teamId: string; reason?: string }
  /** `open` reopens (resolved or closed cases), `escalated` escalates to supervisors with the reason. */
  | { action: 'change_status'; status: SettableCaseStatus; reason?: string }
  | { action: 'apply_macro'; macroId: string };

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
    private readonly escalation: CaseEscalationService,
    private readonly reopening: CaseReopenService,
    private readonly macros: MacrosService,
    private readonly macroRuns: MacroRunService,
  ) {}

  async run(principal: StaffPrincipal, caseIds: string[], input: BulkActionInput): Promise<BulkActionResult> {
    const ids = [...new Set(caseIds)];
    if (ids.length === 0) throw new InvalidInputError('no_cases_selected', 'Select at least one case');
    if (ids.length > MAX_BULK_CASES) throw new InvalidInputError('too_many_cases', `A bulk action takes at most ${MAX_BULK_CASES} cases`);
    // A macro the caller may not use, or an escalation without a reason, refuses the request before any case is touched.
    if (input.action === 'apply_macro') await this.macros.get(principal, input.macroId);
    if (input.action === 'change_status' && input.status === 'escalated' && !input.reason?.trim()) {
      throw new InvalidInputError('reason_required', 'Say why the cases are escalated');
    }
    // A case the caller may not see refuses the whole request, as one case would: naming it back would confirm it exists.
    const references = new Map<string, string>();
    for (const caseId of ids) references.set(caseId, (await this.cases.summaryVisibleTo(principal, caseId)).reference);
    const result: BulkActionResult = { applied: [], refused: [] };
    for (const caseId of ids) {
      const reference = references.get(caseId)!;
      try {
        const notApplied = await this.apply(principal, caseId, input);
        result.applied.push({ caseId, reference, ...(notApplied.length ? { notApplied } : {}) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.refused.push({ caseId, reference, error: error.code, message: error.message });
      }
    }
    return result;
  }

  /** Applies the action to one case; a macro says which of its steps did not apply there. */
  private async apply(principal: StaffPrincipal, caseId: string, input: BulkActionInput): Promise<string[]> {
    const action: BulkCaseAction = input.action;
    switch (input.action) {
      case 'assign_to_me':
        await this.claims.claim(principal, caseId);
        return [];
      case 'tag':
        await this.tags.tag(principal, caseId, input.tag);
        return [];
      case 'change_team':
        await this.transfers.transfer(principal, caseId, { teamId: input.teamId, reason: input.reason });
        return [];
      case 'change_status':
        if (input.status === 'escalated') await this.escalation.escalate(principal, caseId, { to: 'supervisors', reason: input.reason ?? '' });
        else await this.reopening.reopen(principal, caseId, { reason: input.reason });
        return [];
      case 'apply_macro': {
        const run = await this.macroRuns.apply(principal, input.macroId, caseId);
        const refused = run.steps.flatMap((s) => (s.applied ? [] : [`step ${s.index + 1} (${s.type}): ${s.message}`]));
        // Nothing applied at all is a refusal of the case, said with the first step's reason.
        if (refused.length === run.steps.length) {
          const first = run.steps[0];
          throw new ConflictError(first.applied ? 'macro_refused' : first.error, `No step applied: ${refused.join('; ')}`);
        }
        return refused;
      }
      default:
        throw new InvalidInputError('unknown_bulk_action', `No bulk action ${String(action)}`);
    }
  }
}

