import { createTransport } from 'nodemailer';
import type { ComposedEmail } from './email-composer';

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
 * the first byte, STARTTLS when smtp:// servers offer it).
 */
export class SmtpMailer {
  private readonly transport;

  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.transport = createTransport({
      pool: true,
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      maxConnections: 2,
    });
  }

  async send(mail: ComposedEmail): Promise<SmtpSendOutcome> {
    const info = await this.transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references.length ? mail.references : undefined,
      text: mail.text,
      html: mail.html,
    });
    const list = (v: unknown) => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : []);
    return { accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
  }

  close(): void {
    this.transport.close();
  }
}
