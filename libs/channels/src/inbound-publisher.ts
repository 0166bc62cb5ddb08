import { Inject, Injectable, Logger, type Provider } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { DomainError, normalizePhone, PHONE_CHANNELS, TOPICS, UnavailableError, type ChannelProvider, type InboundMessage } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { redactFileName, redactInboundMessage } from '@inbox/privacy';

/**
 * The one door from every channel to `inbox.inbound.v1`, and the one place
 * that decides three things for all of them:
 * - what is removed before anything is stored, logged, indexed, classified or
 *   published (card numbers, security codes, tax file numbers, passwords and
 *   the firm's REDACT_PATTERNS; docs/personal-data.md), recorded on the message;
 * - the partition key (`inboundKey`), so one sender's messages stay in order;
 * - the durability answer: `publish` resolves only once the bus has the
 *   message durably; a bus that cannot take it becomes `not_durable`
 *   (503 to a webhook, "not taken" to a poller) so the provider sends it
 *   again, while a refusal of the message itself passes through unchanged.
 * Each channel module gets its own, stamped with its provider (`inboundPublisherFor`).
 */
@Injectable()
export class InboundPublisher {
  private readonly logger = new Logger(InboundPublisher.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'privacy' | 'defaultPhoneRegion'>,
    private readonly provider?: ChannelProvider,
  ) {}

  async publish(message: InboundMessage): Promise<void> {
    const ready = this.prepare(message);
    await this.durably(() => this.bus.publish(TOPICS.inbound, inboundKey(ready, this.config.defaultPhoneRegion), ready), [ready]);
  }

  /** A provider's batch (one webhook delivery): resolves once every message in it is durable. */
  async publishMany(messages: InboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const ready = messages.map((message) => this.prepare(message));
    await this.durably(() => this.bus.publishMany(TOPICS.inbound, ready.map((value) => ({ key: inboundKey(value, this.config.defaultPhoneRegion), value }))), ready);
  }

  /** A file name a channel stores before it publishes (email attachments), under the same rules. */
  fileName(name: string | undefined): string | undefined {
    return redactFileName(name, this.config.privacy.redactPatterns);
  }

  redact(message: InboundMessage): InboundMessage {
    return redactInboundMessage(message, this.config.privacy.redactPatterns);
  }

  private prepare(message: InboundMessage): InboundMessage {
    const redacted = this.redact(message);
    return this.provider && !redacted.provider ? { ...redacted, provider: this.provider } : redacted;
  }

  private async durably(step: () => Promise<void>, messages: InboundMessage[]): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (error instanceof DomainError && !error.retryable) throw error;
      // Already-stored ones of a batch are harmless when the provider sends it all again.
      this.logger.warn({ msg: 'inbound not durable; the provider is asked to send it again', channel: messages[0].channel, messages: messages.length });
      throw new UnavailableError('not_durable', 'The message could not be stored right now; please retry');
    }
  }
}

/** The channel module's publisher, stamping what it publishes with the provider it came through. */
export function inboundPublisherFor(provider: ChannelProvider): Provider {
  return {
    provide: InboundPublisher,
    inject: [BUS, APP_CONFIG],
    useFactory: (bus: Bus, config: AppConfig) => new InboundPublisher(bus, config, provider),
  };
}

/**
 * The partition key of an inbound message: its sender as intake identifies
 * them, so one sender's messages are taken in order. A phone number is one
 * sender on SMS, voice and WhatsApp (intake makes it one customer and locks
 * it as one), so the three share a key: their messages queue in one lane
 * instead of two batches waiting on each other's lock. Email addresses are
 * case-insensitive; other addresses (platform ids, web chat visitor ids) are
 * exact as parsed. A number intake will refuse keeps its raw spelling.
 */
export function inboundKey(message: Pick<InboundMessage, 'channel' | 'sender'>, defaultPhoneRegion: string): string {
  const { channel, sender } = message;
  if (channel === 'email') return `email:${sender.address.trim().toLowerCase()}`;
  if (PHONE_CHANNELS.includes(channel)) {
    try {
      return `phone:${normalizePhone(sender.address, defaultPhoneRegion)}`;
    } catch {
      return `${channel}:${sender.address}`;
    }
  }
  return `${channel}:${sender.address}`;
}
