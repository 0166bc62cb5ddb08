import { Module, type DynamicModule } from '@nestjs/common';
import type { Telegram } from 'telegraf';
import { DeadLetterStore } from '@inbox/bus';
import type { AppConfig } from '@inbox/platform';
import { botIdOf, createTelegramClient, TelegramSender } from './telegram-client';
import { TelegramConnection, type TelegramConnectionMode } from './telegram-connection';
import { TelegramOutboundSender } from './telegram-outbound.sender';
import { TelegramUpdateIntake } from './telegram-update.intake';
import { TelegramWebhookController } from './telegram-webhook.controller';
import { InboundPublisher, inboundPublisherFor } from '../inbound-publisher';
import type { ChannelPorts } from '../channel-ports';
import { DELIVERY_LOG, type DeliveryLog } from '../ports';

const TELEGRAM_CLIENT = Symbol('TelegramClient');

/** Telegram through telegraf's Bot API client: on only when TELEGRAM_BOT_TOKEN is set. */
@Module({})
export class TelegramModule {
  static forRoot(config: AppConfig, ports: ChannelPorts): DynamicModule {
    const telegram = config.telegram;
    if (!telegram) throw new Error('TelegramModule needs the Telegram settings');
    const mode: TelegramConnectionMode =
      telegram.mode === 'webhook' && telegram.webhookSecret && config.publicUrl
        ? { kind: 'webhook', url: `${config.publicUrl}/webhooks/telegram`, secretToken: telegram.webhookSecret }
        : { kind: 'polling', timeoutSeconds: telegram.pollTimeoutSeconds };
    return {
      module: TelegramModule,
      imports: [ports],
      controllers: [TelegramWebhookController],
      providers: [
        inboundPublisherFor('telegram'),
        { provide: TELEGRAM_CLIENT, useFactory: () => createTelegramClient({ botToken: telegram.botToken, apiRoot: telegram.apiRoot }) },
        { provide: TelegramSender, inject: [TELEGRAM_CLIENT], useFactory: (client: Telegram) => new TelegramSender(client) },
        {
          provide: TelegramUpdateIntake,
          inject: [InboundPublisher, TelegramSender, DeadLetterStore],
          useFactory: (inbound: InboundPublisher, sender: TelegramSender, deadLetters: DeadLetterStore) =>
            new TelegramUpdateIntake(inbound, sender, deadLetters, { botId: botIdOf(telegram.botToken), greeting: telegram.greeting }),
        },
        {
          provide: TelegramOutboundSender,
          inject: [TelegramSender, DELIVERY_LOG],
          useFactory: (sender: TelegramSender, delivery: DeliveryLog) => new TelegramOutboundSender(sender, delivery),
        },
        {
          provide: TelegramConnection,
          inject: [TELEGRAM_CLIENT, TelegramUpdateIntake, DeadLetterStore],
          useFactory: (client: Telegram, intake: TelegramUpdateIntake, deadLetters: DeadLetterStore) =>
            new TelegramConnection(client, intake, deadLetters, mode),
        },
      ],
      exports: [TelegramOutboundSender],
    };
  }
}
