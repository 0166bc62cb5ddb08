import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One line of the conversation as the visitor sees it: never staff names, notes or other customers' messages. */
export interface VisitorChatLine {
  id: string;
  from: 'visitor' | 'agent';
  text: string;
  at: string;
}

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
      `SELECT id, direction, text, received_at FROM (
         SELECT id, direction, text, received_at, intake_seq FROM messages
          WHERE channel = 'webchat' AND sender_address = $1
            AND (direction = 'inbound' OR (external_id IS NOT NULL AND delivery_status <> 'failed'))
          ORDER BY intake_seq DESC LIMIT $2
       ) last ORDER BY intake_seq`,
      [visitorId, HISTORY_LIMIT],
    )) as Array<{ id: string; direction: 'inbound' | 'outbound'; text: string; received_at: Date }>;
    return rows.map((r) => ({ id: r.id, from: r.direction === 'inbound' ? 'visitor' : 'agent', text: r.text, at: r.received_at.toISOString() }));
  }
}
