import { Logger, Module, type DynamicModule, type OnModuleInit, type Type } from '@nestjs/common';
import type { AppConfig } from '@inbox/platform';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender';
import { OutboundDispatcher } from './outbound-dispatcher';
import type { ChannelPorts } from './channel-ports';
import { TwilioModule } from './twilio/twilio.module';
import { TwilioOutboundSender } from './twilio/twilio-outbound.sender';
import { TelegramModule } from './telegram/telegram.module';
import { TelegramOutboundSender } from './telegram/telegram-outbound.sender';
import { WebchatModule } from './webchat/webchat.module';
import { WebchatOutboundSender } from './webchat/webchat-outbound.sender';
import { MetaModule } from './meta/meta.module';
import { MetaOutboundSender } from './meta/meta-outbound.sender';
import { EmailChannelSender, EmailModule } from './email/email.module';

interface EnabledChannel {
  name: string;
  module: DynamicModule;
  sender: Type<ChannelSender>;
}

/** Config chooses the channels: one without credentials is off, and the start log says so (ChannelsAnnouncement), rather than failing. */
function enabledChannels(config: AppConfig, ports: ChannelPorts): EnabledChannel[] {
  const channels: EnabledChannel[] = [];
  if (config.twilio) channels.push({ name: 'twilio (sms, voice)', module: TwilioModule.forRoot(config, ports), sender: TwilioOutboundSender });
  if (config.telegram) channels.push({ name: `telegram (${config.telegram.mode})`, module: TelegramModule.forRoot(config, ports), sender: TelegramOutboundSender });
  if (config.webchat) channels.push({ name: 'webchat', module: WebchatModule.forRoot(config, ports), sender: WebchatOutboundSender });
  if (config.meta) channels.push({ name: 'meta (messenger, instagram, whatsapp, facebook)', module: MetaModule.forRoot(config, ports), sender: MetaOutboundSender });
  if (config.email) {
    const parts = [config.email.imapUrls.length ? `${config.email.imapUrls.length} mailbox(es) in` : 'no mailbox', config.email.smtpUrl ? 'SMTP out' : 'no SMTP'];
    channels.push({ name: `email (${parts.join(', ')})`, module: EmailModule.forRoot(config, ports), sender: EmailChannelSender });
  }
  return channels;
}

/** Says at start which channels are on, so a missing credential is visible rather than silent. */
class ChannelsAnnouncement implements OnModuleInit {
  constructor(private readonly summary: string) {}
  onModuleInit(): void {
    new Logger('Channels').log(this.summary);
  }
}

/**
 * The ingest role's channels: provider webhooks in, the outbound dispatcher
 * out. `ports` provides what the channels read and record elsewhere (see
 * ChannelPorts); the app that runs them chooses its implementation.
 */
@Module({})
export class ChannelsModule {
  static forRoot(config: AppConfig, ports: ChannelPorts): DynamicModule {
    const channels = enabledChannels(config, ports);
    const summary = channels.length ? `channels on: ${channels.map((c) => c.name).join(', ')}` : 'no channel is configured (see config/example.env)';
    return {
      module: ChannelsModule,
      imports: [ports, ...channels.map((c) => c.module)],
      providers: [
        { provide: CHANNEL_SENDERS, inject: channels.map((c) => c.sender), useFactory: (...senders: ChannelSender[]) => senders },
        OutboundDispatcher,
        { provide: ChannelsAnnouncement, useFactory: () => new ChannelsAnnouncement(summary) },
      ],
    };
  }
}
