import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, type StaffPrincipal } from '@inbox/contracts';
import { idrResponseDeadline, MissingRequiredPartsError, renderTemplate } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary, OPEN_STATUSES } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { CaseRepository, ComplianceRecordRepository, MessageRepository, UnitOfWork, type LockedComplaintRow } from '@inbox/cases';
import { deadlineFactsOf } from './complaint-clock.service';
import { recordAudit } from './compliance-audit';
import { ComplianceCalendar } from './compliance-calendar.service';
import { COMPLIANCE_CLOCK, type ComplianceClock } from './compliance-clock';
import { ComplianceTemplateStore } from './compliance-template.store';
import { complainantLanguage, formatDueDate } from './compliance-text';
import { queueWrittenMessage } from './written-message';


const MAX_TEXT = 5_000;

/**
 * Hardship complaints (RG 271 Table 2, 271.92–99): the request for missing
 * information and its arrival move the IDR deadline as RG 271.93 says (21
 * days after it arrives within the 21-day wait, else 7 days after the wait);
 * an agreement reached is confirmed to the customer in writing within 30 days
 * (RG 271.99), and the scheduler flags it when it is not.
 */
@Injectable()
export class HardshipService {
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

  /** We asked the customer for information we need; it must be within the first 21 days (RG 271.93). */
  async informationRequested(principal: StaffPrincipal, caseId: string, input: { note?: string }) {
    return this.changeDeadline(principal, caseId, async (em, c, now) => {
      this.mustBeOpenHardship(c);
      if (c.hardship_information_requested_at) throw new ConflictError('information_already_requested', `Information for ${c.reference} was already asked for on ${c.hardship_information_requested_at.toISOString()}`);
      const first21 = idrResponseDeadline(c.received_at, 'hardship', this.calendar.calendar, {}, { ...this.calendar.policy, rollToBusinessDay: false });
      if (now > first21.dueAt) {
        throw new ConflictError('information_request_too_late', `Missing information must be asked for within 21 days of receipt (by ${first21.countedTo}); this request would not move the deadline (RG 271.93)`);
      }
      await this.compliance.recordHardshipInformationRequested(em, caseId, now);
      return { facts: { ...deadlineFactsOf(c), informationRequestedAt: now }, reason: input.note?.trim() || 'hardship: missing information requested', change: 'hardship_information_requested' };
    });
  }

  /** The information arrived (at `receivedAt`, default now): 21 days from then if within the 21-day wait (RG 271.93). */
  async informationReceived(principal: StaffPrincipal, caseId: string, input: { receivedAt?: string }) {
    const at = input.receivedAt === undefined ? null : new Date(input.receivedAt);
    if (at && Number.isNaN(at.getTime())) throw new InvalidInputError('invalid_date', 'receivedAt must be a date');
    return this.changeDeadline(principal, caseId, async (em, c, now) => {
      this.mustBeOpenHardship(c);
      const requested = c.hardship_information_requested_at;
      if (!requested) throw new ConflictError('information_not_requested', `No information was asked for on ${c.reference}`);
      if (c.hardship_information_received_at) throw new ConflictError('information_already_received', `The information for ${c.reference} was recorded as received already`);
      const receivedAt = at ?? now;
      if (receivedAt < requested || receivedAt > now) throw new InvalidInputError('invalid_date', 'receivedAt must be between the request and now');
      await this.compliance.recordHardshipInformationReceived(em, caseId, receivedAt);
      return { facts: { ...deadlineFactsOf(c), informationReceivedAt: receivedAt }, reason: 'hardship: requested information received', change: 'hardship_information_received' };
    });
  }

