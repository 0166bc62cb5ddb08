import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, type Channel, type MessageView, type StaffPrincipal } from '@inbox/contracts';
import { loadCaseSummary } from './case-views';
import { writeCaseEvent } from './case-event-writer';
import { CaseQueryService } from './case-query.service';
import { OutboxRelay } from './outbox-relay';
import { outboundRoute, queueOutboundMessage } from './outbound-writer';
import { refusePersonalDataInPublicReply } from './compliance/public-reply-guard';

const MAX_REPLY_LENGTH = 10_000;

/**
 * An agent's reply: stored as an outbound message (status `queued`) with its
 * case event and an outbox entry for the dispatcher, in one transaction. It
 * goes out in the case's channel unless another of the customer's channels
 * (or one identity of theirs) is chosen explicitly.
 */
@Injectable()
export class ReplyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
    private readonly relay: OutboxRelay,
  ) {}

  async reply(principal: StaffPrincipal, caseId: string, input: { text: string; channel?: Channel; identityId?: string }): Promise<MessageView> {
    const text = input.text.replace(/\u0000/g, '').trim();
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
      const route = await outboundRoute(em, {
        caseId: caseRow.id,
        customerId: caseRow.customer_id,
        channel: input.channel ?? caseRow.channel,
        identityId: input.identityId,
      });
      if (input.channel && input.identityId && route.channel !== input.channel) {
        throw new InvalidInputError('identity_channel_mismatch', `That identity is on ${route.channel}, not ${input.channel}`);
      }
      refusePersonalDataInPublicReply(route.channel, text);
      const message = await queueOutboundMessage(em, {
        caseId: caseRow.id,
        caseReference: caseRow.reference,
        customerId: caseRow.customer_id,
        route,
        text,
        authorUserId: principal.userId,
      });
      await em.query(
        `UPDATE cases SET first_response_at = COALESCE(first_response_at, now()),
                          status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now()
          WHERE id = $1`,
        [caseRow.id],
      );
      const summary = (await loadCaseSummary(em, caseRow.id))!;
      await writeCaseEvent(em, { type: 'message.created', summary, message, actorUserId: principal.userId });
      return message;
    });
    void this.relay.kick();
    return view;
  }
}
