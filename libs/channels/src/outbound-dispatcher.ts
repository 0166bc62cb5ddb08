import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { DomainError, TOPICS, type OutboundMessage } from '@inbox/contracts';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender';
import { chooseSender } from './outbound-routing';
import { DELIVERY_LOG, type DeliveryLog } from './ports';

/**
 * Consumes `inbox.outbound.v1` (group `dispatch`) and sends each reply through
 * the provider its conversation came in by (chooseSender). A message already sent is skipped, so a redelivered record does
 * not send twice; a permanent refusal is recorded on the message for the
 * agent to see; a transient one is thrown so the bus retries with backoff.
 */
@Injectable()
export class OutboundDispatcher implements OnModuleInit {
  private readonly logger = new Logger(OutboundDispatcher.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(CHANNEL_SENDERS) private readonly senders: ChannelSender[],
    @Inject(DELIVERY_LOG) private readonly delivery: DeliveryLog,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.outbound, { group: 'dispatch', fromBeginning: true }, (record) => this.dispatch(record.value));
  }

  async dispatch(message: OutboundMessage): Promise<void> {
    if (!(await this.delivery.isPending(message.messageId))) return;
    const choice = chooseSender(this.senders, message);
    if ('refused' in choice) {
      await this.delivery.recordFailed(message.messageId, choice.refused);
      return;
    }
    const sender = choice.sender;
    if (message.template !== undefined && !sender.sendsTemplates) {
      // Sending the placeholder text instead would put "[template …]" in front of the customer.
      await this.delivery.recordFailed(message.messageId, `Not sent: the ${message.channel} channel has no message templates; write the reply as text`);
      return;
    }
    try {
      const result = await sender.send(message);
      await this.delivery.recordSent(message.messageId, result.externalId, result.status, result.thread);
    } catch (error) {
      if (error instanceof DomainError && !error.retryable) {
        this.logger.warn({ msg: 'outbound refused by provider', channel: message.channel, code: error.code });
        await this.delivery.recordFailed(message.messageId, error.message);
        return;
      }
      // Still queued: the bus retries; meanwhile the agent sees why it has not gone (scrubbed of secrets by the recorder).
      const reason = error instanceof Error ? error.message : String(error);
      await this.delivery.recordRetrying(message.messageId, `Not sent yet, retrying: ${reason}`).catch(() => undefined);
      throw error;
    }
  }
}
