import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, type Channel, type GuardedCaseAction, type StaffPrincipal } from '@inbox/contracts';
import {
  afcaTemplateKinds,
  closureResponse,
  describeRemedies,
  extendByPauses,
  fiveDayClosure,
  isClosureState,
  isOutcome,
  isRemedyType,
  MissingRequiredPartsError,
  outcomeLabel,
  renderTemplate,
  type ClockPause,
  type ClosureState,
  type NoResponseRecord,
  type TemplateKind,
  type ComplaintType,
  type Outcome,
  type Remedy,
} from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary, OPEN_STATUSES } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { CaseRepository, ComplianceRecordRepository, MessageRepository, UnitOfWork, type LockedComplaintRow } from '@inbox/cases';
import { outboundRoute } from '@inbox/cases';
import { enforceCaseAction } from '@inbox/workspace';
import { recordAudit } from './compliance-audit';
import { ComplianceCalendar } from './compliance-calendar.service';
import { COMPLIANCE_CLOCK, type ComplianceClock } from './compliance-clock';
import { ComplianceTemplateStore } from './compliance-template.store';
import { complainantLanguage, formatDueDate } from './compliance-text';
import { queueWrittenMessage } from './written-message';

export interface ResolveInput {
  outcome: string;
  closureState: string;
  reasons: string;
  remedies?: Array<{ type: string; description?: string; ownerUserId?: string; dueAt?: string }>;
  compensationAmount?: number | null;
  /** RG 271.73/74: what shows the complainant is satisfied (required for closed_within_5_days). */
  satisfactionEvidence?: string;
  language?: string;
  /** Withdrawn or escalated to AFCA only: why no IDR response is required, documented (RG 271.53 Note 3, 271.56). */
  noIdrResponse?: { reason: string; note: string };
}

const MAX_TEXT = 10_000;

/** What would go to the customer, exactly, and where: shown before an agent sends a final response or delay notice. */
export interface WrittenMessagePreview {
  /** False: RG 271 lets this closure go without a written response (nothing is sent). */
  sends: boolean;
  channel: Channel | null;
  recipient: string | null;
  text: string | null;
  language: string;
}

/** Preview: check everything and compose the text, send nothing. */
type Mode = 'send' | 'preview';


/**
 * The end of a complaint: the IDR response (outcome, reasons, remedies, the
 * AFCA block) or a 5-business-day closure where RG 271.71–75 allows it; a
 * polite reasoned decline (unfounded); and the IDR delay notification, only
 * before the deadline. Each refuses to send without its required parts.
 */
