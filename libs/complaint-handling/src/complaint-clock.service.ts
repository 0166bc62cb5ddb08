import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, type StaffPrincipal } from '@inbox/contracts';
import {
  isComplaintType,
  isPauseReason,
  isSocialChannel,
  pauseRefusal,
  type ComplaintType,
  type DeadlineFacts,
  type SocialMediaTests,
} from '@inbox/compliance';
import { loadCaseSummary } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { CaseRepository, ComplianceRecordRepository, UnitOfWork, type LockedComplaintRow } from '@inbox/cases';
import { queryRows } from '@inbox/cases';
import { recordAudit } from './compliance-audit';
import { socialTestsMoveClock, socialTestsRecord, type SocialTestsRecord } from './social-tests-record';
import { ComplianceCalendar } from './compliance-calendar.service';
import { COMPLIANCE_CLOCK, type ComplianceClock } from './compliance-clock';

export interface ComplianceDetailsInput {
  complaintType?: string;
  /** Why the type changed: reclassifications are audited with a reason. */
  reason?: string;
  deathBenefitNoticeAt?: string;
  writtenResponseRequested?: boolean;
  declinedInsuranceClaim?: boolean;
  insuranceClaimValue?: boolean;
  /**
   * The complaint is about one of the firm's representatives (an authorised or
   * credit representative acting for the firm) — ASIC's IDR data element; not
   * whether someone complained on the complainant's behalf.
   */
  aboutRepresentative?: boolean;
  /** Products and issues for the register and the ASIC report (several each); the classifier's until set. */
  products?: string[];
  issues?: string[];
}

/** The complaint row with every fact its deadline depends on, locked (ComplianceRecordRepository.lockWithCase). */
export type LockedClock = Pick<
  LockedComplaintRow,
  | 'id'
  | 'kind'
  | 'channel'
  | 'complaint_type'
  | 'received_at'
  | 'acknowledge_by'
  | 'respond_by'
  | 'death_benefit_notice_at'
  | 'hardship_information_requested_at'
  | 'hardship_information_received_at'
  | 'idr_response_at'
>;

export function deadlineFactsOf(c: Pick<LockedClock, 'death_benefit_notice_at' | 'hardship_information_requested_at' | 'hardship_information_received_at'>): DeadlineFacts {
  return {
    deathBenefitNoticeAt: c.death_benefit_notice_at ?? undefined,
    informationRequestedAt: c.hardship_information_requested_at ?? undefined,
    informationReceivedAt: c.hardship_information_received_at ?? undefined,
  };
}

/**
 * The one clock of a complaint: its type and the deadlines that follow, the
 * earliest contact as its start, the pauses RG 271 allows, and the
 * social-media tests. Every change writes a case event and an audit row.
 */
