import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { MailParser, type AddressObject, type AttachmentStream, type Headers, type MessageText } from 'mailparser';
import { htmlToPlainText } from './html-text';

/** One attachment as read: its bytes when within the limit, otherwise only what it was and why it was not kept. */
export interface ReadAttachment {
  fileName?: string;
  contentType: string;
  sizeBytes: number;
  /** Shown inside the HTML (a logo, a signature image) rather than attached by the customer. */
  inline: boolean;
  /** The Content-ID the HTML refers to it by (`cid:…`), without angle brackets. */
  contentId?: string;
  content?: Buffer;
  refusedReason?: string;
}

/** An email read from its source: the facts the channel needs, none of mailparser's types. */
export interface ReadEmail {
  headers: Headers;
  from?: { address: string; name?: string };
  to: string[];
  /** Everyone the sender copied (Cc:). */
  cc: string[];
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  date?: Date;
  /** The plain text part, or the HTML converted to text when there is none (mailparser's, else html-to-text's on its start). */
  text: string;
  /** The HTML part as written (unsafe: sanitise before showing it), when there is one. */
  html?: string;
  /** The header block's lines as received (folded lines joined), newest first, e.g. for Authentication-Results. */
  headerLines: string[];
  attachments: ReadAttachment[];
  /** The start of the source as bytes arrived (delivery reports are scanned here). */
  sourcePrefix: string;
  /** A stable digest of the header block, for mail without a Message-ID. */
  headerDigest: string;
  sizeBytes: number;
}

const SOURCE_PREFIX_BYTES = 256 * 1024;
const MAX_HTML_BYTES = 2 * 1024 * 1024;
const MAX_HEADER_LINES = 500;

/**
 * Streams an email through mailparser. Attachments are buffered only up to
 * `maxAttachmentBytes` each; a larger one is drained and reported with the
 * reason, so a huge mail never sits whole in memory.
 */
export async function readEmail(source: Readable | Buffer | string, limits: { maxAttachmentBytes: number }): Promise<ReadEmail> {
  const input = typeof source === 'string' || Buffer.isBuffer(source) ? Readable.from([Buffer.from(source)]) : source;
  const parser = new MailParser({ keepDeliveryStatus: true, skipTextToHtml: true, skipImageLinks: true });
  const prefix: Buffer[] = [];
  let prefixBytes = 0;
  let sizeBytes = 0;
  let headers: Headers = new Map();
  let headerDigest = '';
  let headerLines: string[] = [];
  let text = '';
  let html = '';
  const attachments: ReadAttachment[] = [];
  const pending: Array<Promise<void>> = [];

  parser.on('headers', (h: Headers) => (headers = h));
  parser.on('headerLines', (lines: Array<{ key: string; line: string }>) => {
    headerDigest = createHash('sha256').update(lines.map((l) => l.line).join('\n')).digest('hex').slice(0, 32);
    headerLines = lines.slice(0, MAX_HEADER_LINES).map((l) => l.line);
  });
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') {
      text = data.text ?? '';
      if (typeof data.html === 'string') html = data.html;
      return;
    }
    pending.push(readAttachment(data, limits.maxAttachmentBytes).then((a) => void attachments.push(a)));
  });

  await new Promise<void>((resolve, reject) => {
    parser.once('end', () => resolve());
    parser.once('error', reject);
    input.once('error', reject);
    input.on('data', (chunk: Buffer) => {
      sizeBytes += chunk.length;
      if (prefixBytes < SOURCE_PREFIX_BYTES) {
        prefix.push(chunk.subarray(0, SOURCE_PREFIX_BYTES - prefixBytes));
        prefixBytes += Math.min(chunk.length, SOURCE_PREFIX_BYTES - prefixBytes);
      }
    });
    input.pipe(parser);
  });
  await Promise.all(pending);

  const from = firstAddress(headers.get('from') as AddressObject | undefined);
  return {
    headers,
    from,
    to: addresses(headers.get('to') as AddressObject | AddressObject[] | undefined),
    cc: addresses(headers.get('cc') as AddressObject | AddressObject[] | undefined),
    subject: typeof headers.get('subject') === 'string' ? (headers.get('subject') as string) : undefined,
    messageId: stringHeader(headers.get('message-id')),
    inReplyTo: referenceList(headers.get('in-reply-to'))[0],
    references: referenceList(headers.get('references')),
    date: headers.get('date') instanceof Date ? (headers.get('date') as Date) : undefined,
    text: text || (html ? htmlToPlainText(html) : ''),
    ...(html ? { html: html.length > MAX_HTML_BYTES ? html.slice(0, MAX_HTML_BYTES) : html } : {}),
    headerLines,
    attachments,
    sourcePrefix: Buffer.concat(prefix).toString('latin1'),
    headerDigest,
    sizeBytes,
  };
}

async function readAttachment(data: AttachmentStream, maxBytes: number): Promise<ReadAttachment> {
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    data.content.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0; // over the limit: keep draining, keep nothing
    });
    data.content.once('end', () => resolve());
    data.content.once('error', reject);
  });
  data.release?.();
  const attachment: ReadAttachment = {
    fileName: data.filename,
    contentType: data.contentType || 'application/octet-stream',
    sizeBytes: size,
    inline: data.contentDisposition === 'inline' || Boolean(data.related),
  };
  const cid = data.cid ?? data.contentId?.replace(/^<|>$/g, '');
  if (cid) attachment.contentId = cid.slice(0, 250);
  if (size <= maxBytes) attachment.content = Buffer.concat(chunks);
  else attachment.refusedReason = `Not kept: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit for email attachments`;
  return attachment;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function firstAddress(value: AddressObject | undefined): { address: string; name?: string } | undefined {
  const first = value?.value?.find((a) => a.address);
  if (!first?.address) return undefined;
  return first.name ? { address: first.address, name: first.name } : { address: first.address };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((v) => v.value.map((a) => a.address).filter((a): a is string => Boolean(a)));
}

function stringHeader(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Message-IDs in a References / In-Reply-To value, in order, each as <id@host>. */
function referenceList(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  return list.flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);
}
