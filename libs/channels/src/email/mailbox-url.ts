/** One mailbox to read, from one entry of IMAP_URL. */
export interface MailboxAddress {
  host: string;
  port: number;
  /** imaps:// → TLS from the first byte; imap:// → STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  /** The folder to read, INBOX by default. */
  mailbox: string;
  /** The company-side account the mail was sent to: the login when it is an address, else login@host. */
  account: string;
  /** A name for logs, health and sync state: account/mailbox (no password). */
  key: string;
}

/** imap://user:pass@host:port/INBOX → the parts; the settings validation has checked the shape already. */
export function parseMailboxUrl(value: string): MailboxAddress {
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
    mailbox,
    account,
    key: `${account}/${mailbox}`,
  };
}