@Injectable()
export class ComplaintClockService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(COMPLIANCE_CLOCK) private readonly clock: ComplianceClock,
    private readonly cases: CaseQueryService,
    private readonly calendar: ComplianceCalendar,
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
    private readonly compliance: ComplianceRecordRepository,
  ) {}

  /** An agent's change, or the system's (principal null) when classification can tell the type. */
  async updateDetails(principal: StaffPrincipal | null, caseId: string, input: ComplianceDetailsInput) {
    if (input.complaintType !== undefined && !isComplaintType(input.complaintType)) {
      throw new InvalidInputError('invalid_complaint_type', 'complaintType must be standard, superannuation_trustee, traditional_trustee, death_benefit, credit_default_notice or hardship');
    }
    const notice = input.deathBenefitNoticeAt === undefined ? undefined : new Date(input.deathBenefitNoticeAt);
    if (notice && Number.isNaN(notice.getTime())) throw new InvalidInputError('invalid_date', 'deathBenefitNoticeAt must be a date');
    if (principal) await this.cases.summaryVisibleTo(principal, caseId);
    const actorUserId = principal?.userId ?? null;
    return this.unitOfWork.run(async (em) => {
      const c = (await this.compliance.lockWithCase(em, caseId))!;
      const type = (input.complaintType as ComplaintType | undefined) ?? c.complaint_type;
      if (type !== c.complaint_type && !input.reason?.trim()) {
        throw new InvalidInputError('reason_required', 'Changing the complaint type needs a reason (it is audited)');
      }
      await this.compliance.recordComplaintDetails(em, caseId, {
        writtenResponseRequested: input.writtenResponseRequested,
        declinedInsuranceClaim: input.declinedInsuranceClaim,
        insuranceClaimValue: input.insuranceClaimValue,
        deathBenefitNoticeAt: notice,
        aboutRepresentative: input.aboutRepresentative,
        products: input.products,
        issues: input.issues,
      });
      const changes: Record<string, unknown> = {};
      for (const key of ['writtenResponseRequested', 'declinedInsuranceClaim', 'insuranceClaimValue', 'aboutRepresentative', 'products', 'issues'] as const) {
        if (input[key] !== undefined) changes[key] = input[key];
      }
      const summary0 = (await loadCaseSummary(em, caseId))!;
      if (c.kind === 'complaint' && c.respond_by && (type !== c.complaint_type || notice)) {
        const respondBy = this.calendar.idrResponseDue(c.received_at, type, { ...deadlineFactsOf(c), deathBenefitNoticeAt: notice ?? c.death_benefit_notice_at ?? undefined });
        await this.caseRepository.setComplaintType(em, caseId, type, respondBy);
        const data = { from: { complaintType: c.complaint_type, respondBy: c.respond_by?.toISOString() ?? null }, to: { complaintType: type, respondBy: respondBy.toISOString() } };
        await recordAudit(em, { caseId, actorUserId, action: 'deadline.changed', reason: input.reason ?? 'death benefit notice date recorded', data });
        const summary = (await loadCaseSummary(em, caseId))!;
        await writeCaseEvent(em, { type: 'deadline.changed', summary, actorUserId, data: { ...data, reason: input.reason ?? null, ...changes } });
      } else if (type !== c.complaint_type) {
        await this.caseRepository.setComplaintType(em, caseId, type);
        await recordAudit(em, { caseId, actorUserId, action: 'complaint_type.changed', reason: input.reason, data: { from: c.complaint_type, to: type } });
      }
      if (Object.keys(changes).length > 0) {
        await recordAudit(em, { caseId, actorUserId, action: 'written_response_triggers.changed', reason: input.reason ?? null, data: changes });
        await writeCaseEvent(em, { type: 'case.updated', summary: summary0, actorUserId, data: { change: 'compliance_details', ...changes } });
      }
      return this.details(em, caseId);
    });
  }

  /** Stops the clock for one of the reasons RG 271 allows; the pause and its end are audited. */
  async pause(principal: StaffPrincipal, caseId: string, input: { reason: string; note: string }) {
    if (!isPauseReason(input.reason)) {
      throw new InvalidInputError('pause_not_allowed', 'RG 271 allows the clock to stop only for trustee_court_event or customer_advocate_review');
    }
    if (!input.note?.trim()) throw new InvalidInputError('note_required', 'Say why the clock stops (it is audited)');
    await this.cases.summaryVisibleTo(principal, caseId);
    const reason = input.reason;
    return this.unitOfWork.run(async (em) => {
      const c = (await this.compliance.lockWithCase(em, caseId))!;
      const refusal = pauseRefusal(reason, { complaintType: c.complaint_type, idrResponseGiven: c.idr_response_at !== null });
      if (refusal) throw new ConflictError('pause_does_not_apply', refusal, { reason, complaintType: c.complaint_type });
      const now = this.clock.now();
      const inserted = (await em.query(
        `INSERT INTO compliance_pauses (case_id, reason, note, started_at, started_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) WHERE ended_at IS NULL DO NOTHING RETURNING id`,
        [caseId, input.reason, input.note.trim(), now, principal.userId],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) throw new ConflictError('already_paused', 'The clock of this case is already paused');
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'clock.paused', reason: input.note.trim(), data: { pauseReason: input.reason, at: now.toISOString() } });
      const summary = (await loadCaseSummary(em, caseId))!;
      await writeCaseEvent(em, { type: 'clock.paused', summary, actorUserId: principal.userId, data: { reason: input.reason, note: input.note.trim(), pauseId: inserted[0].id } });
      return this.details(em, caseId);
    });
  }

  async resume(principal: StaffPrincipal, caseId: string, input: { note?: string }) {
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      await this.caseRepository.lockForUpdate(em, caseId);
      const now = this.clock.now();
      const [row] = await queryRows<{ id: string; reason: string; started_at: Date }>(
        em,
        `UPDATE compliance_pauses SET ended_at = $2, ended_by = $3 WHERE case_id = $1 AND ended_at IS NULL RETURNING id, reason, started_at`,
        [caseId, now, principal.userId],
      );
      if (!row) throw new ConflictError('not_paused', 'The clock of this case is not paused');
      const pausedMs = now.getTime() - row.started_at.getTime();
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'clock.resumed', reason: input.note ?? null, data: { pauseId: row.id, pausedMs } });
      const summary = (await loadCaseSummary(em, caseId))!;
      await writeCaseEvent(em, { type: 'clock.resumed', summary, actorUserId: principal.userId, data: { pauseId: row.id, pausedMs } });
      return this.details(em, caseId);
    });
  }

  /**
   * The RG 271.32(a) tests of a social-media post, each answered on its own.
   * A post that fails one runs on no clock and is never reported (it is kept
   * for systemic-issue analysis); passing again restarts the clock from the
   * first contact. Unanswered tests keep the clock running.
   */
  async recordSocialTests(principal: StaffPrincipal | null, caseId: string, tests: Partial<SocialMediaTests>, why: string) {
    if (principal) await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const c = (await this.compliance.lockWithCase(em, caseId))!;
      if (!isSocialChannel(c.channel)) throw new InvalidInputError('not_social', 'The social-media tests apply to Facebook, Instagram and Messenger cases');
      const record = socialTestsRecord(await this.compliance.socialTestsOf(em, caseId), tests, principal?.userId ?? 'system', why);
      await this.moveClockForSocialTests(em, c, record, principal?.userId ?? null);
      await this.compliance.recordSocialTests(em, [{ caseId, record }]);
      await recordAudit(em, { caseId, actorUserId: principal?.userId ?? null, action: 'social.tests_recorded', reason: why, data: record });
      const summary = (await loadCaseSummary(em, caseId))!;
      await writeCaseEvent(em, { type: 'social.tests_recorded', summary, actorUserId: principal?.userId ?? null, data: record });
      return this.details(em, caseId);
    });
  }

  /**
   * Starts or stops a complaint's clock when recorded social-media tests call for it (socialTestsMoveClock),
   * in the caller's transaction with the case locked: the deadlines, an audit row and a deadline.changed event.
   */
  async moveClockForSocialTests(em: EntityManager, c: LockedClock, record: SocialTestsRecord, actorUserId: string | null): Promise<void> {
    if (!socialTestsMoveClock(record, c)) return;
    const wantsClock = record.verdict !== 'fails';
    const deadlines = wantsClock ? this.calendar.deadlinesFor(c.received_at, c.complaint_type, deadlineFactsOf(c)) : null;
    await this.caseRepository.setDeadlines(em, c.id, { acknowledgeBy: deadlines?.acknowledgeBy ?? null, respondBy: deadlines?.respondBy ?? null });
    const data = { reason: wantsClock ? 'social_tests_met' : 'social_tests_failed', from: { respondBy: c.respond_by?.toISOString() ?? null }, to: { respondBy: deadlines?.respondBy.toISOString() ?? null } };
    await recordAudit(em, { caseId: c.id, actorUserId, action: 'deadline.changed', reason: record.why, data });
    await writeCaseEvent(em, { type: 'deadline.changed', summary: (await loadCaseSummary(em, c.id))!, actorUserId, data });
  }

  /**
   * One clock from the first contact: a message that reached us earlier than
   * the case's start (a delayed email, a merged channel) moves the start and
   * the deadlines back, never forward.
   */
  async keepEarliestStart(caseId: string, contactAt: Date): Promise<boolean> {
    return this.unitOfWork.run(async (em) => {
      const c = await this.compliance.lockWithCase(em, caseId);
      if (!c || contactAt >= c.received_at) return false;
      const deadlines = c.respond_by ? this.calendar.deadlinesFor(contactAt, c.complaint_type, deadlineFactsOf(c)) : null;
      await this.caseRepository.moveStartBack(em, caseId, contactAt, { acknowledgeBy: deadlines?.acknowledgeBy ?? null, respondBy: deadlines?.respondBy ?? null });
      const data = {
        reason: 'earlier_contact',
        from: { receivedAt: c.received_at.toISOString(), respondBy: c.respond_by?.toISOString() ?? null },
        to: { receivedAt: contactAt.toISOString(), respondBy: deadlines?.respondBy.toISOString() ?? null },
      };
      await recordAudit(em, { caseId, action: 'deadline.changed', reason: 'an earlier contact on another channel starts the clock', data });
      const summary = (await loadCaseSummary(em, caseId))!;
      await writeCaseEvent(em, { type: 'deadline.changed', summary, data });
      return true;
    }, (moved) => moved);
  }

  /**
   * Starts the clock of a case again from `startAt`, in the caller's
   * transaction (a split or a merge moved the messages it counted from): the
   * deadlines follow from the case's kind, type and facts as at intake, and
   * the change is audited and written as a case event. A case that is not a
   * complaint keeps no deadlines. Returns what changed, or null when nothing did.
   */
  async restartIn(em: EntityManager, caseId: string, startAt: Date, change: { actorUserId: string | null; reason: string; why: string }) {
    const c = (await this.compliance.lockWithCase(em, caseId))!;
    const deadlines = c.kind === 'complaint' ? this.calendar.deadlinesFor(startAt, c.complaint_type, deadlineFactsOf(c)) : null;
    const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
    if (same(c.received_at, startAt) && same(c.respond_by, deadlines?.respondBy ?? null) && same(c.acknowledge_by, deadlines?.acknowledgeBy ?? null)) return null;
    await this.caseRepository.restartClock(em, caseId, startAt, { acknowledgeBy: deadlines?.acknowledgeBy ?? null, respondBy: deadlines?.respondBy ?? null });
    const data = {
      reason: change.reason,
      from: { receivedAt: c.received_at.toISOString(), respondBy: c.respond_by?.toISOString() ?? null },
      to: { receivedAt: startAt.toISOString(), respondBy: deadlines?.respondBy.toISOString() ?? null },
    };
    await recordAudit(em, { caseId, actorUserId: change.actorUserId, action: 'deadline.changed', reason: change.why, data });
    await writeCaseEvent(em, { type: 'deadline.changed', summary: (await loadCaseSummary(em, caseId))!, actorUserId: change.actorUserId, data });
    return data;
  }

  async detailsOf(principal: StaffPrincipal, caseId: string) {
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.details(this.db.manager, caseId);
  }

  /** What the case shows about RG 271: type, deadlines, clock, pauses, notices, resolutions, social tests. */
  async details(em: Pick<EntityManager, 'query'>, caseId: string) {
    const [c] = (await em.query(
      `SELECT c.reference, c.kind, c.complaint_type, c.received_at, c.acknowledge_by, c.respond_by, c.acknowledged_at, c.status,
              cc.at_risk_at, cc.delay_prompted_at, cc.breached_at, cc.delay_notice_at, cc.delay_reasons, cc.idr_response_at,
              cc.written_response_requested, cc.declined_insurance_claim, cc.insurance_claim_value, cc.death_benefit_notice_at, cc.social_tests, cc.language,
              cc.about_representative, cc.products, cc.issues, cc.hardship_information_requested_at, cc.hardship_information_received_at,
              cc.hardship_agreement_at, cc.hardship_agreement_terms, cc.hardship_agreement_confirm_by, cc.hardship_agreement_confirmed_at,
              am.delivery_status AS acknowledgement_delivery, am.delivery_error AS acknowledgement_error, am.external_id IS NOT NULL AS acknowledgement_accepted
         FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id
         LEFT JOIN messages am ON am.id = cc.acknowledgement_message_id
        WHERE c.id = $1`,
      [caseId],
    )) as Array<
      Record<string, unknown> & {
        received_at: Date;
        respond_by: Date | null;
        complaint_type: ComplaintType;
        death_benefit_notice_at: Date | null;
        hardship_information_requested_at: Date | null;
        hardship_information_received_at: Date | null;
      }
    >;
    const pauses = (await em.query(
      `SELECT id, reason, note, started_at, ended_at FROM compliance_pauses WHERE case_id = $1 ORDER BY started_at`,
      [caseId],
    )) as Array<{ id: string; reason: string; note: string; started_at: Date; ended_at: Date | null }>;
    const resolutions = (await em.query(
      `SELECT id, closure_state, outcome, reasons, remedies, compensation_amount, satisfaction_evidence, unfounded, resolved_at, resolved_by,
              no_response_reason, no_response_note
         FROM case_resolutions WHERE case_id = $1 ORDER BY resolved_at`,
      [caseId],
    )) as Array<Record<string, unknown>>;
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
    return {
      reference: c.reference,
      kind: c.kind,
      complaintType: c.complaint_type,
      clockStartedAt: iso(c.received_at),
      acknowledgeBy: iso(c.acknowledge_by),
      respondBy: iso(c.respond_by),
      // Which rule gave the IDR deadline: what it counts from, how many days, and whether it rolled past a weekend or holiday.
      respondByRule: c.respond_by ? this.calendar.explainIdrDeadline(c.respond_by, c.received_at, c.complaint_type, deadlineFactsOf(c)) : null,
      acknowledgedAt: iso(c.acknowledged_at),
      // The automatic acknowledgement's message as the provider reported it (queued, sent, delivered, failed); null when given by hand.
      // `accepted`: the provider took it (it gave the message its id), even while it still says "queued" on its side.
      acknowledgementDelivery: c.acknowledgement_delivery
        ? { status: String(c.acknowledgement_delivery), accepted: c.acknowledgement_accepted === true, error: (c.acknowledgement_error as string | null) ?? null }
        : null,
      atRiskAt: iso(c.at_risk_at),
      delayPromptedAt: iso(c.delay_prompted_at),
      breachedAt: iso(c.breached_at),
      delayNoticeAt: iso(c.delay_notice_at),
      delayReasons: c.delay_reasons ?? null,
      idrResponseAt: iso(c.idr_response_at),
      writtenResponseRequested: c.written_response_requested ?? false,
      declinedInsuranceClaim: c.declined_insurance_claim ?? false,
      insuranceClaimValue: c.insurance_claim_value ?? false,
      aboutRepresentative: c.about_representative ?? false,
      products: c.products ?? null,
      issues: c.issues ?? null,
      deathBenefitNoticeAt: iso(c.death_benefit_notice_at),
      hardship: {
        informationRequestedAt: iso(c.hardship_information_requested_at),
        informationReceivedAt: iso(c.hardship_information_received_at),
        agreementAt: iso(c.hardship_agreement_at),
        agreementTerms: c.hardship_agreement_terms ?? null,
        agreementConfirmBy: iso(c.hardship_agreement_confirm_by),
        agreementConfirmedAt: iso(c.hardship_agreement_confirmed_at),
      },
      socialTests: c.social_tests ?? null,
      language: c.language ?? null,
      pauses: pauses.map((p) => ({ id: p.id, reason: p.reason, note: p.note, startedAt: iso(p.started_at), endedAt: iso(p.ended_at) })),
      resolutions: resolutions.map((r) => ({
        id: r.id,
        closureState: r.closure_state,
        outcome: r.outcome,
        reasons: r.reasons,
        remedies: r.remedies,
        compensationAmount: r.compensation_amount === null ? null : Number(r.compensation_amount),
        satisfactionEvidence: r.satisfaction_evidence,
        unfounded: r.unfounded,
        resolvedAt: iso(r.resolved_at),
        resolvedBy: r.resolved_by,
        noResponseReason: r.no_response_reason ?? null,
        noResponseNote: r.no_response_note ?? null,
      })),
    };
  }
}
