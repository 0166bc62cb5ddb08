import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, type Channel, type Classification } from '@inbox/contracts';
import { isPublicReply, renderTemplate, STATUS_KEYWORD } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { OPEN_STATUSES, writeCasesReturningSummaries } from '@inbox/cases';
import { bufferCaseEvents, flushCaseEvents, writeCaseEvent } from '@inbox/cases';
import { CaseRepository, ComplianceRecordRepository, UnitOfWork } from '@inbox/cases';
import { outboundRoutes, queueOutboundMessages, type OutboundRoute } from '@inbox/cases';
import { recordAudit } from './compliance-audit';
import { COMPLIANCE_CLOCK, type ComplianceClock } from './compliance-clock';
import { ComplianceTemplateStore, type ComplianceTemplate } from './compliance-template.store';
import { complainantLanguage, formatDueDate } from './compliance-text';
import { STATUS_CODES, StatusCodes } from './status-codes';

export type AcknowledgementOutcome = 'sent' | 'nothing_to_do' | 'missing' | 'not_complaint' | 'not_open' | 'already_acknowledged' | 'no_route';

const PUBLIC_ACKNOWLEDGEMENT: Record<string, string> = {
  en: 'We are sorry to hear this. We have logged it as a complaint and will contact you privately: please send us a private message so we can share your reference and details safely.',
  ru: 'Нам жаль это слышать. Мы зарегистрировали вашу жалобу и свяжемся с вами лично: пожалуйста, напишите нам в личные сообщения, чтобы мы могли безопасно сообщить номер жалобы и подробности.',
};

const DEFAULT_HANDLER_RU = 'наша служба по работе с жалобами';

/**
 * The automatic acknowledgement (RG 271.51–52): on the complainant's own
 * channel, with the reference, the date of the final response, who handles
 * it and how to ask for the status (the keyword, and the status page with a
 * code kept only as a keyed hash, and masked in the message as stored). Sent once per case, by the system.
 */
