import type { Channel } from '@inbox/contracts';

/**
 * Where a channel records what happened to our outbound messages: the
 * provider's id at send time, refusals, waits, and later delivery callbacks.
 * The channel owns this contract; the case store implements it.
 */
export interface DeliveryLog {
  /** Those of these messages that still wait to be sent: a redelivered outbound record must not send twice. */
  pendingAmong(messageIds: readonly string[]): Promise<Set<string>>;
  /** Messages the providers took, together. `thread`: what a sent message carries for threading (e.g. an email Message-ID). */
  recordSent(sent: readonly SentMessage[]): Promise<void>;
  /** The provider asked us to wait (e.g. a 429): the message stays queued, and the agent sees why. */
  recordRetrying(messageId: string, reason: string): Promise<void>;
  recordFailed(messageId: string, reason: string): Promise<void>;
  /**
   * A provider's status callback for one of our messages; `isAdvance` says
   * which of the channel's statuses come later, so a late or repeated
   * callback never moves a message backwards. 'unknown': not one of ours.
   */
  recordStatus(
    channel: Channel,
    externalId: string,
    status: string,
    isAdvance: (current: string | null, next: string) => boolean,
    error?: string,
  ): Promise<'updated' | 'ignored' | 'unknown'>;
}

/** A message a provider took: its id there and the status it gave. */
export interface SentMessage {
  messageId: string;
  externalId: string;
  status: string;
  thread?: Record<string, unknown>;
}

export const DELIVERY_LOG = Symbol('DeliveryLog');