@Injectable()
export class IdrResponseService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COMPLIANCE_CLOCK) private readonly clock: ComplianceClock,
    private readonly cases: CaseQueryService,
    private readonly calendar: ComplianceCalendar,
    private readonly templates: ComplianceTemplateStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
    private readonly messages: MessageRepository,
    private readonly compliance: ComplianceRecordRepository,
  ) {}

  async resolve(principal: StaffPrincipal, caseId: string, input: ResolveInput, unfounded = false) {
    return this.closeComplaint(principal, caseId, input, unfounded, 'send');
  }

  /** The IDR response a resolve would send (or that none would), checked as the resolve checks it; nothing changes. */
  async previewResolve(principal: StaffPrincipal, caseId: string, input: ResolveInput): Promise<WrittenMessagePreview> {
    return this.closeComplaint(principal, caseId, input, false, 'preview');
  }

  async previewUnfounded(principal: StaffPrincipal, caseId: string, input: { reasons: string; language?: string }): Promise<WrittenMessagePreview> {
    return this.closeComplaint(principal, caseId, unfoundedResolution(input), true, 'preview');
  }

  private async closeComplaint(principal: StaffPrincipal, caseId: string, input: ResolveInput, unfounded: boolean, mode: 'preview'): Promise<WrittenMessagePreview>;
  private async closeComplaint(principal: StaffPrincipal, caseId: string, input: ResolveInput, unfounded: boolean, mode: 'send'): Promise<ResolveResult>;
  private async closeComplaint(principal: StaffPrincipal, caseId: string, input: ResolveInput, unfounded: boolean, mode: Mode): Promise<ResolveResult | WrittenMessagePreview> {
    const valid = validateResolution(input);
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em): Promise<ResolveResult | WrittenMessagePreview> => {
      const c = await this.lock(em, caseId);
      // A preview sends nothing: whoever may propose the response (FINAL_RESPONSE_APPROVAL) may see it.
      await this.enforce(em, principal, unfounded ? 'unfounded' : 'resolve', c, mode === 'preview');
      const now = this.clock.now();
      if (valid.closureState === 'closed_within_5_days') {
        const decision = fiveDayClosure({
          receivedAt: c.received_at,
          closedAt: now,
          complaintType: c.complaint_type,
          triggers: {
            writtenResponseRequested: c.written_response_requested ?? false,
            declinedInsuranceClaim: c.declined_insurance_claim ?? false,
            insuranceClaimValue: c.insurance_claim_value ?? false,
          },
          evidence: valid.satisfactionEvidence,
          calendar: this.calendar.calendar,
        });
        if (!decision.allowed) {
          throw new ConflictError(decision.code, `${decision.reason}. Close it with a written IDR response instead.`, {
            fiveDayDeadline: decision.deadline.toISOString(),
          });
        }
      }
      const decision = closureResponse(valid.closureState, input.noIdrResponse ?? null);
      if ('refused' in decision) throw new InvalidInputError(decision.code, decision.message);
      const language = valid.language ?? c.language ?? (await this.caseLanguage(em, caseId));
      let messageId: string | null = null;
      let noResponse: NoResponseRecord | null = null;
      if (mode === 'preview') {
        return decision.send ? this.preview(em, c, language, await this.composeIdrResponse(em, c, language, valid)) : { sends: false, channel: null, recipient: null, text: null, language };
      }
      if (decision.send) {
        const text = await this.composeIdrResponse(em, c, language, valid);
        messageId = await this.send(em, c, text);
      } else {
        noResponse = decision.record;
      }
      const [resolution] = (await em.query(
        `INSERT INTO case_resolutions (case_id, closure_state, outcome, reasons, remedies, compensation_amount, satisfaction_evidence,
                                       unfounded, idr_response_message_id, language, resolved_by, resolved_at, no_response_reason, no_response_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          caseId,
          valid.closureState,
          valid.outcome,
          valid.reasons,
          JSON.stringify(valid.remedies),
          valid.compensationAmount,
          valid.satisfactionEvidence ?? null,
          unfounded,
          messageId,
          language,
          principal.userId,
          now,
          noResponse?.reason ?? null,
          noResponse?.note ?? null,
        ],
      )) as Array<{ id: string }>;
      await recordAudit(em, {
        caseId,
        actorUserId: principal.userId,
        action: unfounded ? 'case.unfounded' : 'case.resolved',
        reason: valid.reasons.slice(0, 1000),
        data: { closureState: valid.closureState, outcome: valid.outcome, resolutionId: resolution.id, idrResponseMessageId: messageId, noIdrResponse: noResponse, paragraphs: decision.paragraphs },
      });
      const status = valid.closureState === 'withdrawn' || valid.closureState === 'escalated_afca' ? 'closed' : 'resolved';
      await this.caseRepository.close(em, caseId, status, now);
      await this.compliance.recordIdrResponse(em, caseId, { language, at: messageId ? now : null, messageId });
      const summary = (await loadCaseSummary(em, caseId))!;
      const event = await writeCaseEvent(em, {
        type: 'case.resolved',
        summary,
        actorUserId: principal.userId,
        data: {
          resolutionId: resolution.id,
          outcome: valid.outcome,
          closureState: valid.closureState,
          unfounded,
          remedies: valid.remedies,
          compensationAmount: valid.compensationAmount,
          idrResponseMessageId: messageId,
          noIdrResponse: noResponse,
          resolvedAt: now.toISOString(),
          withinDeadline: c.respond_by ? now <= (await this.effectiveDue(em, caseId, c.respond_by, now)) : null,
        },
      });
      return { case: summary, resolutionId: resolution.id, idrResponseMessageId: messageId, event };
    }, () => mode === 'send');
  }

  /** A polite, reasoned decline: the IDR response with the outcome "not upheld". */
  async unfounded(principal: StaffPrincipal, caseId: string, input: { reasons: string; language?: string }) {
    return this.closeComplaint(principal, caseId, unfoundedResolution(input), true, 'send');
  }

  async delayNotice(principal: StaffPrincipal, caseId: string, input: DelayNoticeInput) {
    return this.delay(principal, caseId, input, 'send');
  }

  /** The delay notification as it would be sent, checked as sending checks it; nothing changes. */
  async previewDelayNotice(principal: StaffPrincipal, caseId: string, input: DelayNoticeInput): Promise<WrittenMessagePreview> {
    return this.delay(principal, caseId, input, 'preview');
  }

  private async delay(principal: StaffPrincipal, caseId: string, input: DelayNoticeInput, mode: 'preview'): Promise<WrittenMessagePreview>;
  private async delay(principal: StaffPrincipal, caseId: string, input: DelayNoticeInput, mode: 'send'): Promise<DelayResult>;
  private async delay(principal: StaffPrincipal, caseId: string, input: DelayNoticeInput, mode: Mode): Promise<DelayResult | WrittenMessagePreview> {
    const reasons = (input.reasons ?? '').trim();
    if (!reasons) throw new InvalidInputError('delay_reasons_required', 'A delay notification must give the reasons for the delay');
    if (reasons.length > MAX_TEXT) throw new InvalidInputError('reasons_too_long', `At most ${MAX_TEXT} characters`);
    const ground = input.ground ?? 'complexity';
    if (ground !== 'complexity' && ground !== 'outside_control') {
      throw new InvalidInputError('invalid_delay_ground', 'ground must be complexity or outside_control (RG 271.64)');
    }
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em): Promise<DelayResult | WrittenMessagePreview> => {
      const c = await this.lock(em, caseId);
      await this.enforce(em, principal, 'delay_notice', c);
      const now = this.clock.now();
      if (!c.respond_by) throw new ConflictError('no_idr_deadline', `Case ${c.reference} has no IDR deadline`);
      const due = await this.effectiveDue(em, caseId, c.respond_by, now);
      if (now > due) {
        throw new ConflictError('deadline_passed', `The IDR deadline of ${c.reference} passed at ${due.toISOString()}: a delay notification can only be sent before it (RG 271.64)`, {
          respondBy: due.toISOString(),
        });
      }
      const language = input.language ?? c.language ?? (await this.caseLanguage(em, caseId));
      const template = await this.templates.current('delay_notice', language, em);
      // For a death benefit the notice must not say the customer need not wait (RG 271.66 Note 1), and the AFCA limit is 28 days.
      const note = await this.templates.current(afcaTemplateKinds(c.complaint_type).delayNote, template.language, em);
      const text = this.render('delay_notice', template.body, {
        reference: c.reference,
        respondBy: formatDueDate(due, template.language, this.config.timeZone),
        delayReasons: reasons,
        afcaNote: note.body,
        afcaBlock: await this.afcaBlock(em, c.complaint_type, template.language),
      });
      if (mode === 'preview') return this.preview(em, c, template.language, text);
      const messageId = await this.send(em, c, text);
      await this.compliance.recordDelayNotice(em, caseId, { at: now, messageId, reasons });
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'delay_notice.sent', reason: reasons.slice(0, 1000), data: { ground, messageId, respondBy: due.toISOString() } });
      const summary = (await loadCaseSummary(em, caseId))!;
      const event = await writeCaseEvent(em, {
        type: 'case.delay_notified',
        summary,
        actorUserId: principal.userId,
        data: { ground, reasons, messageId, respondBy: due.toISOString(), templateVersion: template.version, language: template.language },
      });
      return { case: summary, messageId, event };
    }, () => mode === 'send');
  }

  private enforce(em: EntityManager, principal: StaffPrincipal, action: GuardedCaseAction, c: LockedComplaintRow, preview = false): Promise<void> {
    return enforceCaseAction(em, principal, action, c, { finalResponseApproval: this.config.workspace.finalResponseApproval && !preview });
  }

  /** Where the written message would go: the channel the complainant last wrote on, as queueWrittenMessage chooses it. */
  private async preview(em: EntityManager, c: LockedComplaintRow, language: string, text: string): Promise<WrittenMessagePreview> {
    const latest = await this.messages.latestInboundOfCase(c.id, em);
    try {
      const route = await outboundRoute(em, { caseId: c.id, customerId: c.customer_id, channel: latest?.channel ?? c.channel });
      return { sends: true, channel: route.channel, recipient: route.recipient, text, language };
    } catch (error) {
      if (error instanceof InvalidInputError) throw new ConflictError('no_channel_to_respond', `Cannot send the written message: ${error.message}`);
      throw error;
    }
  }

  private async lock(em: EntityManager, caseId: string): Promise<LockedComplaintRow> {
    const c = (await this.compliance.lockWithCase(em, caseId))!;
    if (!(OPEN_STATUSES as readonly string[]).includes(c.status)) {
      throw new ConflictError('case_not_open', `Case ${c.reference} is ${c.status}; reopen it first`, { status: c.status });
    }
    return c;
  }

  private async caseLanguage(em: EntityManager, caseId: string): Promise<string> {
    const m = await this.messages.latestInboundOfCase(caseId, em);
    return complainantLanguage(m?.classification?.language, m?.text);
  }

  private async composeIdrResponse(em: EntityManager, c: LockedComplaintRow, language: string, valid: ValidResolution): Promise<string> {
    const template = await this.templates.current('idr_response', language, em);
    return this.render('idr_response', template.body, {
      reference: c.reference,
      outcome: outcomeLabel(valid.outcome, template.language),
      reasons: valid.reasons,
      remedies: describeRemedies(valid.remedies, valid.compensationAmount, template.language),
      afcaBlock: await this.afcaBlock(em, c.complaint_type, template.language),
    });
  }

  /** AFCA's contact details with the time limit for this kind of complaint: 28 days for a death benefit, else 2 and 6 years (RG 271.54). */
  private async afcaBlock(em: EntityManager, complaintType: ComplaintType, language: string): Promise<string> {
    const block = await this.templates.current('afca_block', language, em);
    const limit = await this.templates.current(afcaTemplateKinds(complaintType).timeLimit, block.language, em);
    return this.render('afca_block', block.body, { afcaTimeLimit: limit.body });
  }

  private render(kind: TemplateKind, body: string, values: Record<string, string>): string {
    try {
      return renderTemplate(kind, body, values);
    } catch (error) {
      if (error instanceof MissingRequiredPartsError) {
        const what = kind === 'idr_response' ? 'IDR response' : kind === 'delay_notice' ? 'delay notification' : `${kind} template`;
        throw new InvalidInputError('required_parts_missing', `Refused: the ${what} would go out without ${error.parts.join(', ')}`, {
          missing: error.parts,
        });
      }
      throw error;
    }
  }

  private send(em: EntityManager, c: LockedComplaintRow, text: string): Promise<string> {
    return queueWrittenMessage(em, this.messages, { id: c.id, reference: c.reference, customerId: c.customer_id, channel: c.channel }, text);
  }

  private async effectiveDue(em: EntityManager, caseId: string, respondBy: Date, now: Date): Promise<Date> {
    const pauses = (await em.query(`SELECT reason, started_at, ended_at FROM compliance_pauses WHERE case_id = $1`, [caseId])) as Array<{
      reason: ClockPause['reason'];
      started_at: Date;
      ended_at: Date | null;
    }>;
    return extendByPauses(respondBy, pauses.map((p) => ({ reason: p.reason, startedAt: p.started_at, endedAt: p.ended_at })), now);
  }
}

interface DelayNoticeInput {
  reasons: string;
  ground?: string;
  language?: string;
}

type ResolveResult = { case: Awaited<ReturnType<typeof loadCaseSummary>> & object; resolutionId: string; idrResponseMessageId: string | null; event: Awaited<ReturnType<typeof writeCaseEvent>> };
type DelayResult = { case: Awaited<ReturnType<typeof loadCaseSummary>> & object; messageId: string; event: Awaited<ReturnType<typeof writeCaseEvent>> };

function unfoundedResolution(input: { reasons: string; language?: string }): ResolveInput {
  return { outcome: 'not_upheld', closureState: 'resolved', reasons: input.reasons, remedies: [{ type: 'explanation' }], language: input.language };
}

interface ValidResolution {
  outcome: Outcome;
  closureState: ClosureState;
  reasons: string;
  remedies: Remedy[];
  compensationAmount: number | null;
  satisfactionEvidence?: string;
  language?: string;
}

function validateResolution(input: ResolveInput): ValidResolution {
  if (!isOutcome(input.outcome)) throw new InvalidInputError('invalid_outcome', 'outcome must be upheld, partially_upheld, not_upheld or withdrawn');
  if (!isClosureState(input.closureState)) {
    throw new InvalidInputError('invalid_closure_state', 'closureState must be resolved, unresolved, withdrawn, escalated_afca or closed_within_5_days');
  }
  const reasons = (input.reasons ?? '').trim();
  if (!reasons) throw new InvalidInputError('reasons_required', 'The reasons for the outcome are required (RG 271.53): what was found and why');
  if (reasons.length > MAX_TEXT) throw new InvalidInputError('reasons_too_long', `At most ${MAX_TEXT} characters`);
  const remedies: Remedy[] = [];
  for (const r of input.remedies ?? []) {
    if (!isRemedyType(r?.type)) throw new InvalidInputError('invalid_remedy', `Unknown remedy ${String(r?.type)}`);
    if (r.dueAt !== undefined && Number.isNaN(Date.parse(r.dueAt))) throw new InvalidInputError('invalid_remedy_due', 'A remedy’s dueAt must be a date');
    remedies.push({ type: r.type, ...(r.description ? { description: r.description } : {}), ...(r.ownerUserId ? { ownerUserId: r.ownerUserId } : {}), ...(r.dueAt ? { dueAt: r.dueAt } : {}) });
  }
  const amount = input.compensationAmount ?? null;
  if (amount !== null && (!Number.isFinite(amount) || amount < 0 || amount > 1e12)) {
    throw new InvalidInputError('invalid_compensation', 'compensationAmount must be a non-negative amount');
  }
  if (input.language !== undefined && !/^[a-z]{2,3}$/.test(input.language)) throw new InvalidInputError('invalid_language', 'language must be a code such as en or ru');
  return {
    outcome: input.outcome,
    closureState: input.closureState,
    reasons,
    remedies,
    compensationAmount: amount === null ? null : Math.round(amount * 100) / 100,
    satisfactionEvidence: input.satisfactionEvidence?.trim() || undefined,
    language: input.language,
  };
}
