import { inboundPublisherFor } from '../inbound-publisher';
import type { ChannelPorts } from '../channel-ports';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@inbox/platform';
import { ContactCodeSender } from '../contact-code.sender';
import { WebchatController } from './webchat.controller';
import { WebchatGateway } from './webchat.gateway';
import { WebchatOutboundSender } from './webchat-outbound.sender';
import { WebchatReplies } from './webchat-replies';
import { WebchatVisitorTokens } from './webchat-visitor-token';

/** The web chat: widget, /webchat namespace and its replies; on unless WEBCHAT_ENABLED=false. */
@Module({})
export class WebchatModule {
  static forRoot(config: AppConfig, ports: ChannelPorts): DynamicModule {
    const secret = config.auth.jwtSecret;
    if (!secret) throw new Error('The web chat needs JWT_SECRET (settled at start) to sign visitor tokens');
    return {
      module: WebchatModule,
      imports: [ports],
      controllers: [WebchatController],
      providers: [
        inboundPublisherFor('webchat'),
        { provide: WebchatVisitorTokens, useFactory: () => new WebchatVisitorTokens(secret) },
        WebchatGateway,
        WebchatReplies,
        WebchatOutboundSender,
        ContactCodeSender,
      ],
      exports: [WebchatOutboundSender],
    };
  }
}
