import type { Channel, ChannelProvider } from './channels';
import type { Visibility } from './inbound-message';

/** A reply or automatic message to send through a channel; travels on `inbox.outbound.v1`, keyed by case id. */
export interface OutboundMessage {
  /** Our message id (already stored as an outbound message row). */
  messageId: string;
  caseId: string;
  channel: Channel;
  /** Our account to send from (phone number, mailbox, page id…). */
  account: string;
  /**
   * The service the customer's message came through, which the reply goes
   * out by. Absent (messages stored before providers were recorded, a code
   * sent to an address that never wrote): the channel's sender decides.
   */
  provider?: ChannelProvider;
  /** The customer's address on that channel. */
  recipient: string;
  text: string;
  thread?: {
    inReplyToExternalId?: string;
    references?: string[];
    subject?: string;
    caseReference?: string;
  };
  /**
   * Where the answer appears on a channel with public threads (page comments):
   * `public` replies under the customer's comment for everyone to see,
   * `private` moves to a direct message. Channels without public threads ignore it.
   */
  visibility?: Visibility;
  /**
   * Send the channel's pre-approved message template of this name instead of
   * free text (WhatsApp outside its 24-hour customer-service window); `text`
   * then only records what the agent meant to say.
   */
  template?: string;
  /** Answers offered as buttons where the channel has them (web chat); elsewhere the text asks for a reply. */
  choices?: string[];
  /** Who wrote it, for channels that show it (the web chat widget): an agent by first name, or the inbox itself. */
  from?: { kind: 'agent'; name: string } | { kind: 'automatic' };
  /** Email only: who else gets it, the files the agent attached, and the agent's own signature. */
  email?: OutboundEmailExtras;
}

export interface OutboundEmailExtras {
  cc?: string[];
  bcc?: string[];
  /** Files stored with the reply (attachment ids); the channel reads their bytes. */
  attachments?: Array<{ id: string; fileName: string; contentType: string; sizeBytes: number }>;
  /** The author's signature, added above the mailbox's. */
  authorSignature?: string;
}
