import type { OutboundMessage } from '@inbox/contracts';

/** The thread a reply continues: what the customer's last mail on the case carried. */
export interface EmailThread {
  messageId?: string;
  references?: string[];
  subject?: string;
}

export interface ComposedEmail {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references: string[];
  text: string;
  html: string;
}

const MAX_REFERENCES = 20;

/**
 * An outbound message → the mail to send. Pure. The Message-ID derives from
 * our message id, so a retried send carries the same one (receivers and our
 * own threading see one mail); In-Reply-To and References continue the
 * customer's thread, and the subject carries the case reference.
 */
export function composeEmailReply(message: OutboundMessage, thread: EmailThread | undefined, from: string): ComposedEmail {
  const references = [...(thread?.references ?? []), ...(thread?.messageId ? [thread.messageId] : [])];
  const unique = [...new Set(references)].slice(-MAX_REFERENCES);
  return {
    from,
    to: message.recipient,
    subject: replySubject(thread?.subject, message.thread?.caseReference),
    messageId: `<${message.messageId}@${domainOf(from)}>`,
    ...(thread?.messageId ? { inReplyTo: thread.messageId } : {}),
    references: unique,
    text: message.text,
    html: simpleHtml(message.text),
  };
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

/** The text as simple HTML: escaped, paragraphs on blank lines, line breaks kept. */
export function simpleHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html>\n<html><body style="font-family:sans-serif;font-size:14px;line-height:1.5">\n${paragraphs}\n</body></html>`;
}

/** The domain part of an address such as "Complaints <c@example.com>" (for our Message-IDs). */
export function domainOf(address: string): string {
  return /@([^>\s]+)>?\s*$/.exec(address)?.[1]?.toLowerCase() ?? 'localhost';
}
