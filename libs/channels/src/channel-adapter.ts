import type { Channel, InboundMessage, OutboundMessage } from '@inbox/contracts';

/** What the provider said about an outbound message. */
export interface SendResult {
  /** The provider's id for the sent message (for delivery callbacks and threading). */
  externalId: string;
  /** Delivery status as the provider reports it at send time (e.g. queued, sent). */
  status: string;
  /** Threading facts of the sent message (e.g. its Message-ID), kept on it so the customer's reply finds its case. */
  thread?: { messageId?: string; references?: string[]; subject?: string };
}

/**
 * The one contract every channel implements (docs/architecture.md rules 9 and 12): a pure `parse` from
 * the provider's payload to canonical messages, and `send` through the
 * provider's client, which is injected so tests replace it cleanly.
 */
export interface ChannelAdapter<RawPayload> {
  readonly channels: readonly Channel[];
  parse(raw: RawPayload): InboundMessage[];
  send(message: OutboundMessage): Promise<SendResult>;
}
