import { Inject, Injectable } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { redactFileName, redactInboundMessage } from '@inbox/privacy';

/**
 * The one door from every channel to `inbox.inbound.v1`. Card numbers,
 * security codes, tax file numbers, passwords and the firm's REDACT_PATTERNS
 * are removed here, before the message is stored, logged, indexed, classified
 * or published anywhere (docs/personal-data.md); what was removed is recorded
 * on the message. Keyed by channel and sender so one sender's messages stay in order.
 */
@Injectable()
export class InboundPublisher {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'privacy'>,
  ) {}

  publish(message: InboundMessage, key = inboundKey(message)): Promise<void> {
    return this.bus.publish(TOPICS.inbound, key, this.redact(message));
  }

  async publishMany(messages: InboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.bus.publishMany(TOPICS.inbound, messages.map((message) => ({ key: inboundKey(message), value: this.redact(message) })));
  }

  /** A file name a channel stores before it publishes (email attachments), under the same rules. */
  fileName(name: string | undefined): string | undefined {
    return redactFileName(name, this.config.privacy.redactPatterns);
  }

  redact(message: InboundMessage): InboundMessage {
    return redactInboundMessage(message, this.config.privacy.redactPatterns);
  }
}

/** Email addresses are case-insensitive, so one sender is one key whatever the capitals. */
export function inboundKey(message: InboundMessage): string {
  const address = message.channel === 'email' ? message.sender.address.toLowerCase() : message.sender.address;
  return `${message.channel}:${address}`;
}
