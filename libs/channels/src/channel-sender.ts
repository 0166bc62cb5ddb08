import type { Channel, ChannelProvider, OutboundMessage } from '@inbox/contracts';

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
 * The contract every channel implements on its way out: one sender per
 * enabled provider, registered in CHANNEL_SENDERS. Inbound, each channel
 * parses its provider's payload with pure functions and hands the canonical
 * message to the InboundPublisher.
 */
export interface ChannelSender {
  /** The provider it sends through; a conversation is answered through the provider it came in by. */
  readonly provider: ChannelProvider;
  readonly channels: readonly Channel[];
  /** True when `OutboundMessage.template` means something to this sender; others never get a template. */
  readonly sendsTemplates?: boolean;
  send(message: OutboundMessage): Promise<SendResult>;
}

export const CHANNEL_SENDERS = Symbol('ChannelSenders');
