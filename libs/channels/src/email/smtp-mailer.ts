import { createTransport } from 'nodemailer';
import type { ComposedEmail } from './email-composer';
import { renewalTime, type MailAccessTokenSource } from './mail-access-token.source';
import type { SmtpAddress } from './mailbox-url';

export interface SmtpSendOutcome {
  accepted: string[];
  rejected: string[];
  response: string;
}

/** An SMTP failure with the server's reply code when there was one (none: the connection failed). */
export interface SmtpFailure {
  responseCode?: number;
  response?: string;
  code?: string;
  message: string;
}

/**
 * The SMTP side effect behind one injectable class: a pooled nodemailer
 * transport built from SMTP_URL. TLS verification stays on (smtps:// from
 * the first byte, STARTTLS when smtp:// servers offer it). With OAuth2 each
 * new connection signs in with XOAUTH2 and the mailbox's current token;
 * nodemailer asks for a fresh one when the server refuses a token.
 */
export class SmtpMailer {
  private readonly transport;

  constructor(smtp: SmtpAddress, tokens?: MailAccessTokenSource) {
    const auth = tokens
      ? { type: 'OAuth2' as const, user: smtp.user }
      : smtp.user
        ? { user: smtp.user, pass: smtp.password }
        : undefined;
    this.transport = createTransport({
      pool: true,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      maxConnections: 2,
    });
    if (tokens) {
      // nodemailer keeps the token until `expires`: handing it the renewal time makes it ask again before expiry.
      this.transport.set('oauth2_provision_cb', (_user: string, renew: boolean, callback: (err: Error | null, token?: string, expires?: number) => void) => {
        (renew ? tokens.renew() : tokens.current()).then(
          (token) => callback(null, token.accessToken, renewalTime(token)),
          (error: Error) => callback(error),
        );
      });
    }
  }

  async send(mail: ComposedEmail): Promise<SmtpSendOutcome> {
    const info = await this.transport.sendMail({
      from: mail.from,
      to: mail.to,
      cc: mail.cc.length ? mail.cc : undefined,
      bcc: mail.bcc.length ? mail.bcc : undefined,
      subject: mail.subject,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references.length ? mail.references : undefined,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
    const list = (v: unknown) => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : []);
    return { accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
  }

  close(): void {
    this.transport.close();
  }
}
