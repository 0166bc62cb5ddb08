import type { Channel } from './channels';

/** A reply or automatic message to send through a channel; travels on `inbox.outbound.v1`, keyed by case id. */
export interface OutboundMessage {
  /** Our message id (already stored as an outbound message row). */
  messageId: string;
  caseId: string;
  channel: Channel;
  /** Our account to send from (phone number, mailbox, page id…). */
  account: string;
  /** The customer's address on that channel. */
  recipient: string;
  text: string;
  thread?: {
    inReplyToExternalId?: string;
    references?: string[];
    subject?: string;
    caseReference?: string;
  };
  /** Answers offered as buttons where the channel has them (web chat); elsewhere the text asks for a reply. */
  choices?: string[];
}