  /** A hardship agreement was reached: it must be confirmed in writing within 30 days (RG 271.99). */
  async recordAgreement(principal: StaffPrincipal, caseId: string, input: { terms: string; agreedAt?: string }) {
    const terms = (input.terms ?? '').trim();
    if (!terms) throw new InvalidInputError('terms_required', 'Say what was agreed: it is what the written confirmation states');
    if (terms.length > MAX_TEXT) throw new InvalidInputError('terms_too_long', `At most ${MAX_TEXT} characters`);
    const agreedAt = input.agreedAt === undefined ? null : new Date(input.agreedAt);
    if (agreedAt && Number.isNaN(agreedAt.getTime())) throw new InvalidInputError('invalid_date', 'agreedAt must be a date');
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const c = await this.lock(em, caseId);
      if (c.complaint_type !== 'hardship') throw new ConflictError('not_hardship', `${c.reference} is not a hardship complaint`);
      const now = this.clock.now();
      const at = agreedAt ?? now;
      if (at > now) throw new InvalidInputError('invalid_date', 'agreedAt cannot be in the future');
      const due = this.calendar.hardshipAgreementConfirmationDue(at);
      await this.compliance.recordHardshipAgreement(em, caseId, { at, terms, confirmBy: due.dueAt });
      const data = { change: 'hardship_agreement', agreedAt: at.toISOString(), confirmBy: due.dueAt.toISOString(), paragraph: 'RG 271.99' };
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'hardship.agreement_recorded', reason: terms.slice(0, 1000), data });
      await writeCaseEvent(em, { type: 'case.updated', summary: (await loadCaseSummary(em, caseId))!, actorUserId: principal.userId, data });
      return data;
    });
  }

  /** Sends the written confirmation of the agreement on the customer's channel and records it. */
  async confirmAgreement(principal: StaffPrincipal, caseId: string, input: { language?: string }) {
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const c = await this.lock(em, caseId);
      if (!c.hardship_agreement_at || !c.hardship_agreement_terms) throw new ConflictError('no_hardship_agreement', `No hardship agreement is recorded on ${c.reference}`);
      if (c.hardship_agreement_confirmed_at) throw new ConflictError('already_confirmed', `The agreement on ${c.reference} was confirmed on ${c.hardship_agreement_confirmed_at.toISOString()}`);
      const language = input.language ?? c.language ?? (await this.caseLanguage(em, caseId));
      const template = await this.templates.current('hardship_agreement_confirmation', language, em);
      let text: string;
      try {
        text = renderTemplate('hardship_agreement_confirmation', template.body, {
          reference: c.reference,
          terms: c.hardship_agreement_terms,
          agreedOn: formatDueDate(c.hardship_agreement_at, template.language, this.config.timeZone),
        });
      } catch (error) {
        if (error instanceof MissingRequiredPartsError) throw new InvalidInputError('required_parts_missing', `Refused: the confirmation would go out without ${error.parts.join(', ')}`);
        throw error;
      }
      const now = this.clock.now();
      const messageId = await queueWrittenMessage(em, this.messages, { id: c.id, reference: c.reference, customerId: c.customer_id, channel: c.channel }, text);
      await this.compliance.recordHardshipAgreementConfirmed(em, caseId, now, messageId);
      const data = { change: 'hardship_agreement_confirmed', messageId, confirmedAt: now.toISOString(), paragraph: 'RG 271.99' };
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'hardship.agreement_confirmed', data });
      await writeCaseEvent(em, { type: 'case.updated', summary: (await loadCaseSummary(em, caseId))!, actorUserId: principal.userId, data });
      return data;
    });
  }

  private mustBeOpenHardship(c: LockedComplaintRow): void {
    if (c.complaint_type !== 'hardship' || c.kind !== 'complaint') throw new ConflictError('not_hardship', `${c.reference} is not a hardship complaint`);
    if (!(OPEN_STATUSES as readonly string[]).includes(c.status)) throw new ConflictError('case_not_open', `Case ${c.reference} is ${c.status}`);
    if (!c.respond_by) throw new ConflictError('no_idr_deadline', `Case ${c.reference} has no IDR deadline`);
  }

  /** Runs a change of the hardship facts and moves the IDR deadline with it, audited. */
  private async changeDeadline(
    principal: StaffPrincipal,
    caseId: string,
    work: (em: EntityManager, c: LockedComplaintRow, now: Date) => Promise<{ facts: ReturnType<typeof deadlineFactsOf>; reason: string; change: string }>,
  ) {
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const c = await this.lock(em, caseId);
      const now = this.clock.now();
      const { facts, reason, change } = await work(em, c, now);
      const deadline = this.calendar.idrResponseDeadline(c.received_at, 'hardship', facts);
      await this.caseRepository.setRespondBy(em, caseId, deadline.dueAt);
      const data = { reason: change, from: { respondBy: c.respond_by?.toISOString() ?? null }, to: { respondBy: deadline.dueAt.toISOString() }, rule: deadline };
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'deadline.changed', reason, data });
      await writeCaseEvent(em, { type: 'deadline.changed', summary: (await loadCaseSummary(em, caseId))!, actorUserId: principal.userId, data });
      return { respondBy: deadline.dueAt.toISOString(), respondByRule: deadline };
    });
  }

  private async lock(em: EntityManager, caseId: string): Promise<LockedComplaintRow> {
    return (await this.compliance.lockWithCase(em, caseId))!;
  }


  private async caseLanguage(em: EntityManager, caseId: string): Promise<string> {
    const m = await this.messages.latestInboundOfCase(caseId, em);
    return complainantLanguage(m?.classification?.language, m?.text);
  }
}
