import { inboundPublisherFor } from '../inbound-publisher';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@inbox/platform';
import { GraphApiClient } from './graph-api.client';
import type { ChannelPorts } from '../channel-ports';
import { CONVERSATION_HISTORY, type ConversationHistory } from '../ports';
import { MetaOutboundSender } from './meta-outbound.sender';
import { MetaWebhookController } from './meta-webhook.controller';

/** Messenger, Instagram, WhatsApp Cloud API and page comments: on only when META_APP_SECRET is set. */
@Module({})
export class MetaModule {
  static forRoot(config: AppConfig, ports: ChannelPorts): DynamicModule {
    const meta = config.meta;
    if (!meta) throw new Error('MetaModule needs the Meta settings');
    return {
      module: MetaModule,
      imports: [ports],
      controllers: [MetaWebhookController],
      providers: [
        inboundPublisherFor('meta'),
        {
          provide: MetaOutboundSender,
          inject: [CONVERSATION_HISTORY],
          useFactory: (conversations: ConversationHistory) =>
            new MetaOutboundSender(new GraphApiClient({ apiBase: meta.graphApiBase }), conversations, {
              pageAccessToken: meta.pageAccessToken,
              whatsapp: meta.whatsapp,
            }),
        },
      ],
      exports: [MetaOutboundSender],
    };
  }
}
