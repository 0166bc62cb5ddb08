import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  InvalidInputError,
  TOPICS,
  type Channel,
  type MessageView,
  type OutboundMessage,
  type StaffPrincipal,
  type Visibility,
} from '@inbox/contracts';
import { loadCaseSummary, MESSAGE_COLUMNS, toMessageView, type MessageRow } from './case-views';
import { writeCaseEvent } from './case-event-writer';
import { CaseQueryService } from './case-query.service';
import { queryRows } from './sql-rows';
import { OutboxRelay } from './outbox-relay';

const MAX_REPLY_LENGTH = 10_000;

export interface ReplyInput {
  text?: string;
  channel?: Channel;
  /** Public (under the customer's comment) or private (a direct message); by default like the message answered. */
  visibility?: Visibility;
  /** A pre-approved template to send instead of free text (WhatsApp outside its 24-hour window). */
  template?: string;
}

/**
 * An agent's reply: stored as an outbound message (status `queued`) with its
 * case event and an outbox entry for the dispatcher, in one transaction. It
 * goes out in the case's channel unless another of the customer's channels is
 * chosen explicitly.
 */
@Injectable()
export class ReplyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
    private readonly relay: OutboxRelay,
  ) {}

  async reply(principal: StaffPrincipal, caseId: string, input: ReplyInput): Promise<MessageView> {
    const template = input.template?.trim() || undefined;
    // A template's wording lives with the provider; the stored text records which one went out.
    const text = (input.text ?? '').replace(/\u0000/g, '').trim() || (template ? `[template ${template}]` : '');
    if (!text) throw new InvalidInputError('empty_reply', 'The reply is empty');
    if (text.length > MAX_REPLY_LENGTH) throw new InvalidInputError('reply_too_long', `A reply may have at most ${MAX_REPLY_LENGTH} characters`);
    await this.cases.summaryVisibleTo(principal, caseId);

    const view = await this.db.transaction(async (em) => {
      const [caseRow] = (await em.query(`SELECT id, channel, customer_id, reference FROM cases WHERE id = $1 FOR UPDATE`, [caseId])) as Array<{
        id: string;
        channel: Channel;
        customer_id: string;
        reference: string;
      }>;
      const channel = input.channel ?? caseRow.channel;
      const route = await this.route(em, caseRow.id, caseRow.customer_id, channel, input.visibility);
      // The choice is recorded on the message; a channel without public threads has none to record.
      const visibility = input.visibility ?? route.answeredVisibility ?? undefined;
      const messageId = randomUUID();
      const [row] = await queryRows<MessageRow>(
        em,
        `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, sender_address, author_user_id, text,
                               thread, delivery_status, received_at)
         VALUES ($1, $2, $3, $4, $5, 'outbound', $6, $7, $8, $9, 'queued', now())
         RETURNING ${MESSAGE_COLUMNS.replace(/m\./g, '')}`,
        [
          messageId,
          caseRow.id,
          caseRow.customer_id,
          channel,
          route.account,
          route.recipient,
          principal.userId,
          text,
          visibility || template ? JSON.stringify({ visibility, template }) : null,
        ],
      );
      await em.query(
        `UPDATE cases SET first_response_at = COALESCE(first_response_at, now()),
                          status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now()
          WHERE id = $1`,
        [caseRow.id],
      );
      const summaryRow = (await loadCaseSummary(em, caseRow.id))!;
      const view = toMessageView(row);
      await writeCaseEvent(em, { type: 'message.created', summary: summaryRow, message: view, actorUserId: principal.userId });
      const outbound: OutboundMessage = {
        messageId,
        caseId: caseRow.id,
        channel,
        account: route.account,
        recipient: route.recipient,
        text,
        thread: { caseReference: caseRow.reference, inReplyToExternalId: route.lastInboundExternalId ?? undefined },
        ...(visibility ? { visibility } : {}),
        ...(template ? { template } : {}),
      };
      await em.query(`INSERT INTO outbox (topic, key, payload) VALUES ($1, $2, $3)`, [TOPICS.outbound, caseRow.id, JSON.stringify(outbound)]);
      return view;
    });
    void this.relay.kick();
    return view;
  }

  /**
   * Where a reply on `channel` goes: the customer's identity there, from the
   * account they last wrote to on it, answering their last message there (their
   * last public one when the reply is to be public). Providers stamp messages to
   * the second (Telegram), so arrival order breaks a tie in received_at.
   */
  private async route(em: EntityManager, caseId: string, customerId: string, channel: Channel, visibility?: Visibility) {
    const [identity] = (await em.query(
      `SELECT address FROM identities WHERE customer_id = $1 AND channel = $2 ORDER BY created_at DESC LIMIT 1`,
      [customerId, channel],
    )) as Array<{ address: string }>;
    if (!identity) {
      throw new InvalidInputError('no_identity_on_channel', `This customer has no ${channel} address to reply to`);
    }
    const [last] = (await em.query(
      `SELECT account, external_id, thread->>'visibility' AS visibility FROM messages
        WHERE customer_id = $1 AND channel = $2 AND direction = 'inbound' AND ($4::text IS NULL OR thread->>'visibility' = $4)
        ORDER BY (case_id = $3) DESC, received_at DESC, created_at DESC LIMIT 1`,
      [customerId, channel, caseId, visibility === 'public' ? 'public' : null],
    )) as Array<{ account: string; external_id: string | null; visibility: Visibility | null }>;
    if (!last && visibility === 'public') {
      throw new InvalidInputError('no_public_message', `The customer has no public post or comment on ${channel} to answer publicly`);
    }
    if (!last) throw new InvalidInputError('no_account_on_channel', `The customer has never written to us on ${channel}`);
    return { recipient: identity.address, account: last.account, lastInboundExternalId: last.external_id, answeredVisibility: last.visibility };
  }
}