@Injectable()
export class AcknowledgementService {
  private readonly logger = new Logger(AcknowledgementService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COMPLIANCE_CLOCK) private readonly clock: ComplianceClock,
    private readonly templates: ComplianceTemplateStore,
    private readonly unitOfWork: UnitOfWork,
    @Inject(STATUS_CODES) private readonly statusCodes: StatusCodes,
    private readonly compliance: ComplianceRecordRepository,
    private readonly caseRows: CaseRepository,
  ) {}

  async acknowledge(caseId: string): Promise<AcknowledgementOutcome> {
    return (await this.acknowledgeEach([caseId]))[0];
  }

  /**
   * The acknowledgement of each case, in order. Most case events are about cases acknowledged long ago
   * (or never complaints): one read for them all, no transaction. The cases that may need one are
   * acknowledged together, set-based, in one transaction (acknowledgeAllIn), deciding again under the
   * row locks; should that fail, each alone in its own, so one case's failure never holds back the others.
   */
  async acknowledgeEach(caseIds: readonly string[]): Promise<AcknowledgementOutcome[]> {
    const candidates = [
      ...new Set(
        ((await this.db.query(
          `SELECT c.id FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id
            WHERE c.id = ANY($1::uuid[]) AND c.kind = 'complaint' AND c.acknowledged_at IS NULL AND cc.acknowledgement_message_id IS NULL`,
          [[...new Set(caseIds)]],
        )) as Array<{ id: string }>).map((r) => r.id),
      ),
    ];
    const done = new Map<string, AcknowledgementOutcome>();
    const acknowledgeIn = (ids: readonly string[]) =>
      this.unitOfWork.run(async (em) => {
        // Their case events in one statement at the end (see bufferCaseEvents).
        bufferCaseEvents(em);
        const outcomes = await this.acknowledgeAllIn(em, ids);
        await flushCaseEvents(em);
        return outcomes;
      }, (outcomes) => [...outcomes.values()].includes('sent'));
    try {
      if (candidates.length > 0) for (const [caseId, outcome] of await acknowledgeIn(candidates)) done.set(caseId, outcome);
    } catch (error) {
      if (candidates.length === 1) throw error;
      this.logger.warn({ msg: 'acknowledgements of a batch failed together; each alone', cases: candidates.length, error: String(error) });
      for (const caseId of candidates) for (const [id, outcome] of await acknowledgeIn([caseId])) done.set(id, outcome);
    }
    return caseIds.map((caseId) => {
      const outcome = done.get(caseId) ?? 'nothing_to_do';
      if (done.has(caseId) && outcome !== 'sent') this.logger.debug({ msg: 'no automatic acknowledgement', caseId, outcome });
      return outcome;
    });
  }

  /**
   * The acknowledgements of these cases in the caller's transaction, a statement for each step whatever the
   * number of cases: their rows locked (in id order, as every writer of several cases locks them), their latest
   * inbound messages, their routes, one template read per language, the outbound messages with their outbox
   * entries, the compliance rows, the cases' acknowledgement times. A case that needs none gets the reason.
   */
  private async acknowledgeAllIn(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, AcknowledgementOutcome>> {
    const outcomes = new Map<string, AcknowledgementOutcome>(caseIds.map((id) => [id, 'missing']));
    // Locked first, then read: an acknowledgement another transaction recorded while this one waited is seen.
    const locked = await this.caseRows.lockManyForUpdate(em, caseIds);
    if (locked.length === 0) return outcomes;
    const rows = (await em.query(
      `SELECT c.id, c.reference, c.status, c.kind, c.channel, c.customer_id, c.respond_by, c.acknowledged_at, u.name AS assignee_name,
              cc.acknowledgement_message_id, latest.channel AS latest_channel, latest.text AS latest_text, latest.classification AS latest_classification
         FROM cases c LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN case_compliance cc ON cc.case_id = c.id
         LEFT JOIN LATERAL (SELECT channel, text, classification FROM messages
                             WHERE case_id = c.id AND direction = 'inbound' ORDER BY received_at DESC LIMIT 1) latest ON true
        WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
      [locked],
    )) as CaseToAcknowledge[];
    const due: CaseToAcknowledge[] = [];
    for (const row of rows) {
      const blocker = acknowledgementBlocker(row);
      if (blocker) outcomes.set(row.id, blocker);
      else due.push(row);
    }
    // In the order asked, so the acknowledgements' events follow the cases' own.
    due.sort((a, b) => caseIds.indexOf(a.id) - caseIds.indexOf(b.id));
    const routes = await outboundRoutes(
      em,
      due.map((row) => ({ caseId: row.id, customerId: row.customer_id, channel: row.latest_channel ?? row.channel })),
    );
    const routed: Array<{ row: CaseToAcknowledge; route: OutboundRoute }> = [];
    for (const [i, row] of due.entries()) {
      const route = routes[i];
      if (route instanceof DomainError) {
        await recordAudit(em, { caseId: row.id, action: 'acknowledgement.no_route', reason: route.message, data: { channel: row.latest_channel ?? row.channel } });
        outcomes.set(row.id, 'no_route');
      } else {
        routed.push({ row, route });
      }
    }
    if (routed.length === 0) return outcomes;

    const templates = new Map<string, ComplianceTemplate>();
    const letters: Array<{ row: CaseToAcknowledge; route: OutboundRoute; template: ComplianceTemplate; secret: string; text: string }> = [];
    for (const { row, route } of routed) {
      const language = complainantLanguage(row.latest_classification?.language, row.latest_text ?? undefined);
      if (!templates.has(language)) templates.set(language, await this.templates.current('acknowledgement', language, em));
      const template = templates.get(language)!;
      const secret = this.statusCodes.newCode();
      letters.push({ row, route, template, secret, text: this.acknowledgementText(row, route, template, secret) });
    }
    const messages = await queueOutboundMessages(
      em,
      letters.map(({ row, route, text, secret }) => ({
        caseId: row.id,
        caseReference: row.reference,
        customerId: row.customer_id,
        route,
        text,
        // Kept with the code masked: the customer's channel is the only place it is readable.
        storedText: StatusCodes.mask(text, secret),
        authorUserId: null,
        // Written for the comment thread: it answers there and leaves the comment's one private reply to the agent.
        publicSafe: isPublicReply(route.channel, route.answeredVisibility),
      })),
    );
    const now = this.clock.now();
    await this.compliance.recordAcknowledgements(
      em,
      letters.map((l, i) => ({
        caseId: l.row.id,
        language: l.template.language,
        statusSecretHash: this.statusCodes.storedHash(l.row.reference, l.secret),
        acknowledgementMessageId: messages[i]!.id,
      })),
    );
    const summaries = new Map(
      (await writeCasesReturningSummaries(em, `UPDATE cases SET acknowledged_at = $2, updated_at = now() WHERE id = ANY($1::uuid[]) RETURNING *`, [
        letters.map((l) => l.row.id),
        now,
      ])).map((summary) => [summary.id, summary]),
    );
    for (const [i, { row, route, template }] of letters.entries()) {
      const summary = summaries.get(row.id)!;
      await writeCaseEvent(em, { type: 'message.created', summary, message: messages[i] });
      await writeCaseEvent(em, {
        type: 'case.acknowledged',
        summary,
        data: { automatic: true, channel: route.channel, messageId: messages[i].id, language: template.language, templateVersion: template.version, at: now.toISOString() },
      });
      outcomes.set(row.id, 'sent');
    }
    return outcomes;
  }

  /** What the customer is sent; a public comment's answer carries neither the reference nor the status code (RG 271.32 Note 2). */
  private acknowledgementText(row: CaseToAcknowledge, route: OutboundRoute, template: ComplianceTemplate, secret: string): string {
    if (isPublicReply(route.channel, route.answeredVisibility)) return PUBLIC_ACKNOWLEDGEMENT[template.language] ?? PUBLIC_ACKNOWLEDGEMENT.en;
    return renderTemplate('acknowledgement', template.body, {
      reference: row.reference,
      respondBy: formatDueDate(row.respond_by!, template.language, this.config.timeZone),
      handler: row.assignee_name ?? (template.language === 'ru' && this.config.compliance.handlerName === 'our complaints team' ? DEFAULT_HANDLER_RU : this.config.compliance.handlerName),
      statusKeyword: route.channel === 'telegram' ? '/status' : (STATUS_KEYWORD[template.language] ?? STATUS_KEYWORD.en),
      statusUrl: `${this.publicBaseUrl()}/status/${row.reference}`,
      statusSecret: secret,
    });
  }

  private publicBaseUrl(): string {
    return this.config.publicUrl ?? `http://localhost:${this.config.port}`;
  }
}

/** A case, locked, with its latest inbound message: what its acknowledgement is written from. */
interface CaseToAcknowledge {
  id: string;
  reference: string;
  status: string;
  kind: string;
  channel: Channel;
  customer_id: string;
  respond_by: Date | null;
  acknowledged_at: Date | null;
  assignee_name: string | null;
  acknowledgement_message_id: string | null;
  latest_channel: Channel | null;
  latest_text: string | null;
  latest_classification: Classification | null;
}

/** Why a case gets no acknowledgement now, or null when it is due one. */
function acknowledgementBlocker(row: CaseToAcknowledge): AcknowledgementOutcome | null {
  if (row.kind !== 'complaint' || !row.respond_by) return 'not_complaint';
  if (row.acknowledged_at || row.acknowledgement_message_id) return 'already_acknowledged';
  if (!(OPEN_STATUSES as readonly string[]).includes(row.status)) return 'not_open';
  return null;
}
