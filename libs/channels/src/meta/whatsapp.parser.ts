import { DomainError, normalizePhone, type AttachmentRef, type InboundMessage } from '@inbox/contracts';
import { isObject, metaTimes, objectsIn, str, unsupportedMessage, type Json, type MetaWebhookBatch } from './meta-fields';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/**
 * The value of one WhatsApp Cloud API `messages` change, added to `batch`:
 * the customers' messages and the statuses of ours. Pure. The account is our
 * phone number id (what we send from); the sender is the customer's number
 * in E.164, so WhatsApp, SMS and calls from one number are one customer.
 */
export function parseWhatsAppValue(value: Json, now: Date, batch: MetaWebhookBatch, defaultRegion: string): void {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const account = str(metadata.phone_number_id);
  const names = new Map<string, string>();
  for (const contact of objectsIn(value.contacts)) {
    const waId = str(contact.wa_id);
    const name = isObject(contact.profile) ? str(contact.profile.name) : undefined;
    if (waId && name) names.set(waId, name);
  }

  for (const status of objectsIn(value.statuses)) {
    const id = str(status.id);
    const state = str(status.status);
    if (!id || !state) {
      batch.rejected.push({ reason: 'whatsapp status without id or status', raw: status });
      continue;
    }
    const error = objectsIn(status.errors)[0];
    batch.statuses.push({ channel: 'whatsapp', externalId: id, status: state.toLowerCase(), ...(error ? { error: describeWhatsAppError(error) } : {}) });
  }

  for (const message of objectsIn(value.messages)) {
    const from = str(message.from);
    if (!account || !from) {
      batch.rejected.push({ reason: 'whatsapp message without metadata.phone_number_id or from', raw: message });
      continue;
    }
    let address: string;
    try {
      address = normalizePhone(from, defaultRegion);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      batch.rejected.push({ reason: `whatsapp sender "${from}" is not a possible phone number`, raw: message });
      continue;
    }
    const sender: InboundMessage['sender'] = { address };
    const name = names.get(from);
    if (name) sender.displayName = name;
    const type = str(message.type) ?? 'unknown';
    const times = metaTimes(message.timestamp, now);
    const raw = { message, metadata, contacts: value.contacts };
    if (type === 'reaction') {
      batch.skipped.push('whatsapp reaction');
      continue;
    }
    const content = readContent(type, message);
    const id = str(message.id);
    if (!content || !id) {
      batch.messages.push(unsupportedMessage({ channel: 'whatsapp', account, sender, kind: type, externalId: id, times, visibility: 'private', raw }));
      continue;
    }
    const inbound: InboundMessage = { channel: 'whatsapp', account, externalId: id, sender, text: content.text, thread: { visibility: 'private' }, ...times, raw };
    if (content.attachments.length > 0) inbound.attachments = content.attachments;
    const context = isObject(message.context) ? str(message.context.id) : undefined;
    if (context) inbound.thread = { ...inbound.thread, inReplyTo: context };
    batch.messages.push(inbound);
  }
}

/** Text and attachments of a message type we understand, or undefined for one we do not. */
function readContent(type: string, message: Json): { text: string; attachments: AttachmentRef[] } | undefined {
  const body = isObject(message[type]) ? (message[type] as Json) : undefined;
  if (type === 'text') {
    const text = body && typeof body.body === 'string' ? body.body : undefined;
    return text === undefined ? undefined : { text, attachments: [] };
  }
  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const mediaId = body ? str(body.id) : undefined;
    if (!body || !mediaId) return undefined;
    // The bytes stay at Meta until fetched with GET /{media-id}; the id is what we keep.
    const attachment: AttachmentRef = { providerFileId: mediaId };
    const mime = str(body.mime_type);
    if (mime) attachment.contentType = mime;
    const fileName = str(body.filename);
    if (fileName) attachment.fileName = fileName;
    return { text: typeof body.caption === 'string' ? body.caption : '', attachments: [attachment] };
  }
  if (type === 'location' && body) {
    const lat = Number(body.latitude);
    const long = Number(body.longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(long)) return undefined;
    const place = [str(body.name), str(body.address)].filter(Boolean).join(', ');
    return { text: `Location: ${place ? `${place} ` : ''}(${lat}, ${long})`, attachments: [{ url: `geo:${lat},${long}` }] };
  }
  if (type === 'interactive' && body) {
    // The customer tapped one of our reply buttons or list rows: its title is their answer.
    const reply = isObject(body.button_reply) ? body.button_reply : isObject(body.list_reply) ? body.list_reply : undefined;
    const title = reply ? str(reply.title) : undefined;
    if (!reply || !title) return undefined;
    const description = str(reply.description);
    return { text: description ? `${title} — ${description}` : title, attachments: [] };
  }
  if (type === 'button' && body) {
    // A quick-reply button of one of our templates.
    const text = str(body.text) ?? str(body.payload);
    return text === undefined ? undefined : { text, attachments: [] };
  }
  return undefined;
}

/** `WhatsApp error 131047 (Re-engagement message): …` from one entry of `errors[]`. */
export function describeWhatsAppError(error: Json): string {
  const code = str(error.code);
  const title = str(error.title);
  const details = isObject(error.error_data) ? str(error.error_data.details) : undefined;
  const message = details ?? str(error.message);
  return `WhatsApp error${code ? ` ${code}` : ''}${title ? ` (${title})` : ''}${message && message !== title ? `: ${message}` : ''}`;
}
