import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Channel, Visibility } from '@inbox/contracts';

/** What the Meta sender needs to know about a conversation before it picks a Graph endpoint. */
@Injectable()
export class MetaConversations {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The customer message a reply answers: public or private, and (Facebook) whether it is a comment or a post. */
  async answered(channel: Channel, account: string, externalId: string): Promise<{ visibility: Visibility | null; item: string | null } | null> {
    const [row] = (await this.db.query(
      `SELECT thread->>'visibility' AS visibility, raw->>'item' AS item FROM messages
        WHERE channel = $1 AND account = $2 AND external_id = $3 AND direction = 'inbound'`,
      [channel, account, externalId],
    )) as Array<{ visibility: Visibility | null; item: string | null }>;
    return row ?? null;
  }

  /** When the customer last wrote to this WhatsApp number of ours: it opens the 24-hour window. */
  async lastWhatsAppMessageAt(account: string, customerAddress: string): Promise<Date | null> {
    // Through the customer, so the lookup rides the messages (customer_id, …) index. Meta opens the
    // window at its own timestamp of the message, which can be earlier than the webhook's arrival.
    const [row] = (await this.db.query(
      `SELECT max(COALESCE(m.sent_at, m.received_at)) AS at FROM identities i JOIN messages m ON m.customer_id = i.customer_id
        WHERE i.channel = 'whatsapp' AND i.address = $2
          AND m.channel = 'whatsapp' AND m.direction = 'inbound' AND m.account = $1 AND m.sender_address = $2`,
      [account, customerAddress],
    )) as Array<{ at: Date | null }>;
    return row?.at ?? null;
  }
}
