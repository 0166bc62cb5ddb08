import type { InboundMessage, Redaction, RedactionPlace } from '@inbox/contracts';
import { redactText, type TextRedaction } from './text-redactor';
import type { FirmPattern } from './firm-patterns';

const MAX_DEPTH = 20;

/**
 * The inbound message as the inbox may keep it: every place personal data of
 * these kinds can arrive — text, email subject and HTML, attachment names, the
 * sender's display name and the provider's raw payload — redacted, and what was
 * removed recorded on the message (kind, where, how often; never the value).
 */
export function redactInboundMessage(message: InboundMessage, firmPatterns: readonly FirmPattern[] = []): InboundMessage {
  const tally = new Tally();
  const text = (value: string, where: RedactionPlace): string => {
    const result = redactText(value, firmPatterns);
    tally.add(result.found, where);
    return result.text;
  };
  const out: InboundMessage = { ...message, text: text(message.text, 'text') };
  if (message.html !== undefined) out.html = text(message.html, 'html');
  if (message.sender.displayName !== undefined) out.sender = { ...message.sender, displayName: text(message.sender.displayName, 'sender_name') };
  if (message.thread?.subject !== undefined) out.thread = { ...message.thread, subject: text(message.thread.subject, 'subject') };
  if (message.attachments) {
    out.attachments = message.attachments.map((a) => (a.fileName === undefined ? a : { ...a, fileName: text(a.fileName, 'attachment_name') }));
  }
  if (message.raw !== undefined) out.raw = redactDeep(message.raw, (value) => text(value, 'provider_payload'), 0, true);
  const redactions = [...(message.redactions ?? []), ...tally.list()];
  if (redactions.length > 0) out.redactions = redactions;
  return out;
}

/** A file name as a channel stores it before publishing (email attachments): the same rules as the message. */
export function redactFileName(fileName: string | undefined, firmPatterns: readonly FirmPattern[] = []): string | undefined {
  return fileName === undefined ? undefined : redactText(fileName, firmPatterns).text;
}

/**
 * A provider's own identifiers (message, page and user ids, timestamps) are long digit strings that pass the
 * Luhn check one time in ten: they are the provider's, never the customer's words, so they are left as they are.
 */
const PROVIDER_ID_KEY = /(^|_)(id|ids|mid|sid|wamid|uuid|timestamp|time)$|[a-z](Id|Sid|Ids)$/i;

function redactDeep(value: unknown, redact: (value: string) => string, depth: number, skipIds = false): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any provider nests: kept as redacted JSON text rather than unchecked.
  if (depth >= MAX_DEPTH) return redact(JSON.stringify(value));
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, depth + 1, skipIds));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = skipIds && typeof item === 'string' && PROVIDER_ID_KEY.test(key) && /^[\w.:=+-]{1,200}$/.test(item) ? item : redactDeep(item, redact, depth + 1, skipIds);
  }
  return out;
}

class Tally {
  private readonly counts = new Map<string, Redaction>();

  add(found: TextRedaction[], where: RedactionPlace): void {
    for (const item of found) {
      const key = `${item.kind}\u0000${item.label ?? ''}\u0000${where}`;
      const entry = this.counts.get(key);
      if (entry) entry.count++;
      else this.counts.set(key, { kind: item.kind, ...(item.label ? { label: item.label } : {}), where, count: 1 });
    }
  }

  list(): Redaction[] {
    return [...this.counts.values()];
  }
}

/**
 * Any record kept outside a message (a dead letter's payload, its reason, a
 * poison mail's source): every string in it redacted by the same rules.
 */
export function redactStoredValue(value: unknown, firmPatterns: readonly FirmPattern[] = []): unknown {
  return redactDeep(value, (text) => redactText(text, firmPatterns).text, 0);
}

/** Raw bytes (an RFC 822 source) read as Latin-1 so every byte survives, then redacted the same way. */
export function redactStoredBytes(bytes: Buffer, firmPatterns: readonly FirmPattern[] = []): Buffer {
  const text = bytes.toString('latin1');
  const redacted = redactText(text, firmPatterns).text;
  return redacted === text ? bytes : Buffer.from(redacted, 'latin1');
}
