import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { DomainError, TOPICS, type OutboundMessage } from '@inbox/contracts';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender';
import { chooseSender } from './outbound-routing';
import { DELIVERY_LOG, type DeliveryLog, type SentMessage } from './ports';

/** Most outbound messages handled at once. */
const OUTBOUND_BATCH_MAX = 50;

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
    await this.bus.subscribeBatch(TOPICS.outbound, { group: 'dispatch', fromBeginning: true, maxBatch: OUTBOUND_BATCH_MAX }, (records) =>
      this.dispatchAll(records.map((r) => r.value)),
    );
  }

  async dispatch(message: OutboundMessage): Promise<void> {
    await this.dispatchAll([message]);
  }

  /**
   * A batch of outbound messages: which are still pending is one read, each is sent (one case's messages in
   * order, different cases side by side), and what the providers took is recorded together. A transient
   * failure is thrown after that, so the bus retries the batch and the messages already recorded as sent
   * are skipped; that case's later messages wait for the retry, keeping their order.
   */
  async dispatchAll(messages: readonly OutboundMessage[]): Promise<void> {
    const pending = await this.delivery.pendingAmong(messages.map((m) => m.messageId));
    const byCase = new Map<string, OutboundMessage[]>();
    for (const message of messages) {
      if (!pending.delete(message.messageId)) continue; // not pending, or twice in this batch
      const key = message.caseId || message.recipient;
      byCase.set(key, [...(byCase.get(key) ?? []), message]);
    }
    const sent: SentMessage[] = [];
    const transient: unknown[] = [];
    await Promise.all(
      [...byCase.values()].map(async (ofOneCase) => {
        for (const message of ofOneCase) {
          try {
            const taken = await this.send(message);
            if (taken) sent.push(taken);
          } catch (error) {
            transient.push(error);
            return;
          }
        }
      }),
    );
    await this.delivery.recordSent(sent);
    if (transient.length > 0) throw transient[0];
  }

  /** Sends one message; what the provider took, or null when it was refused for good (recorded on the message). Throws when it may go later. */
  private async send(message: OutboundMessage): Promise<SentMessage | null> {
    const choice = chooseSender(this.senders, message);
    if ('refused' in choice) {
      await this.delivery.recordFailed(message.messageId, choice.refused);
      return null;
    }
    const sender = choice.sender;
    if (message.template !== undefined && !sender.sendsTemplates) {
      // Sending the placeholder text instead would put "[template …]" in front of the customer.
      await this.delivery.recordFailed(message.messageId, `Not sent: the ${message.channel} channel has no message templates; write the reply as text`);
      return null;
    }
    try {
      const result = await sender.send(message);
      return { messageId: message.messageId, externalId: result.externalId, status: result.status, ...(result.thread ? { thread: result.thread } : {}) };
    } catch (error) {
      if (error instanceof DomainError && !error.retryable) {
        this.logger.warn({ msg: 'outbound refused by provider', channel: message.channel, code: error.code });
        await this.delivery.recordFailed(message.messageId, error.message);
        return null;
      }
      // Still queued: the bus retries; meanwhile the agent sees why it has not gone (scrubbed of secrets by the recorder).
      const reason = error instanceof Error ? error.message : String(error);
      await this.delivery.recordRetrying(message.messageId, `Not sent yet, retrying: ${reason}`).catch(() => undefined);
      throw error;
    }
  }
}
