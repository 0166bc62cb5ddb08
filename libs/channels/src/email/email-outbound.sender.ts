import { InvalidInputError, UnavailableError, type OutboundMessage } from '@inbox/contracts';
import type { ChannelSender, SendResult } from '../channel-sender';
import { composeEmailReply, type EmailThread } from './email-composer';
import type { ReplyMaterials } from '../ports';
import type { SmtpFailure, SmtpMailer } from './smtp-mailer';

/** Where the thread of a case's email conversation is read from (the customer's latest mail on it). */
export interface EmailThreadSource {
  threadFor(message: OutboundMessage): Promise<EmailThread | undefined>;
}


/**
 * Replies on email cases through SMTP, threaded to the customer's mail. A
 * 5xx answer (or every recipient refused) is permanent and recorded on the
 * message for the agent; a 4xx or a connection failure is transient and
 * thrown as such, so the bus retries with backoff.
 */
export class EmailOutboundSender implements ChannelSender {
  readonly provider = 'email';
  readonly channels = ['email'] as const;

  constructor(
    private readonly mailer: SmtpMailer,
    private readonly threads: EmailThreadSource,
    private readonly mailFrom: string | undefined,
    private readonly materials: ReplyMaterials,
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    // From MAIL_FROM, or else the mailbox the customer wrote to.
    const from = this.mailFrom ?? message.account;
    const [thread, mailboxSignature, attachments] = await Promise.all([
      this.threads.threadFor(message),
      this.materials.mailboxSignature(message.account),
      this.materials.attachments((message.email?.attachments ?? []).map((a) => a.id)),
    ]);
    const mail = composeEmailReply(message, thread, from, { mailboxSignature, attachments });
    let outcome;
    try {
      outcome = await this.mailer.send(mail);
    } catch (error) {
      throw classifySmtpFailure(error as SmtpFailure);
    }
    if (outcome.accepted.length === 0) {
      throw new InvalidInputError('smtp_recipient_refused', `The mail server refused the recipient: ${outcome.response || outcome.rejected.join(', ')}`);
    }
    return {
      externalId: mail.messageId,
      status: 'sent',
      thread: { messageId: mail.messageId, references: mail.references, subject: mail.subject },
    };
  }
}

/** SMTP reply codes 5xx never heal; 4xx and dropped connections do. */
export function classifySmtpFailure(error: SmtpFailure): InvalidInputError | UnavailableError {
  const detail = (error.response ?? error.message ?? 'unknown error').slice(0, 300);
  if (error.responseCode !== undefined && error.responseCode >= 500) {
    return new InvalidInputError('smtp_rejected', `The mail server refused the message: ${detail}`, { responseCode: error.responseCode });
  }
  return new UnavailableError('smtp_unavailable', `The mail server could not take the message now: ${detail}`);
}
