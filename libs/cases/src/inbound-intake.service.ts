import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PHONE_CHANNELS, type AttachmentRef, type CaseEvent, type InboundMessage } from '@inbox/contracts';
import { deadlinesFor, type BusinessCalendar } from '@inbox/compliance';
import { deterministicMessageId, findCaseReference, formatCaseReference, normalizeAddress } from '@inbox/triage';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary, MESSAGE_COLUMNS, OPEN_STATUSES, toCaseSummary, toMessageView, type MessageRow } from './case-views';
import { writeCaseEvent } from './case-event-writer';
import { linkClaimedContacts } from './claimed-contacts';
import { validateInboundMessage } from './inbound-message.validator';
import { queryRows } from './sql-rows';
import { findThreadCase } from './thread-lookup';

export type IntakeOutcome =
  | { kind: 'stored'; messageId: string; caseId: string; events: CaseEvent[] }
  | { kind: 'updated'; messageId: string; events: CaseEvent[] }
  | { kind: 'duplicate'; messageId: string };

const PREVIEW_LENGTH = 140;

/**
 * Turns one canonical inbound message into rows, in one transaction:
 * message (idempotent), identity → customer, the customer's open case (or a
 * new one with its RG 271 deadlines), and the case events with their outbox
 * entries. Triage rules (classification, noise, reopen windows) build on this.
 */
