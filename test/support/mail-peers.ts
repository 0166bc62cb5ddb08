import { ImapFlow } from 'imapflow';
import { startDnsStandIn, type DnsStandIn } from './dns-stand-in';
import { startDovecot, type Dovecot } from './dovecot';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver';

/** What an inbox's email channel talks to in a test: a DNS server for sender checks, a real Dovecot mailbox and an SMTP server. */
export interface MailPeers {
  dns: DnsStandIn;
  dovecot: Dovecot;
  smtp: SmtpReceiver;
  /** The settings that point an inbox's email channel at these peers, for `mailbox` (our address). */
  env(): Record<string, string>;
  close(): Promise<void>;
}

export async function startMailPeers(mailbox: string): Promise<MailPeers> {
  const started: Partial<Pick<MailPeers, 'dns' | 'dovecot' | 'smtp'>> = {};
  const close = async () => {
    await started.smtp?.close();
    await started.dovecot?.close();
    await started.dns?.close();
  };
  try {
    // Sender checks ask the test's own DNS server (which knows only what a test publishes), never the network.
    started.dns = await startDnsStandIn();
    started.dovecot = await startDovecot({ user: mailbox });
    started.smtp = await startSmtpReceiver();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const { dns, dovecot, smtp } = started as Pick<MailPeers, 'dns' | 'dovecot' | 'smtp'>;
  return {
    dns,
    dovecot,
    smtp,
    env: () => ({ IMAP_URL: dovecot.imapUrl(), SMTP_URL: smtp.url, MAIL_FROM: `Complaints <${mailbox}>`, EMAIL_DNS_SERVERS: dns.server }),
    close,
  };
}

/**
 * A password IMAP session on the Dovecot mailbox, connected: how a test puts a customer's mail in it.
 * Its late socket errors (after the test logs out) are ignored.
 */
export async function openMailbox(dovecot: Dovecot, timeouts?: { connectionTimeout: number; greetingTimeout: number }): Promise<ImapFlow> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, ...timeouts });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
