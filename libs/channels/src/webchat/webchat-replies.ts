import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent, type OutboundMessage } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { WebchatGateway } from './webchat.gateway';

/** Texts as sent, remembered this long for the live push (the push follows the send within seconds). */
const SENT_TEXT_TTL_MS = 10 * 60_000;
const MAX_SENT_TEXTS = 5_000;

/**
 * Agents' replies reach the widget through the case events, not through the
 * dispatcher's process: the dispatcher (any ingest instance) marks a webchat
 * reply `sent` — it is then part of the visitor's stored conversation — and
 * every process serving /webchat receives every case event (a consumer group
 * of its own, like the agents' gateway) and pushes that reply to the
 * visitor's room if the visitor is connected there. So it works the same
 * with the in-process bus and with Kafka, wherever the visitor's socket is.
 *
 * A message's stored text can differ from what was sent (the acknowledgement's
 * status code is stored masked), so each process also reads the web chat
 * messages on the outbound topic, and pushes the text as sent when it has it.
 */
@Injectable()
export class WebchatReplies implements OnModuleInit {
  private readonly sentTexts = new Map<string, { text: string; at: number; author: string | null; choices?: string[] }>();

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: WebchatGateway,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.outbound, { group: `webchat-out-${this.config.instanceId}` }, async (record) => this.remember(record.value));
    await this.bus.subscribe(TOPICS.caseEvents, { group: `webchat-${this.config.instanceId}` }, async (record) => this.deliver(record.value));
  }

  remember(message: OutboundMessage): void {
    if (message.channel !== 'webchat') return;
    const now = Date.now();
    if (this.sentTexts.size >= MAX_SENT_TEXTS) {
      for (const [id, entry] of this.sentTexts) if (now - entry.at > SENT_TEXT_TTL_MS) this.sentTexts.delete(id);
      if (this.sentTexts.size >= MAX_SENT_TEXTS) this.sentTexts.delete(this.sentTexts.keys().next().value!);
    }
    this.sentTexts.set(message.messageId, {
      text: message.text,
      at: now,
      author: message.from?.kind === 'agent' ? message.from.name : null,
      ...(message.choices?.length ? { choices: message.choices } : {}),
    });
  }

  deliver(event: CaseEvent): void {
    const m = event.message;
    if (event.type !== 'message.updated' || !m || m.channel !== 'webchat' || m.direction !== 'outbound' || m.deliveryStatus !== 'sent' || !m.senderAddress) return;
    const sent = this.sentTexts.get(m.id);
    this.sentTexts.delete(m.id);
    this.gateway.push(m.senderAddress, {
      id: m.id,
      from: 'agent',
      ...(sent ? { author: sent.author } : {}),
      text: sent?.text ?? m.text,
      at: m.createdAt,
      ...(sent?.choices ? { choices: sent.choices } : {}),
    });
  }
}