@Injectable()
export class InboundIntakeService {
  private readonly calendar: BusinessCalendar;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.calendar = { timeZone: config.timeZone, isPublicHoliday: () => false };
  }

  async intake(raw: unknown): Promise<IntakeOutcome> {
    const message = validateInboundMessage(raw);
    const messageId = deterministicMessageId(message.channel, message.account, message.externalId);
    const address = normalizeAddress(message.channel, message.sender.address, this.config.defaultPhoneRegion);
    return this.db.transaction(async (em) => {
      const [seen] = (await em.query(`SELECT text, attachments FROM messages WHERE id = $1 FOR UPDATE`, [messageId])) as Array<{
        text: string;
        attachments: unknown[];
      }>;
      if (seen) return this.updateIfChanged(em, messageId, seen, message);

      const customerId = await this.resolveCustomer(em, message, address);
      if (message.contacts?.length) await linkClaimedContacts(em, customerId, messageId, message.contacts, this.config.defaultPhoneRegion);
      const { summary, created } = await this.attachToCase(em, message, customerId);
      const receivedAt = new Date(message.receivedAt);
      const inserted = (await em.query(
        `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, external_id, sender_address,
                               text, thread, attachments, raw, received_at)
         VALUES ($1, $2, $3, $4, $5, 'inbound', $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT DO NOTHING
         RETURNING ${MESSAGE_COLUMNS.replace(/m\./g, '')}`,
        [
          messageId,
          summary.id,
          customerId,
          message.channel,
          message.account,
          message.externalId,
          address,
          message.text,
          message.thread ? JSON.stringify(message.thread) : null,
          JSON.stringify(message.attachments ?? []),
          message.raw === undefined ? null : JSON.stringify(message.raw),
          receivedAt,
        ],
      )) as MessageRow[];
      if (inserted.length === 0) {
        // A concurrent worker stored the same message first: undo our case work, change nothing.
        throw new DuplicateDuringIntake(messageId);
      }
      const view = toMessageView(inserted[0]);
      const events: CaseEvent[] = [];
      if (created) events.push(await writeCaseEvent(em, { type: 'case.created', summary, message: view }));
      events.push(await writeCaseEvent(em, { type: 'message.created', summary, message: view }));
      return { kind: 'stored', messageId, caseId: summary.id, events } as IntakeOutcome;
    }).catch((error: unknown) => {
      if (error instanceof DuplicateDuringIntake) return { kind: 'duplicate', messageId } as IntakeOutcome;
      throw error;
    });
  }

  /**
   * A provider sent a message we have again. Identical → a redelivery, nothing
   * changes. Different text or attachments → the same message grew (a call's
   * transcription arrived, the customer edited it): update it, keep what it
   * said before in its history, and tell the agents.
   */
  private async updateIfChanged(
    em: EntityManager,
    messageId: string,
    seen: { text: string; attachments: unknown[] },
    message: InboundMessage,
  ): Promise<IntakeOutcome> {
    // Enrichments arrive in any order (a call's recording, then its transcription, or the reverse):
    // an empty text never blanks a stored one, and attachments accumulate.
    const text = message.text === '' ? seen.text : message.text;
    const attachments = mergeAttachments(seen.attachments as AttachmentRef[], message.attachments ?? []);
    const sameText = seen.text === text;
    const sameAttachments = JSON.stringify(seen.attachments) === JSON.stringify(attachments);
    if (sameText && sameAttachments) return { kind: 'duplicate', messageId };
    const [row] = await queryRows<MessageRow>(
      em,
      `UPDATE messages m SET text = $2, attachments = $3, updated_at = now(),
              thread = COALESCE(m.thread, '{}'::jsonb) || jsonb_build_object('previousTexts',
                COALESCE(m.thread->'previousTexts', '[]'::jsonb) || CASE WHEN $4 THEN '[]'::jsonb ELSE jsonb_build_array(m.text) END)
        WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [messageId, text, JSON.stringify(attachments), sameText || seen.text === ''],
    );
    if (!row.case_id) return { kind: 'duplicate', messageId };
    const summary = (await loadCaseSummary(em, row.case_id))!;
    const event = await writeCaseEvent(em, { type: 'message.updated', summary, message: toMessageView(row) });
    return { kind: 'updated', messageId, events: [event] };
  }

  /** Finds or creates the customer behind a sender address; one phone number is one customer across phone channels. */
  private async resolveCustomer(em: EntityManager, message: InboundMessage, address: string): Promise<string> {
    // Serialise resolution of the same address across workers, so two first messages create one customer.
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`identity:${address}`]);
    const existing = (await em.query(`SELECT customer_id FROM identities WHERE channel = $1 AND address = $2`, [
      message.channel,
      address,
    ])) as Array<{ customer_id: string }>;
    let customerId = existing[0]?.customer_id;
    if (!customerId && PHONE_CHANNELS.includes(message.channel)) {
      const sibling = (await em.query(
        `SELECT customer_id FROM identities WHERE address = $1 AND channel = ANY($2) ORDER BY created_at LIMIT 1`,
        [address, PHONE_CHANNELS],
      )) as Array<{ customer_id: string }>;
      customerId = sibling[0]?.customer_id;
    }
    if (!customerId) {
      const [created] = (await em.query(`INSERT INTO customers (display_name, last_channel) VALUES ($1, $2) RETURNING id`, [
        message.sender.displayName ?? null,
        message.channel,
      ])) as Array<{ id: string }>;
      customerId = created.id;
    }
    if (existing.length === 0) {
      await em.query(`INSERT INTO identities (customer_id, channel, address, display_name) VALUES ($1, $2, $3, $4)`, [
        customerId,
        message.channel,
        address,
        message.sender.displayName ?? null,
      ]);
    }
    return customerId;
  }

  /** The customer's open case (or the one the message names), else a new case. */
  private async attachToCase(
    em: EntityManager,
    message: InboundMessage,
    customerId: string,
  ): Promise<{ summary: ReturnType<typeof toCaseSummary>; created: boolean }> {
    // The customer row lock makes "find the open case or open one" safe across workers and channels.
    await em.query(
      `UPDATE customers SET last_channel = $2, display_name = COALESCE(display_name, $3), updated_at = now() WHERE id = $1`,
      [customerId, message.channel, message.sender.displayName ?? null],
    );
    const preview = message.text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH);
    const receivedAt = new Date(message.receivedAt);
    const named = message.thread?.caseReference ?? findCaseReference(message.thread?.subject) ?? findCaseReference(message.text);
    // A reply to one of the customer's messages (its thread hints name it) joins that message's case first.
    const threadCaseId = await findThreadCase(em, { customerId, channel: message.channel, thread: message.thread });
    const found = threadCaseId ? [{ id: threadCaseId }] : (await em.query(
      `SELECT c.id FROM cases c
        WHERE c.customer_id = $1 AND (c.reference = $2::text OR c.status = ANY($3))
        ORDER BY (c.reference IS NOT DISTINCT FROM $2::text) DESC, c.received_at ASC LIMIT 1`,
      [customerId, named ?? null, OPEN_STATUSES],
    )) as Array<{ id: string }>;
    let caseId = found[0]?.id;
    let created = false;
    if (caseId) {
      await em.query(
        `UPDATE cases SET last_message_at = GREATEST(last_message_at, $2), preview = $3, updated_at = now() WHERE id = $1`,
        [caseId, receivedAt, preview],
      );
    } else {
      const deadlines = deadlinesFor(receivedAt, 'standard', this.calendar);
      const [{ seq }] = (await em.query(`SELECT nextval('case_reference_seq') AS seq`)) as Array<{ seq: string }>;
      const [row] = (await em.query(
        `INSERT INTO cases (reference, status, channel, account, customer_id, team_id, received_at, acknowledge_by, respond_by,
                            last_message_at, preview)
         VALUES ($1, 'new', $2, $3, $4, (SELECT id FROM teams WHERE is_default), $5, $6, $7, $5, $8)
         RETURNING id`,
        [formatCaseReference(Number(seq)), message.channel, message.account, customerId, receivedAt, deadlines.acknowledgeBy, deadlines.respondBy, preview],
      )) as Array<{ id: string }>;
      caseId = row.id;
      created = true;
    }
    const summary = (await loadCaseSummary(em, caseId))!;
    return { summary, created };
  }
}

function mergeAttachments(stored: AttachmentRef[], incoming: AttachmentRef[]): AttachmentRef[] {
  const key = (a: AttachmentRef) => a.providerFileId ?? a.url ?? JSON.stringify(a);
  const merged = new Map(stored.map((a) => [key(a), a]));
  for (const a of incoming) merged.set(key(a), { ...merged.get(key(a)), ...a });
  return [...merged.values()];
}

class DuplicateDuringIntake extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} was stored concurrently`);
  }
}
