import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, type Channel, type Classification } from '@inbox/contracts';
import { isPublicReply, renderTemplate, STATUS_KEYWORD } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { OPEN_STATUSES, writeCaseReturningSummary } from '@inbox/cases';
import { bufferCaseEvents, flushCaseEvents, writeCaseEvent } from '@inbox/cases';
import { UnitOfWork } from '@inbox/cases';
import { outboundRoute, queueOutboundMessage, type OutboundRoute } from '@inbox/cases';
import { recordAudit } from './compliance-audit';
import { COMPLIANCE_CLOCK, type ComplianceClock } from './compliance-clock';
import { ComplianceTemplateStore } from './compliance-template.store';
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
  ) {}

  async acknowledge(caseId: string): Promise<AcknowledgementOutcome> {
    return (await this.acknowledgeEach([caseId]))[0];
  }

  /**
   * The acknowledgement of each case, in order. Most case events are about cases acknowledged long ago
   * (or never complaints): one read for them all, no transaction. What may need an acknowledgement is
   * decided again, case by case, under the row lock (acknowledgeIn).
   */
  async acknowledgeEach(caseIds: readonly string[]): Promise<AcknowledgementOutcome[]> {
    const candidates = new Set(
      ((await this.db.query(
        `SELECT c.id FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id
          WHERE c.id = ANY($1::uuid[]) AND c.kind = 'complaint' AND c.acknowledged_at IS NULL AND cc.acknowledgement_message_id IS NULL`,
        [[...new Set(caseIds)]],
      )) as Array<{ id: string }>).map((r) => r.id),
    );
    const outcomes: AcknowledgementOutcome[] = [];
    for (const caseId of caseIds) {
      if (!candidates.has(caseId)) {
        outcomes.push('nothing_to_do');
        continue;
      }
      const outcome = await this.unitOfWork.run(async (em) => {
        // Its two case events in one statement at the end (see bufferCaseEvents).
        bufferCaseEvents(em);
        const result = await this.acknowledgeIn(em, caseId);
        await flushCaseEvents(em);
        return result;
      }, (outcome) => outcome === 'sent');
      if (outcome !== 'sent') this.logger.debug({ msg: 'no automatic acknowledgement', caseId, outcome });
      outcomes.push(outcome);
    }
    return outcomes;
  }

  private async acknowledgeIn(em: EntityManager, caseId: string): Promise<AcknowledgementOutcome> {
    const [row] = (await em.query(
      `SELECT c.id, c.reference, c.status, c.kind, c.channel, c.customer_id, c.respond_by, c.acknowledged_at, u.name AS assignee_name,
              cc.acknowledgement_message_id
         FROM cases c LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN case_compliance cc ON cc.case_id = c.id
        WHERE c.id = $1 FOR UPDATE OF c`,
      [caseId],
    )) as Array<{
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
    }>;
    if (!row) return 'missing';
    if (row.kind !== 'complaint' || !row.respond_by) return 'not_complaint';
    if (row.acknowledged_at || row.acknowledgement_message_id) return 'already_acknowledged';
    if (!(OPEN_STATUSES as readonly string[]).includes(row.status)) return 'not_open';

    const [latest] = (await em.query(
      `SELECT channel, text, classification FROM messages WHERE case_id = $1 AND direction = 'inbound' ORDER BY received_at DESC LIMIT 1`,
      [caseId],
    )) as Array<{ channel: Channel; text: string; classification: Classification | null }>;
    const language = complainantLanguage(latest?.classification?.language, latest?.text);
    const channel = latest?.channel ?? row.channel;

    let route: OutboundRoute;
    try {
      route = await outboundRoute(em, { caseId, customerId: row.customer_id, channel });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await recordAudit(em, { caseId, action: 'acknowledgement.no_route', reason: error.message, data: { channel } });
      return 'no_route';
    }

    const secret = this.statusCodes.newCode();
    const template = await this.templates.current('acknowledgement', language, em);
    // A public comment's answer must not carry the reference or the status code (RG 271.32 Note 2): ask for a private message instead.
    const publicWording = isPublicReply(route.channel, route.answeredVisibility);
    const text = publicWording
      ? (PUBLIC_ACKNOWLEDGEMENT[template.language] ?? PUBLIC_ACKNOWLEDGEMENT.en)
      : renderTemplate('acknowledgement', template.body, {
          reference: row.reference,
          respondBy: formatDueDate(row.respond_by, template.language, this.config.timeZone),
          handler: row.assignee_name ?? (template.language === 'ru' && this.config.compliance.handlerName === 'our complaints team' ? DEFAULT_HANDLER_RU : this.config.compliance.handlerName),
          statusKeyword: route.channel === 'telegram' ? '/status' : (STATUS_KEYWORD[template.language] ?? STATUS_KEYWORD.en),
          statusUrl: `${this.publicBaseUrl()}/status/${row.reference}`,
          statusSecret: secret,
        });

    const message = await queueOutboundMessage(em, {
      caseId,
      caseReference: row.reference,
      customerId: row.customer_id,
      route,
      text,
      // Kept with the code masked: the customer's channel is the only place it is readable.
      storedText: StatusCodes.mask(text, secret),
      authorUserId: null,
      // Written for the comment thread: it answers there and leaves the comment's one private reply to the agent.
      publicSafe: publicWording,
    });
    const now = this.clock.now();
    await em.query(
      `INSERT INTO case_compliance (case_id, language, status_secret_hash, acknowledgement_message_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET language = EXCLUDED.language, status_secret_hash = EXCLUDED.status_secret_hash,
              acknowledgement_message_id = EXCLUDED.acknowledgement_message_id, updated_at = now()`,
      [caseId, template.language, this.statusCodes.storedHash(row.reference, secret), message.id],
    );
    const summary = (await writeCaseReturningSummary(em, `UPDATE cases SET acknowledged_at = $2, updated_at = now() WHERE id = $1 RETURNING *`, [caseId, now]))!;
    await writeCaseEvent(em, { type: 'message.created', summary, message });
    await writeCaseEvent(em, {
      type: 'case.acknowledged',
      summary,
      data: { automatic: true, channel: route.channel, messageId: message.id, language: template.language, templateVersion: template.version, at: now.toISOString() },
    });
    return 'sent';
  }

  private publicBaseUrl(): string {
    return this.config.publicUrl ?? `http://localhost:${this.config.port}`;
  }
}
