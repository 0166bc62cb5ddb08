import { TOPICS, type InboundMessage } from '@inbox/contracts';
import type { Bus } from '@inbox/bus';

let counter = 0;

/** A canonical inbound message with sensible defaults (an SMS from one Australian mobile); each call a new external id. */
export function inboundMessage(overrides: Partial<InboundMessage> = {}): InboundMessage {
  counter += 1;
  return {
    channel: 'sms',
    account: '+61400000000',
    externalId: `SM${Date.now()}${counter}`,
    sender: { address: '+61412345678' },
    text: `My card was charged twice (${counter})`,
    receivedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** An inbound message the classifier reads as a complaint (dissatisfaction, a product, a wish for a remedy). */
export function complaintMessage(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return inboundMessage({ text: 'I want to make a complaint: you charged my card twice and I want the fee refunded', ...overrides });
}

/** The instant `ms` milliseconds ago, as an ISO string (a message's receivedAt). */
export function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

/** Publishes an inbound message as ingest does: keyed by channel and sender, so one sender's messages stay in order. */
export function publishInbound(bus: Bus, message: InboundMessage): Promise<void> {
  return bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
}
