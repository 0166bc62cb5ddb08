import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CLASSIFICATION_KINDS,
  InvalidInputError,
  NotFoundError,
  type Classification,
  type ClassificationKind,
  type MessageView,
  type StaffPrincipal,
} from '@inbox/contracts';
import { caseKindFor } from '@inbox/complaint-detection';
import { loadCaseSummary, MESSAGE_COLUMNS, toMessageView, type MessageRow } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { UnitOfWork } from '@inbox/cases';
import { queryRows } from '@inbox/cases';
import { requireVisibleCustomers } from '@inbox/cases';
import { InboundIntakeService } from '../inbound-intake.service';
import { ComplianceCalendar } from '@inbox/complaint-handling';

export interface ClassificationCorrection {
  kind?: ClassificationKind;
  product?: string | null;
  issue?: string | null;
  /** Required when a complaint is reclassified as something else (RG 271.31: no silent downgrades). */
  reason?: string;
}

const LABEL = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * An agent corrects what the classifier said about a message (or a case, meaning
 * its first message). The correction is kept in classification_corrections —
 * the classifier's training script reads it — and the case follows it: kind,
 * category and, for a new complaint, the RG 271 clock from first contact.
 */
@Injectable()
export class ClassificationCorrectionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
    private readonly unitOfWork: UnitOfWork,
    private readonly intake: InboundIntakeService,
    private readonly calendar: ComplianceCalendar,
  ) {}

  async correctCase(principal: StaffPrincipal, caseId: string, correction: ClassificationCorrection) {
    await this.cases.summaryVisibleTo(principal, caseId);
    const [first] = (await this.db.query(
      `SELECT id FROM messages WHERE case_id = $1 AND direction = 'inbound' ORDER BY intake_seq LIMIT 1`,
      [caseId],
    )) as Array<{ id: string }>;
    if (!first) throw new NotFoundError('message_not_found', 'This case has no inbound message to reclassify');
    return this.correctMessage(principal, first.id, correction);
  }

  async correctMessage(principal: StaffPrincipal, messageId: string, correction: ClassificationCorrection) {
    validate(correction);
    const [found] = (await this.db.query(`SELECT case_id, customer_id FROM messages WHERE id = $1 AND direction = 'inbound'`, [messageId])) as Array<{
      case_id: string | null;
      customer_id: string;
    }>;
    if (!found) throw new NotFoundError('message_not_found', 'No such inbound message');
    // A message of a case: that case must be visible; one kept without a case (noise): its customer.
    try {
      if (found.case_id) await this.cases.summaryVisibleTo(principal, found.case_id);
      else await requireVisibleCustomers(this.db, principal, [found.customer_id]);
    } catch (error) {
      throw error instanceof NotFoundError ? new NotFoundError('message_not_found', 'No such inbound message') : error;
    }

    return this.unitOfWork.run((em) => this.applyCorrection(em, principal, messageId, correction));
  }

  /**
   * The correction inside the caller's transaction (the supervisors' review of not-a-complaint decisions
   * records its verdict in the same one). The caller checks that the principal may see the message, and
   * wakes the outbox relay after commit (UnitOfWork).
   */
  async applyCorrection(em: EntityManager, principal: StaffPrincipal, messageId: string, correction: ClassificationCorrection): Promise<MessageView> {
    validate(correction);
    const [row] = (await em.query(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = $1 FOR UPDATE`, [messageId])) as MessageRow[];
    if (!row) throw new NotFoundError('message_not_found', 'No such inbound message');
    const before = row.classification;
    const kind = correction.kind ?? before?.kind ?? 'complaint';
    const product = correction.product !== undefined ? correction.product : (before?.product ?? null);
    const issue = correction.issue !== undefined ? correction.issue : (before?.issue ?? null);
    const caseRow = row.case_id
      ? ((await em.query(`SELECT id, kind, received_at FROM cases WHERE id = $1 FOR UPDATE`, [row.case_id])) as Array<{ id: string; kind: string; received_at: Date }>)[0]
      : undefined;
    const downgrade = (before?.kind === 'complaint' || caseRow?.kind === 'complaint') && kind !== 'complaint';
    if (downgrade && !correction.reason?.trim()) {
      throw new InvalidInputError('reason_required', 'Reclassifying a complaint as something else needs a reason (RG 271.31)');
    }
    const after: Classification = {
      kind,
      confidence: 1,
      category: product && issue ? `${product}/${issue}` : (product ?? issue),
      product,
      issue,
      urgency: before?.urgency ?? 'normal',
      vulnerability: before?.vulnerability ?? [],
      sentiment: before?.sentiment ?? 0,
      language: before?.language ?? 'en',
      source: 'agent',
    };
    const [updated] = await queryRows<MessageRow>(
      em,
      `UPDATE messages m SET classification = $2, updated_at = now() WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [messageId, JSON.stringify(after)],
    );
    await em.query(
      `INSERT INTO classification_corrections (message_id, text, kind, product, issue, corrected_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [messageId, row.text, kind, product, issue, principal.userId],
    );
    let message = toMessageView(updated);
    if (!caseRow && caseKindFor(kind)) {
      // Kept as noise, but it is a complaint or enquiry after all: it gets its case now (never lost, RG 271).
      await this.intake.placeCaselessMessage(em, messageId, after);
      const [placed] = (await em.query(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = $1`, [messageId])) as MessageRow[];
      message = toMessageView(placed);
      if (placed.case_id) {
        const summary = (await loadCaseSummary(em, placed.case_id))!;
        await writeCaseEvent(em, { type: 'classification.corrected', summary, message, actorUserId: principal.userId, data: { messageId, from: before, to: after } });
      }
    }
    if (caseRow) {
      // A complaint's clock starts at first contact, not at the correction (RG 271.35).
      const deadlines = kind === 'complaint' ? this.calendar.deadlinesFor(caseRow.received_at, 'standard') : null;
      // An agent has now looked at the classification: the case no longer asks to be checked.
      await em.query(
        `UPDATE cases SET kind = $2, category = $3, classification_check = false, updated_at = now(),
                          acknowledge_by = CASE WHEN $2 = 'complaint' THEN COALESCE(acknowledge_by, $4) ELSE acknowledge_by END,
                          respond_by = CASE WHEN $2 = 'complaint' THEN COALESCE(respond_by, $5) ELSE respond_by END
          WHERE id = $1`,
        [caseRow.id, kind, after.category, deadlines?.acknowledgeBy ?? null, deadlines?.respondBy ?? null],
      );
      const summary = (await loadCaseSummary(em, caseRow.id))!;
      await writeCaseEvent(em, {
        type: 'classification.corrected',
        summary,
        message,
        actorUserId: principal.userId,
        data: { messageId, from: before, to: after, ...(correction.reason?.trim() ? { reason: correction.reason.trim() } : {}) },
      });
    }
    return message;
  }
}

function validate(c: ClassificationCorrection): void {
  if (c.kind === undefined && c.product === undefined && c.issue === undefined) {
    throw new InvalidInputError('empty_correction', 'Give at least one of kind, product, issue');
  }
  if (c.kind !== undefined && !CLASSIFICATION_KINDS.includes(c.kind)) {
    throw new InvalidInputError('invalid_kind', `kind must be one of ${CLASSIFICATION_KINDS.join(', ')}`);
  }
  for (const [name, value] of [['product', c.product], ['issue', c.issue]] as const) {
    if (value !== undefined && value !== null && !LABEL.test(value)) {
      throw new InvalidInputError(`invalid_${name}`, `${name} must be a lower-case label such as card or fees_charges`);
    }
  }
}
