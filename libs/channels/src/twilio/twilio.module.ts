import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@inbox/platform';
import { SmsOptOuts } from './sms-opt-outs';
import { createTwilioClient, TwilioSender } from './twilio-client';
import { TwilioOutboundSender } from './twilio-outbound.sender';
import { TwilioWebhookController } from './twilio-webhook.controller';
import { inboundPublisherFor } from '../inbound-publisher';
import type { ChannelPorts } from '../channel-ports';

/** SMS/MMS and voice through Twilio: on only when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set. */
@Module({})
export class TwilioModule {
  static forRoot(config: AppConfig, ports: ChannelPorts): DynamicModule {
    const twilio = config.twilio;
    if (!twilio) throw new Error('TwilioModule needs the Twilio settings');
    return {
      module: TwilioModule,
      imports: [ports],
      controllers: [TwilioWebhookController],
      providers: [
        inboundPublisherFor('twilio'),
        SmsOptOuts,
        {
          provide: TwilioOutboundSender,
          inject: [SmsOptOuts],
          useFactory: (optOuts: SmsOptOuts) => {
            const client = createTwilioClient({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBase: twilio.apiBase });
            const statusCallbackUrl = config.publicUrl ? `${config.publicUrl}/webhooks/twilio/status` : undefined;
            return new TwilioOutboundSender(new TwilioSender(client, { statusCallbackUrl }), optOuts, twilio.voice);
          },
        },
      ],
      exports: [TwilioOutboundSender],
    };
  }
}
