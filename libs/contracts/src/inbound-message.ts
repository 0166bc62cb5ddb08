import type { Channel } from './channels';

export interface AttachmentRef {
  /** Provider's id or URL for the content; the bytes are fetched or stored by the channel. */
  url?: string;
  providerFileId?: string;
  contentType?: string;
  fileName?: string;
  sizeBytes?: number;
  /** Length of a recording (voice calls, voice notes). */
  durationSeconds?: number;
  /** Why the content was not kept (e.g. larger than the channel's size limit); the reference stays so agents know it existed. */
  refusedReason?: string;
}

/** Public: a post or comment anyone can read; private: a direct conversation. */
export type Visibility = 'public' | 'private';

export interface ThreadHints {
  /** Email Message-ID / In-Reply-To / References, a provider's reply-to id, etc. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  subject?: string;
  /** A case reference the customer named explicitly (e.g. "[C-000123]" in a subject). */
  caseReference?: string;
  /** Set by channels that carry both public comments and direct messages (Facebook, Instagram, WhatsApp). */
  visibility?: Visibility;
}

/**
 * The canonical inbound message every channel adapter produces (SPEC "Channels").
 * It travels on `inbox.inbound.v1`, keyed by channel + sender so one sender's
 * messages stay in order.
 */
export interface InboundMessage {
  channel: Channel;
  /** The company-side account that received it: our phone number, mailbox, bot, page. */
  account: string;
  /** The provider's id for this message; with channel and account it is the message's identity. */
  externalId: string;
  sender: {
    address: string;
    displayName?: string;
  };
  text: string;
  thread?: ThreadHints;
  attachments?: AttachmentRef[];
  /** ISO 8601 time the provider says it received the message. */
  receivedAt: string;
  /** The provider's payload as received, kept for audit and reprocessing. */
  raw?: unknown;
  /**
   * Other addresses the sender told us are theirs (an email or phone typed into
   * the web chat): linked to the sender's customer as identities; one that
   * already belongs to another customer is recorded as a claim, for merging.
   */
  contacts?: ClaimedContact[];
  /**
   * The provider or headers say a machine wrote it (out-of-office, auto-responder,
   * e.g. Auto-Submitted: auto-replied): triage treats it as noise, not a new complaint.
   */
  autoReply?: boolean;
}

export interface ClaimedContact {
  /** `email`, or `sms` for a phone number (one number is one customer across SMS, voice and WhatsApp). */
  channel: Channel;
  address: string;
}
