import { InboundPublisher } from '../inbound-publisher';
import { Module, type DynamicModule } from '@nestjs/common';
import { IntakeModule } from '@inbox/intake';
import type { AppConfig } from '@inbox/platform';
import { ContactCodeSender } from '../contact-code.sender';
import { WebchatController } from './webchat.controller';
import { WebchatConversation } from './webchat-conversation';
import { WebchatGateway } from './webchat.gateway';
import { WebchatOutboundSender } from './webchat-outbound.sender';
import { WebchatReplies } from './webchat-replies';
import { WebchatVisitorTokens } from './webchat-visitor-token';

/** The web chat: widget, /webchat namespace and its replies; on unless WEBCHAT_ENABLED=false. */
@Module({})
export class WebchatModule {
  static forRoot(config: AppConfig): DynamicModule {
    const secret = config.auth.jwtSecret;
    if (!secret) throw new Error('The web chat needs JWT_SECRET (settled at start) to sign visitor tokens');
    return {
      module: WebchatModule,
      imports: [IntakeModule],
      controllers: [WebchatController],
      providers: [
        InboundPublisher,
        { provide: WebchatVisitorTokens, useFactory: () => new WebchatVisitorTokens(secret) },
        WebchatConversation,
        WebchatGateway,
        WebchatReplies,
        WebchatOutboundSender,
        ContactCodeSender,
      ],
      exports: [WebchatOutboundSender],
    };
  }
}
