import type { AttachmentRef, InboundMessage, SenderAuthentication } from '@inbox/contracts';
import { sanitizeEmailHtml } from './email-html.sanitizer';
import type { ReadEmail } from './email-reader';
import { stripQuotedReply } from './quoted-reply';

/** Where a mail was read: the mailbox and its IMAP position, kept with the message for audit. */
export interface MailboxPosition {
  account: string;
  mailbox: string;
  uid: number;
  uidValidity: string;
  /** When the IMAP server received it (INTERNALDATE): the firm's own record, unlike the sender's Date header. */
  internalDate?: Date;
}

const MAX_TEXT = 100_000;
const MAX_FULL_TEXT = 1_000_000;
const MAX_REFERENCES = 100;
const MAX_COPIED = 50;

/** The provider id of a mail: its Message-ID, or a digest of its headers when it has none. */
export function emailExternalId(mail: ReadEmail): string {
  return mail.messageId ?? `<${mail.headerDigest}@no-message-id.invalid>`;
}

/**
 * A read email → the canonical inbound message. Pure. The text is the new part
 * (quotes and signature stripped); the full text stays in `raw`. Attachments
 * arrive already stored (or refused) by the caller.
 */
export function toInboundEmail(
  mail: ReadEmail,
  at: MailboxPosition,
  attachments: AttachmentRef[],
  now: Date,
  senderAuth?: SenderAuthentication,
): InboundMessage | undefined {
  if (!mail.from) return undefined;
  const text = stripQuotedReply(mail.text);
  const sender: InboundMessage['sender'] = mail.from.name ? { address: mail.from.address, displayName: mail.from.name.slice(0, 200) } : { address: mail.from.address };
  // DMARC failed for the From: domain: the address is not proven, and intake will not join by it (see InboundMessage.sender.verified).
  if (senderAuth?.dmarc === 'fail') sender.verified = false;
  else if (senderAuth?.dmarc === 'pass') sender.verified = true;
  const copied = copiedAddresses(mail, at.account);
  const message: InboundMessage = {
    channel: 'email',
    account: at.account,
    externalId: emailExternalId(mail),
    sender,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 40)}\n[… the rest is in the original mail]` : text,
    thread: {
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references.length ? { references: mail.references.slice(-MAX_REFERENCES) } : {}),
      ...(mail.subject ? { subject: mail.subject.slice(0, 998) } : {}),
      ...(copied.length ? { copied } : {}),
    },
    // The firm's own record of receipt: the mail server's INTERNALDATE, or this import. The Date header is the
    // sender's to write (a mail dated 2019 must not start an RG 271 clock in 2019), so it is only `sentAt`.
    receivedAt: (at.internalDate && at.internalDate < now ? at.internalDate : now).toISOString(),
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { sentAt: mail.date.toISOString() } : {}),
    raw: {
      mailbox: at.mailbox,
      uid: at.uid,
      uidValidity: at.uidValidity,
      to: mail.to,
      date: mail.date?.toISOString(),
      sizeBytes: mail.sizeBytes,
      autoSubmitted: headerText(mail, 'auto-submitted'),
      fullText: mail.text.slice(0, MAX_FULL_TEXT),
    },
  };
  if (attachments.length) message.attachments = attachments;
  if (isAutoReply(mail)) message.autoReply = true;
  if (senderAuth) message.senderAuth = senderAuth;
  if (mail.html) {
    const html = sanitizeEmailHtml(mail.html);
    if (html.trim()) message.html = html;
  }
  return message;
}

/** Everyone else on the mail (To: besides our mailbox, and Cc:), lowercased, once each, without the sender. */
function copiedAddresses(mail: ReadEmail, account: string): string[] {
  const skip = new Set([account.toLowerCase(), mail.from?.address.toLowerCase()]);
  const seen = new Set<string>();
  for (const address of [...mail.to, ...mail.cc]) {
    const a = address.trim().toLowerCase();
    if (a.length <= 320 && a.includes('@') && !skip.has(a)) seen.add(a);
  }
  return [...seen].slice(0, MAX_COPIED);
}

/**
 * A machine wrote it: RFC 3834 Auto-Submitted (anything but "no"), the
 * X-Autoreply / X-Autorespond headers of common responders, Precedence
 * auto_reply / bulk / junk, or a delivery report.
 */
export function isAutoReply(mail: ReadEmail): boolean {
  const autoSubmitted = headerText(mail, 'auto-submitted')?.toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  const precedence = headerText(mail, 'precedence')?.toLowerCase();
  if (precedence && ['auto_reply', 'bulk', 'junk'].includes(precedence)) return true;
  return isDeliveryReport(mail);
}

export interface Bounce {
  /** The Message-ID of our mail that could not be delivered. */
  originalMessageId: string;
  /** e.g. "5.1.1 (smtp; 550 5.1.1 <x@example.com>: user unknown)" */
  reason: string;
}

/**
 * A delivery status notification (RFC 3464) saying one of our mails failed:
 * the report's Action is "failed", and the returned original names its
 * Message-ID. Delays ("delayed") are not failures.
 */
export function findBounce(mail: ReadEmail): Bounce | undefined {
  if (!isDeliveryReport(mail)) return undefined;
  const source = mail.sourcePrefix.replace(/\r\n?/g, '\n');
  const bodyStart = source.indexOf('\n\n');
  const body = bodyStart >= 0 ? source.slice(bodyStart) : source;
  if (!/^Action:\s*failed\b/im.test(body)) return undefined;
  const originalMessageId = /^Message-ID:\s*(<[^<>\s]+>)/im.exec(body)?.[1];
  if (!originalMessageId) return undefined;
  const status = /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(body)?.[1];
  const diagnostic = /^Diagnostic-Code:\s*(.+(?:\n[ \t].+)*)/im.exec(body)?.[1]?.replace(/\s+/g, ' ').trim();
  const reason = [status, diagnostic ? `(${diagnostic})` : undefined].filter(Boolean).join(' ') || 'no reason given';
  return { originalMessageId, reason: reason.slice(0, 400) };
}

function isDeliveryReport(mail: ReadEmail): boolean {
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return type?.value?.toLowerCase() === 'multipart/report' && (type.params?.['report-type'] ?? '').toLowerCase() === 'delivery-status';
}

function headerText(mail: ReadEmail, name: string): string | undefined {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object' && 'value' in value && typeof (value as { value: unknown }).value === 'string') {
    return ((value as { value: string }).value).trim();
  }
  return undefined;
}
