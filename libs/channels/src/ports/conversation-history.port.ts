import type { Channel, OutboundMessage, Visibility, WebchatLine } from '@inbox/contracts';
import type { EmailThread } from '../email/email-composer';

/**
 * One line of the web chat as the visitor sees it: who wrote it (the agent's
 * first name, or "automatic" for the inbox's own messages), never notes or
 * other customers' messages.
 */
export type VisitorChatLine = WebchatLine;

/**
 * What channels read back about conversations already taken in: the
 * messages as stored. The channel owns this contract; the case store
 * implements it, so no channel reads the case tables.
 */
export interface ConversationHistory {
  /**
   * The web chat visitor's own conversation, oldest first, at most `limit`
   * lines: what they wrote from this visitor id and what was sent to it.
   */
  visitorChat(visitorId: string, limit: number): Promise<VisitorChatLine[]>;
  /** The customer message a reply answers: public or private, and (Facebook) whether it is a comment or a post. */
  answeredMessage(channel: Channel, account: string, externalId: string): Promise<{ visibility: Visibility | null; item: string | null } | null>;
  /** When the customer last wrote on `channel` to this account of ours (their own timestamp when they gave one). */
  lastInboundAt(channel: Channel, account: string, customerAddress: string): Promise<Date | null>;
  /** The customer's email a reply continues: the one it names, else their latest mail on the case. */
  emailThread(message: Pick<OutboundMessage, 'caseId' | 'thread'>): Promise<EmailThread | null>;
  /** The account of ours that last took a message on `channel` (to write from when none is configured). */
  latestInboundAccount(channel: Channel): Promise<string | undefined>;
}

export const CONVERSATION_HISTORY = Symbol('ConversationHistory');
