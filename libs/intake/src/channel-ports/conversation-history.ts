import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Channel, OutboundMessage, Visibility } from '@inbox/contracts';
import type { ConversationHistory, EmailThread, VisitorChatLine } from '@inbox/channels';

/** What the channels read back about conversations, from the stored messages. */
@Injectable()
export class StoredConversationHistory implements ConversationHistory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Never notes or other customers' messages; a failed reply is not part of what the visitor saw. */
  async visitorChat(visitorId: string, limit: number): Promise<VisitorChatLine[]> {
    const rows = (await this.db.query(
      `SELECT last.id, last.direction, last.text, last.received_at, split_part(btrim(u.name), ' ', 1) AS author FROM (
         SELECT id, direction, text, received_at, intake_seq, author_user_id FROM messages
          WHERE channel = 'webchat' AND sender_address = $1
            AND (direction = 'inbound' OR (external_id IS NOT NULL AND delivery_status <> 'failed'))
          ORDER BY intake_seq DESC LIMIT $2
       ) last LEFT JOIN users u ON u.id = last.author_user_id ORDER BY last.intake_seq`,
      [visitorId, limit],
    )) as Array<{ id: string; direction: 'inbound' | 'outbound'; text: string; received_at: Date; author: string | null }>;
    return rows.map((r) =>
      r.direction === 'inbound'
        ? { id: r.id, from: 'visitor', text: r.text, at: r.received_at.toISOString() }
        : { id: r.id, from: 'agent', author: r.author || null, text: r.text, at: r.received_at.toISOString() },
    );
  }

  async answeredMessage(channel: Channel, account: string, externalId: string): Promise<{ visibility: Visibility | null; item: string | null } | null> {
    const [row] = (await this.db.query(
      `SELECT thread->>'visibility' AS visibility, raw->>'item' AS item FROM messages
        WHERE channel = $1 AND account = $2 AND external_id = $3 AND direction = 'inbound'`,
      [channel, account, externalId],
    )) as Array<{ visibility: Visibility | null; item: string | null }>;
    return row ?? null;
  }

  async lastInboundAt(channel: Channel, account: string, customerAddress: string): Promise<Date | null> {
    // Through the customer, so the lookup rides the messages (customer_id, …) index. Meta opens WhatsApp's
    // window at its own timestamp of the message, which can be earlier than the webhook's arrival.
    const [row] = (await this.db.query(
      `SELECT max(COALESCE(m.sent_at, m.received_at)) AS at FROM identities i JOIN messages m ON m.customer_id = i.customer_id
        WHERE i.channel = $1 AND i.address = $3
          AND m.channel = $1 AND m.direction = 'inbound' AND m.account = $2 AND m.sender_address = $3`,
      [channel, account, customerAddress],
    )) as Array<{ at: Date | null }>;
    return row?.at ?? null;
  }

  async emailThread(message: Pick<OutboundMessage, 'caseId' | 'thread'>): Promise<EmailThread | null> {
    const [row] = (await this.db.query(
      `SELECT thread FROM messages
        WHERE case_id = $1 AND channel = 'email' AND direction = 'inbound'
        ORDER BY (external_id IS NOT DISTINCT FROM $2) DESC, intake_seq DESC LIMIT 1`,
      [message.caseId, message.thread?.inReplyToExternalId ?? null],
    )) as Array<{ thread: EmailThread | null }>;
    return row?.thread ?? null;
  }

  async latestInboundAccount(channel: Channel): Promise<string | undefined> {
    const [row] = (await this.db.query(
      `SELECT account FROM messages WHERE channel = $1 AND direction = 'inbound' ORDER BY received_at DESC LIMIT 1`,
      [channel],
    )) as Array<{ account: string }>;
    return row?.account;
  }
}
