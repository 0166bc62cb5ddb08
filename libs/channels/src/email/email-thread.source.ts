import type { DataSource } from 'typeorm';
import type { OutboundMessage } from '@inbox/contracts';
import type { EmailThread } from './email-composer';
import type { EmailThreadSource } from './email-outbound.sender';

/**
 * The thread a reply continues: the customer's email the reply answers (the
 * one the reply names, else their latest mail on the case), as stored.
 */
export class StoredEmailThreads implements EmailThreadSource {
  constructor(private readonly db: DataSource) {}

  async threadFor(message: OutboundMessage): Promise<EmailThread | undefined> {
    const [row] = (await this.db.query(
      `SELECT thread FROM messages
        WHERE case_id = $1 AND channel = 'email' AND direction = 'inbound'
        ORDER BY (external_id IS NOT DISTINCT FROM $2) DESC, intake_seq DESC LIMIT 1`,
      [message.caseId, message.thread?.inReplyToExternalId ?? null],
    )) as Array<{ thread: EmailThread | null }>;
    const thread = row?.thread ?? undefined;
    if (!thread) return message.thread?.subject ? { subject: message.thread.subject } : undefined;
    return { messageId: thread.messageId, references: thread.references, subject: thread.subject ?? message.thread?.subject };
  }
}
