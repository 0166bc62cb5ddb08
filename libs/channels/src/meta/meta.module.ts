import { InboundPublisher } from '../inbound-publisher';
import { Module, type DynamicModule } from '@nestjs/common';
import { IntakeModule } from '@inbox/intake';
import type { AppConfig } from '@inbox/platform';
import { GraphApiClient } from './graph-api.client';
import { MetaConversations } from './meta-conversations';
import { MetaOutboundSender } from './meta-outbound.sender';
import { MetaWebhookController } from './meta-webhook.controller';

/** Messenger, Instagram, WhatsApp Cloud API and page comments: on only when META_APP_SECRET is set. */
@Module({})
export class MetaModule {
  static forRoot(config: AppConfig): DynamicModule {
    const meta = config.meta;
    if (!meta) throw new Error('MetaModule needs the Meta settings');
    return {
      module: MetaModule,
      imports: [IntakeModule],
      controllers: [MetaWebhookController],
      providers: [
        InboundPublisher,
        MetaConversations,
        {
          provide: MetaOutboundSender,
          inject: [MetaConversations],
          useFactory: (conversations: MetaConversations) =>
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
