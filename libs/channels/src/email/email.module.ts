import { InboundPublisher } from '../inbound-publisher';
import { Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import { IntakeModule } from '@inbox/intake';
import { AttachmentStore, DeliveryRecorder } from '@inbox/cases';
import { DeadLetterStore, HealthRegistry, type AppConfig } from '@inbox/platform';
import type { SendResult } from '../channel-adapter';
import type { ChannelSender } from '../outbound-dispatcher';
import { EmailMailboxes } from './email-mailboxes';
import { EmailOutboundSender } from './email-outbound.sender';
import { StoredEmailThreads } from './email-thread.source';
import { StoredEmailReplyMaterials } from './email-reply-materials.store';
import { SmtpMailer } from './smtp-mailer';
import { MailAccessTokens } from './mail-access-token.source';
import { grantFor, ServiceAccountKeys } from './mail-oauth-grants';
import { parseSmtpUrl } from './mailbox-url';

/** The email channel's sender as registered with the dispatcher: SMTP, or a clear refusal without SMTP_URL. */
export class EmailChannelSender implements ChannelSender, OnModuleDestroy {
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
  static forRoot(config: AppConfig): DynamicModule {
    const email = config.email;
    if (!email) throw new Error('EmailModule needs IMAP_URL or SMTP_URL');
    return {
      module: EmailModule,
      imports: [IntakeModule],
      providers: [
        InboundPublisher,
        {
          provide: MailAccessTokens,
          useFactory: () => {
            const keys = new ServiceAccountKeys();
            return new MailAccessTokens((kind, user) => grantFor(kind as Parameters<typeof grantFor>[0], user, email.oauth, keys));
          },
        },
        {
          provide: EmailChannelSender,
          inject: [getDataSourceToken(), MailAccessTokens],
          useFactory: (db: DataSource, tokens: MailAccessTokens) => {
            if (!email.smtpUrl) return new EmailChannelSender();
            const smtp = parseSmtpUrl(email.smtpUrl, email.auth);
            const mailer = new SmtpMailer(smtp, smtp.auth === 'password' ? undefined : tokens.sourceFor(smtp.auth, smtp.user));
            return new EmailChannelSender(new EmailOutboundSender(mailer, new StoredEmailThreads(db), email.mailFrom, new StoredEmailReplyMaterials(db)), mailer);
          },
        },
        {
          provide: EmailMailboxes,
          inject: [InboundPublisher, getDataSourceToken(), AttachmentStore, DeliveryRecorder, DeadLetterStore, HealthRegistry, MailAccessTokens],
          useFactory: (inbound: InboundPublisher, db: DataSource, attachments: AttachmentStore, delivery: DeliveryRecorder, deadLetters: DeadLetterStore, health: HealthRegistry, tokens: MailAccessTokens) =>
            new EmailMailboxes(email, inbound, db, attachments, delivery, deadLetters, health, tokens),
        },
      ],
      exports: [EmailChannelSender],
    };
  }
}
