import type { EmailAuthKind } from '@inbox/platform';

/** A mail server and how to sign in to it, from an imap(s):// or smtp(s):// URL. */
interface MailServerAddress {
  host: string;
  port: number;
  /** imaps:// and smtps:// → TLS from the first byte; imap:// and smtp:// → STARTTLS when the server offers it. */
  secure: boolean;
  /** Empty when the server takes mail without signing in (SMTP only). */
  user: string;
  /** Empty for OAuth2 sign-ins, which carry no password. */
  password: string;
  /** How to sign in: the URL's `?auth=`, else EMAIL_AUTH. */
  auth: EmailAuthKind;
}

/** One mailbox to read, from one entry of IMAP_URL. */
export interface MailboxAddress extends MailServerAddress {
  /** The folder to read, INBOX by default. */
  mailbox: string;
  /** The company-side account the mail was sent to: the login when it is an address, else login@host. */
  account: string;
  /** A name for logs, health and sync state: account/mailbox (no password). */
  key: string;
}

/** imap://user:pass@host:port/INBOX[?auth=…] → the parts; the settings validation has checked the shape already. */
export function parseMailboxUrl(value: string, defaultAuth: EmailAuthKind = 'password'): MailboxAddress {
  const url = new URL(value.trim());
  const server = serverOf(url, 'imaps:', { tls: 993, starttls: 143 }, defaultAuth);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX';
  const account = (server.user.includes('@') ? server.user : `${server.user}@${server.host}`).toLowerCase();
  return { ...server, mailbox, account, key: `${account}/${mailbox}` };
}

/** The SMTP server replies go through, from SMTP_URL. */
export type SmtpAddress = MailServerAddress;

export function parseSmtpUrl(value: string, defaultAuth: EmailAuthKind = 'password'): SmtpAddress {
  return serverOf(new URL(value.trim()), 'smtps:', { tls: 465, starttls: 587 }, defaultAuth);
}

function serverOf(url: URL, tlsProtocol: string, ports: { tls: number; starttls: number }, defaultAuth: EmailAuthKind): MailServerAddress {
  const secure = url.protocol === tlsProtocol;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? ports.tls : ports.starttls,
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    auth: (url.searchParams.get('auth') as EmailAuthKind | null) ?? defaultAuth,
  };
}
