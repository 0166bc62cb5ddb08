import type { OutboundMessage } from '@inbox/contracts';
import type { EmailThread } from './email-composer';
import type { EmailThreadSource } from './email-outbound.sender';
import type { ConversationHistory } from '../ports';

/**
 * The thread a reply continues: the customer's email the reply answers (the
 * one the reply names, else their latest mail on the case), as stored; with
 * none, a new thread under the reply's own subject.
 */
export class StoredEmailThreads implements EmailThreadSource {
  constructor(private readonly history: Pick<ConversationHistory, 'emailThread'>) {}

  async threadFor(message: OutboundMessage): Promise<EmailThread | undefined> {
    const thread = await this.history.emailThread(message);
    if (!thread) return message.thread?.subject ? { subject: message.thread.subject } : undefined;
    return { messageId: thread.messageId, references: thread.references, subject: thread.subject ?? message.thread?.subject };
  }
}
