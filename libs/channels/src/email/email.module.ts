import { InboundPublisher, inboundPublisherFor } from '../inbound-publisher';
import type { ChannelPorts } from '../channel-ports';
import { ATTACHMENT_SINK, CONVERSATION_HISTORY, DELIVERY_LOG, REPLY_MATERIALS, type AttachmentSink, type ConversationHistory, type DeliveryLog, type ReplyMaterials } from '../ports';
import { Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import { DeadLetterStore } from '@inbox/bus';
import { HealthRegistry, type AppConfig } from '@inbox/platform';
import type { ChannelSender, SendResult } from '../channel-sender';
import { EmailMailboxes } from './email-mailboxes';
import { EmailOutboundSender } from './email-outbound.sender';
import { StoredEmailThreads } from './email-thread.source';
import { SmtpMailer } from './smtp-mailer';
import { MailAccessTokens } from './mail-access-token.source';
import { CredentialFiles, grantFor } from './mail-oauth-grants';
import { parseSmtpUrl } from './mailbox-url';

/** The email channel's sender as registered with the dispatcher: SMTP, or a clear refusal without SMTP_URL. */
export class EmailChannelSender implements ChannelSender, OnModuleDestroy {
  readonly provider = 'email';
  readonly channels = ['email'] as const;

  constructor(
    private readonly sender?: EmailOutboundSender,
    private readonly mailer?: SmtpMailer,
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.sender) throw new InvalidInputError('email_sending_off', 'Email replies need SMTP_URL; this inbox only reads mail');
    return this.sender.send(message);
  }

  onModuleDestroy(): void {
    this.mailer?.close();
  }
}

/** Email: mailboxes read over IMAP (IMAP_URL), replies sent over SMTP (SMTP_URL); on when either is set. */
@Module({})
export class EmailModule {
  static forRoot(config: AppConfig, ports: ChannelPorts): DynamicModule {
    const email = config.email;
    if (!email) throw new Error('EmailModule needs IMAP_URL or SMTP_URL');
    return {
      module: EmailModule,
      imports: [ports],
      providers: [
        inboundPublisherFor('email'),
        {
          provide: MailAccessTokens,
          useFactory: () => {
            const keys = new CredentialFiles();
            return new MailAccessTokens((kind, user) => grantFor(kind as Parameters<typeof grantFor>[0], user, email.oauth, keys));
          },
        },
        {
          provide: EmailChannelSender,
          inject: [CONVERSATION_HISTORY, REPLY_MATERIALS, MailAccessTokens],
          useFactory: (history: ConversationHistory, materials: ReplyMaterials, tokens: MailAccessTokens) => {
            if (!email.smtpUrl) return new EmailChannelSender();
            const smtp = parseSmtpUrl(email.smtpUrl, email.auth);
            const mailer = new SmtpMailer(smtp, smtp.auth === 'password' ? undefined : tokens.sourceFor(smtp.auth, smtp.user));
            return new EmailChannelSender(new EmailOutboundSender(mailer, new StoredEmailThreads(history), email.mailFrom, materials), mailer);
          },
        },
        {
          provide: EmailMailboxes,
          inject: [InboundPublisher, getDataSourceToken(), ATTACHMENT_SINK, DELIVERY_LOG, DeadLetterStore, HealthRegistry, MailAccessTokens],
          useFactory: (inbound: InboundPublisher, db: DataSource, attachments: AttachmentSink, delivery: DeliveryLog, deadLetters: DeadLetterStore, health: HealthRegistry, tokens: MailAccessTokens) =>
            new EmailMailboxes(email, inbound, db, attachments, delivery, deadLetters, health, tokens),
        },
      ],
      exports: [EmailChannelSender],
    };
  }
}
