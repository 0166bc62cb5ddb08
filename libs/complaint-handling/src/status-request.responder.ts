import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseEvent, Channel, Classification, InboundMessage } from '@inbox/contracts';
import { parseStatusRequest, renderTemplate, statusLine } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary, MESSAGE_COLUMNS, OPEN_STATUSES, toMessageView, type MessageRow } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { queueOutboundMessage } from '@inbox/cases';
import { queryRows } from '@inbox/cases';
import { ComplianceTemplateStore } from './compliance-template.store';
import { complainantLanguage, formatDueDate } from './compliance-text';

/** How many of a customer's cases one status reply lists. */
const MAX_LISTED = 5;

export interface StatusRequestAnswer {
  messageId: string;
  /** The case the request and its answer were filed on (the one named, else the newest), or null when the customer has none. */
  caseId: string | null;
  events: CaseEvent[];
}

const NOTHING_FOUND: Record<string, (reference?: string) => string> = {
  en: (ref) => (ref ? `We could not find a complaint ${ref} for this contact.` : 'We have no complaint on record for this contact. To make one, just tell us what went wrong.'),
  ru: (ref) => (ref ? `Мы не нашли жалобу ${ref} для этого контакта.` : 'У нас нет зарегистрированных жалоб для этого контакта. Чтобы подать жалобу, просто напишите, что случилось.'),
};

/**
 * "Status on request" (ISO 10002 tracking) on every channel: intake asks this
 * before placing a message in a case. A message that only asks for the
 * status ("status", "/status", "статус", optionally with a reference) is
 * stored on the case it asks about — never opening a new one — and answered
 * on the same channel with the status of the customer's cases. Only the
 * sender's own cases are ever listed.
 */
@Injectable()
export class StatusRequestResponder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly templates: ComplianceTemplateStore,
  ) {}

  /** Null when the message is not a status request; otherwise the message is stored and answered in `em`. */
  async answer(
    em: EntityManager,
    input: { message: InboundMessage; messageId: string; customerId: string; address: string; classification?: Classification | null },
  ): Promise<StatusRequestAnswer | null> {
    const request = parseStatusRequest(input.message.text);
    if (!request) return null;
    const { message, customerId } = input;
    const language = complainantLanguage(input.classification?.language, message.text);
    const cases = (await em.query(
      `SELECT id, reference, status, respond_by FROM cases
        WHERE customer_id = $1 AND kind <> 'noise' AND ($2::text IS NULL OR reference = $2::text)
        ORDER BY (status = ANY($3)) DESC, received_at DESC LIMIT $4`,
      [customerId, request.reference ?? null, OPEN_STATUSES, MAX_LISTED],
    )) as Array<{ id: string; reference: string; status: string; respond_by: Date | null }>;
    const template = await this.templates.current('status_reply', language, em);
    const text =
      cases.length === 0
        ? (NOTHING_FOUND[template.language] ?? NOTHING_FOUND.en)(request.reference)
        : renderTemplate('status_reply', template.body, {
            statuses: cases
              .map((c) =>
                statusLine(
                  {
                    reference: c.reference,
                    status: c.status,
                    open: (OPEN_STATUSES as readonly string[]).includes(c.status),
                    respondBy: c.respond_by ? formatDueDate(c.respond_by, template.language, this.config.timeZone) : null,
                  },
                  template.language,
                ),
              )
              .join('\n'),
          });
    const caseId = cases[0]?.id ?? null;
    const receivedAt = new Date(message.receivedAt);
    const [inbound] = await queryRows<MessageRow>(
      em,
      `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, external_id, sender_address, text, thread, raw, received_at, classification, provider)
       VALUES ($1, $2, $3, $4, $5, 'inbound', $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING ${MESSAGE_COLUMNS.replace(/m\./g, '')}`,
      [
        input.messageId,
        caseId,
        customerId,
        message.channel,
        message.account,
        message.externalId,
        input.address,
        message.text,
        JSON.stringify({ ...(message.thread ?? {}), statusRequest: true }),
        message.raw === undefined ? null : JSON.stringify(message.raw),
        receivedAt,
        input.classification ? JSON.stringify(input.classification) : null,
        message.provider ?? null,
      ],
    );
    // Answered where it was asked, through the outbound writer (which keeps an answer to a public comment private).
    const reply = await queueOutboundMessage(em, {
      caseId,
      caseReference: cases[0]?.reference,
      customerId,
      route: {
        channel: message.channel as Channel,
        recipient: input.address,
        account: message.account,
        provider: message.provider ?? null,
        lastInboundExternalId: message.externalId,
        answeredVisibility: message.thread?.visibility ?? null,
      },
      text,
      authorUserId: null,
      marks: { statusReply: true },
    });
    const events: CaseEvent[] = [];
    if (caseId) {
      const summary = (await loadCaseSummary(em, caseId))!;
      events.push(await writeCaseEvent(em, { type: 'message.created', summary, message: toMessageView(inbound), data: { statusRequest: true } }));
      events.push(await writeCaseEvent(em, { type: 'message.created', summary, message: reply, data: { statusReply: true } }));
    }
    return { messageId: input.messageId, caseId, events };
  }
}
