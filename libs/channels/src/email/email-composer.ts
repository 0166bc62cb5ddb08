import type { OutboundMessage } from '@inbox/contracts';

/** The thread a reply continues: what the customer's last mail on the case carried. */
export interface EmailThread {
  messageId?: string;
  references?: string[];
  subject?: string;
}

/** A signature in text, and optionally as the firm's HTML (sanitised when it was saved). */
export interface EmailSignature {
  text: string;
  html?: string;
}

/** A file sent with the reply. */
export interface ComposedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ComposedEmail {
  from: string;
  to: string;
  cc: string[];
  bcc: string[];
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references: string[];
  text: string;
  html: string;
  attachments: ComposedAttachment[];
}

const MAX_REFERENCES = 20;

/**
 * An outbound message → the mail to send. Pure. The Message-ID derives from
 * our message id, so a retried send carries the same one (receivers and our
 * own threading see one mail); In-Reply-To and References continue the
 * customer's thread, and the subject carries the case reference.
 */
export function composeEmailReply(
  message: OutboundMessage,
  thread: EmailThread | undefined,
  from: string,
  extras: { mailboxSignature?: EmailSignature; attachments?: ComposedAttachment[] } = {},
): ComposedEmail {
  const references = [...(thread?.references ?? []), ...(thread?.messageId ? [thread.messageId] : [])];
  const unique = [...new Set(references)].slice(-MAX_REFERENCES);
  // The agent's signature, then the mailbox's (the firm's), below the RFC 3676 "-- " line mail clients recognise.
  const signatures: EmailSignature[] = [
    ...(message.email?.authorSignature?.trim() ? [{ text: message.email.authorSignature.trim() }] : []),
    ...(extras.mailboxSignature?.text.trim() ? [extras.mailboxSignature] : []),
  ];
  const textSignature = signatures.map((s) => s.text.trim()).join('\n\n');
  const htmlSignature = signatures.map((s) => s.html ?? simpleParagraphs(s.text.trim())).join('\n');
  const recipient = message.recipient.toLowerCase();
  const cc = uniqueAddresses(message.email?.cc ?? [], [recipient]);
  return {
    from,
    to: message.recipient,
    cc,
    bcc: uniqueAddresses(message.email?.bcc ?? [], [recipient, ...cc]),
    subject: replySubject(thread?.subject, message.thread?.caseReference),
    messageId: `<${message.messageId}@${domainOf(from)}>`,
    ...(thread?.messageId ? { inReplyTo: thread.messageId } : {}),
    references: unique,
    text: textSignature ? `${message.text}\n\n-- \n${textSignature}` : message.text,
    html: simpleHtml(message.text, htmlSignature || undefined),
    attachments: extras.attachments ?? [],
  };
}

function uniqueAddresses(list: string[], without: string[]): string[] {
  const seen = new Set(without.map((a) => a.toLowerCase()));
  return list.filter((a) => {
    const key = a.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "Re: <subject> [C-000123]", without piling up Re:/Fwd: prefixes or repeating the reference. */
export function replySubject(original: string | undefined, caseReference: string | undefined): string {
  let base = (original ?? '').replace(/\s+/g, ' ').trim();
  for (;;) {
    const stripped = base.replace(/^(re|fw|fwd|aw|sv|vs)\s*(\[\d+\])?\s*:\s*/i, '');
    if (stripped === base) break;
    base = stripped;
  }
  if (caseReference) base = base.replace(new RegExp(`\\s*\\[${caseReference}\\]`, 'gi'), '').trim();
  const subject = base ? `Re: ${base}` : 'Your complaint';
  return caseReference ? `${subject} [${caseReference}]` : subject;
}

/** The text as simple HTML: escaped, paragraphs on blank lines, line breaks kept; the signature below a rule. */
export function simpleHtml(text: string, signatureHtml?: string): string {
  const signature = signatureHtml ? `\n<div class="signature" style="margin-top:16px;padding-top:8px;border-top:1px solid #ddd;color:#555">\n${signatureHtml}\n</div>` : '';
  return `<!doctype html>\n<html><body style="font-family:sans-serif;font-size:14px;line-height:1.5">\n${simpleParagraphs(text)}${signature}\n</body></html>`;
}

function simpleParagraphs(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The domain part of an address such as "Complaints <c@example.com>" (for our Message-IDs). */
export function domainOf(address: string): string {
  return /@([^>\s]+)>?\s*$/.exec(address)?.[1]?.toLowerCase() ?? 'localhost';
}
