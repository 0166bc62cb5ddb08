import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { WebchatGateway } from './webchat.gateway';

/**
 * Agents' replies reach the widget through the case events, not through the
 * dispatcher's process: the dispatcher (any ingest instance) marks a webchat
 * reply `sent` — it is then part of the visitor's stored conversation — and
 * every process serving /webchat receives every case event (a consumer group
 * of its own, like the agents' gateway) and pushes that reply to the
 * visitor's room if the visitor is connected there. So it works the same
 * with the in-process bus and with Kafka, wherever the visitor's socket is.
 */
@Injectable()
export class WebchatReplies implements OnModuleInit {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: WebchatGateway,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.caseEvents, { group: `webchat-${this.config.instanceId}` }, async (record) => this.deliver(record.value));
  }

  deliver(event: CaseEvent): void {
    const m = event.message;
    if (event.type !== 'message.updated' || !m || m.channel !== 'webchat' || m.direction !== 'outbound' || m.deliveryStatus !== 'sent' || !m.senderAddress) return;
    this.gateway.push(m.senderAddress, { id: m.id, from: 'agent', text: m.text, at: m.createdAt });
  }
}
