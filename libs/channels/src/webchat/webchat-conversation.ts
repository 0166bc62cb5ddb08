import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { WebchatLine } from '@inbox/contracts';

/**
 * One line of the conversation as the visitor sees it: who wrote it (the agent's first name, or "automatic"
 * for the inbox's own messages), never notes or other customers' messages.
 */
export type VisitorChatLine = WebchatLine;

const HISTORY_LIMIT = 200;

/**
 * The visitor's own conversation: what they wrote from this visitor id and
 * what was sent to it — nothing else of their customer or case, so even a
 * merged customer's other channels stay out of the widget.
 */
@Injectable()
export class WebchatConversation {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async history(visitorId: string): Promise<VisitorChatLine[]> {
    const rows = (await this.db.query(
      `SELECT last.id, last.direction, last.text, last.received_at, split_part(btrim(u.name), ' ', 1) AS author FROM (
         SELECT id, direction, text, received_at, intake_seq, author_user_id FROM messages
          WHERE channel = 'webchat' AND sender_address = $1
            AND (direction = 'inbound' OR (external_id IS NOT NULL AND delivery_status <> 'failed'))
          ORDER BY intake_seq DESC LIMIT $2
       ) last LEFT JOIN users u ON u.id = last.author_user_id ORDER BY last.intake_seq`,
      [visitorId, HISTORY_LIMIT],
    )) as Array<{ id: string; direction: 'inbound' | 'outbound'; text: string; received_at: Date; author: string | null }>;
    return rows.map((r) =>
      r.direction === 'inbound'
        ? { id: r.id, from: 'visitor', text: r.text, at: r.received_at.toISOString() }
        : { id: r.id, from: 'agent', author: r.author || null, text: r.text, at: r.received_at.toISOString() },
    );
  }
}
