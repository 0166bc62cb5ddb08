import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, isOpenCaseStatus, type CaseSummary, type MacroAction, type MacroPreview, type MacroRunResult, type MacroStepOutcome, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService } from '@inbox/cases';
import { CaseActionRunner } from '../actions/case-action-runner';
import { CaseEscalationService } from '../actions/case-escalation.service';
import { CaseNotesService } from '../actions/case-notes.service';
import { CaseReopenService } from '../actions/case-reopen.service';
import { CaseTagsService } from '../actions/case-tags.service';
import { CaseTransferService } from '../actions/case-transfer.service';
import { CaseClaimService } from '../assignment/case-claim.service';
import { CaseFieldsService } from '../fields/case-fields.service';
import { CustomFieldsService } from '../fields/custom-fields.service';
import { placeholderValues } from '../canned/canned-placeholders';
import { ReplyService } from '../reply.service';
import { fillMacroSteps, macroRunsOnClosedCase } from './macro-steps';
import { MacrosService } from './macros.service';

/**
 * Runs a macro on a case, step by step, each through that action's own service: the reply through the
 * normal reply path (the customer's own channel), the status through escalation or reopening, the assignee
 * through claim or transfer, a field through the case's fields — so each step is authorised, locked and
 * audited as if the agent had done it.
 * A refused step is reported with why and the next steps still run; then `macro.applied` names the macro
 * on the case's timeline. The steps are not one transaction: a reply that went out is not taken back
 * because a later tag failed.
 */
@Injectable()
export class MacroRunService {
  constructor(
    private readonly macros: MacrosService,
    private readonly cases: CaseQueryService,
    private readonly runner: CaseActionRunner,
    private readonly replies: ReplyService,
    private readonly notes: CaseNotesService,
    private readonly tags: CaseTagsService,
    private readonly claims: CaseClaimService,
    private readonly transfers: CaseTransferService,
    private readonly escalation: CaseEscalationService,
    private readonly reopening: CaseReopenService,
    private readonly fields: CustomFieldsService,
    private readonly caseFields: CaseFieldsService,
  ) {}

  /** The macros the caller may use, with each reply step filled for this case, for the composer to show before it runs. */
  async previewsForCase(principal: StaffPrincipal, caseId: string): Promise<MacroPreview[]> {
    const summary = await this.cases.summaryVisibleTo(principal, caseId);
    const values = valuesFor(summary, principal);
    return (await this.macros.list(principal)).map((m) => ({ ...m, steps: fillMacroSteps(m.actions, values) }));
  }

  async apply(principal: StaffPrincipal, macroId: string, caseId: string): Promise<MacroRunResult> {
    const macro = await this.macros.get(principal, macroId);
    const summary = await this.cases.summaryVisibleTo(principal, caseId);
    if (!isOpenCaseStatus(summary.status) && !macroRunsOnClosedCase(macro.actions)) {
      throw new ConflictError('case_not_open', `Case ${summary.reference} is ${summary.status}; reopen it first (or start the macro with “reopen”)`, { status: summary.status });
    }
    const steps: MacroStepOutcome[] = [];
    for (const [index, action] of macro.actions.entries()) {
      try {
        await this.step(principal, caseId, action);
        steps.push({ index, type: action.type, applied: true });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        steps.push({ index, type: action.type, applied: false, error: error.code, message: error.message });
      }
    }
    await this.runner.run(principal, caseId, async () => ({ type: 'macro.applied', data: { macroId: macro.id, macroName: macro.name, steps } }));
    return { macroId: macro.id, macroName: macro.name, caseId, reference: summary.reference, steps };
  }

  private async step(principal: StaffPrincipal, caseId: string, action: MacroAction): Promise<void> {
    switch (action.type) {
      case 'reply': {
        // Filled at the moment it is sent, so the reference and name are the case's as they are now.
        const values = valuesFor(await this.cases.summaryVisibleTo(principal, caseId), principal);
        const [filled] = fillMacroSteps([action], values);
        await this.replies.reply(principal, caseId, { text: filled.filledText });
        return;
      }
      case 'note':
        await this.notes.add(principal, caseId, { text: action.text });
        return;
      case 'tag':
        await this.tags.tag(principal, caseId, { name: action.tag });
        return;
      case 'assign':
        if (action.to === 'me') await this.claims.claim(principal, caseId);
        else if (action.to === 'agent') await this.transfers.transfer(principal, caseId, { assigneeId: action.userId });
        else await this.transfers.unassign(principal, caseId);
        return;
      case 'change_status':
        if (action.status === 'escalated') await this.escalation.escalate(principal, caseId, { to: 'supervisors', reason: action.reason ?? '' });
        else await this.reopening.reopen(principal, caseId, { reason: action.reason });
        return;
      case 'set_field': {
        // Checked when the macro was saved; an admin may have archived the field since, which a clear alone would not refuse.
        const field = await this.fields.get(action.fieldId);
        if (field.archivedAt) throw new ConflictError('field_archived', `${field.label} is archived: its values are kept but no longer changed`);
        if (action.value === null) await this.caseFields.clear(principal, caseId, field.id);
        else await this.caseFields.set(principal, caseId, field.id, action.value);
        return;
      }
      default: {
        const unknown: never = action;
        throw new ConflictError('unknown_step', `No kind of step ${JSON.stringify(unknown)}`);
      }
    }
  }
}

function valuesFor(summary: CaseSummary, principal: StaffPrincipal) {
  return placeholderValues({ customerName: summary.customerName, caseReference: summary.reference, agentName: principal.name });
}
