import type { Channel, ChannelProvider } from './channels';
import type { Redaction } from './redactions';

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
  /** Shown inside an email's HTML (a logo, a pasted screenshot) rather than attached. */
  inline?: boolean;
  /** The Content-ID an email's HTML refers to it by (`cid:…`). */
  contentId?: string;
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
  /** Email: the other people the customer wrote to (To: besides us, and Cc:), offered for reply-all. */
  copied?: string[];
}

/**
 * The canonical inbound message every channel adapter produces (docs/architecture.md, "The flow").
 * It travels on `inbox.inbound.v1`, keyed by channel + sender so one sender's
 * messages stay in order.
 */
export interface InboundMessage {
  channel: Channel;
  /** The company-side account that received it: our phone number, mailbox, bot, page. */
  account: string;
  /**
   * The service it came through (set by the channels' one publisher). With
   * `account` it says how the conversation is answered: a WhatsApp message
   * that came through Twilio is answered through Twilio, not Meta.
   */
  provider?: ChannelProvider;
  /** The provider's id for this message; with channel and account it is the message's identity. */
  externalId: string;
  sender: {
    address: string;
    displayName?: string;
    /**
     * False when the channel proved the address is NOT the sender's (email:
     * DMARC failed for the From: domain). Intake then takes the message in
     * but never joins it to a customer or case by that address alone, and
     * answers no status request from it. Absent: not checked, or not failed.
     */
    verified?: boolean;
  };
  /** How the channel checked who sent it (email: SPF, DKIM, DMARC), shown to agents. */
  senderAuth?: SenderAuthentication;
  /** The message's HTML as the sender wrote it, already sanitised by the channel (email). */
  html?: string;
  text: string;
  thread?: ThreadHints;
  attachments?: AttachmentRef[];
  /**
   * ISO 8601 time the firm's own systems received it: the webhook's arrival,
   * the mail server's IMAP INTERNALDATE. RG 271 clocks start here, so it is
   * never a time the sender (or their device, or their provider) states.
   */
  receivedAt: string;
  /** The time the sender's side claims (an email's Date header, a WhatsApp or Telegram timestamp), shown beside receivedAt; never trusted for clocks. */
  sentAt?: string;
  /** The provider's payload as received, kept for audit and reprocessing. */
  raw?: unknown;
  /**
   * Other addresses the sender says are theirs (an email or phone typed into
   * the web chat): recorded as unverified claims of the sender's customer,
   * never as identities, until proven by a one-time code sent there or an
   * agent's confirmation (see recordClaimedContacts).
   */
  contacts?: ClaimedContact[];
  /**
   * The provider or headers say a machine wrote it (out-of-office, auto-responder,
   * e.g. Auto-Submitted: auto-replied): triage treats it as noise, not a new complaint.
   */
  autoReply?: boolean;
  /** What the inbox removed before anything stored, logged or published it (card numbers, passwords…): set by the channels' one publisher. */
  redactions?: Redaction[];
}

/** The outcome of one check, as RFC 8601 Authentication-Results names them. */
export type AuthCheckResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

/**
 * Who really sent an email: SPF (the sending server may send for the
 * envelope domain), DKIM (a domain signed it) and DMARC (one of them passed
 * aligned with the From: domain). `dmarc` = `fail` means the From: address
 * is not proven.
 */
export interface SenderAuthentication {
  dmarc: AuthCheckResult;
  spf: AuthCheckResult;
  dkim: AuthCheckResult;
  /** The domain of the From: address the checks are about. */
  fromDomain: string;
  /** `mailauth` (checked here against DNS), or the authserv-id of the trusted server whose Authentication-Results were read. */
  checkedBy: string;
  /** The domains whose DKIM signatures verified. */
  dkimDomains?: string[];
  /** The DMARC policy the From: domain publishes (none, quarantine, reject). */
  policy?: string;
}

export interface ClaimedContact {
  /** `email`, or `sms` for a phone number (one number is one customer across SMS, voice and WhatsApp). */
  channel: Channel;
  address: string;
}
