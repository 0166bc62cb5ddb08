import type { EmailAuthKind } from '@inbox/platform';

/** One mailbox to read, from one entry of IMAP_URL. */
export interface MailboxAddress {
  host: string;
  port: number;
  /** imaps:// → TLS from the first byte; imap:// → STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  /** Empty for OAuth2 sign-ins, which carry no password. */
  password: string;
  /** How this mailbox signs in: its URL's `?auth=`, else EMAIL_AUTH. */
  auth: EmailAuthKind;
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
  const secure = url.protocol === 'imaps:';
  const user = decodeURIComponent(url.username);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX';
  const account = (user.includes('@') ? user : `${user}@${url.hostname}`).toLowerCase();
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user,
    password: decodeURIComponent(url.password),
    auth: authOf(url, defaultAuth),
    mailbox,
    account,
    key: `${account}/${mailbox}`,
  };
}

/** The SMTP server replies go through, from SMTP_URL. */
export interface SmtpAddress {
  host: string;
  port: number;
  /** smtps:// → TLS from the first byte; smtp:// → STARTTLS when offered. */
  secure: boolean;
  /** Empty when the server takes mail without signing in. */
  user: string;
  password: string;
  auth: EmailAuthKind;
}

export function parseSmtpUrl(value: string, defaultAuth: EmailAuthKind = 'password'): SmtpAddress {
  const url = new URL(value.trim());
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    auth: authOf(url, defaultAuth),
  };
}

function authOf(url: URL, fallback: EmailAuthKind): EmailAuthKind {
  return (url.searchParams.get('auth') as EmailAuthKind | null) ?? fallback;
}
