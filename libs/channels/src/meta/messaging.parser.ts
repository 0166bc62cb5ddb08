import type { AttachmentRef, InboundMessage } from '@inbox/contracts';
import { isObject, metaTimes, objectsIn, str, unsupportedMessage, type Json, type MetaWebhookBatch } from './meta-fields';

export type MessagingChannel = 'messenger' | 'instagram';

// Not customer messages: receipts, reactions, handover and login events.
const NON_MESSAGE_EVENTS = ['read', 'reaction', 'referral', 'optin', 'account_linking', 'policy_enforcement', 'pass_thread_control', 'take_thread_control', 'request_thread_control', 'app_roles'];

const CONTENT_TYPES: Record<string, string> = { image: 'image/*', video: 'video/*', audio: 'audio/*', file: 'application/octet-stream' };

/**
 * One `entry.messaging[]` event of a Messenger (`object: page`) or Instagram
 * (`object: instagram`) webhook, added to `batch`. Pure. `account` is the
 * entry id: our page (Messenger) or our Instagram professional account.
 */
export function parseMessagingEvent(channel: MessagingChannel, account: string, event: Json, now: Date, batch: MetaWebhookBatch): void {
  const senderId = isObject(event.sender) ? str(event.sender.id) : undefined;
  const times = metaTimes(event.timestamp, now);
  const message = isObject(event.message) ? event.message : undefined;

  if (isObject(event.delivery)) {
    // Messenger's delivery receipts name our messages by mid.
    for (const mid of Array.isArray(event.delivery.mids) ? event.delivery.mids : []) {
      const id = str(mid);
      if (id) batch.statuses.push({ channel, externalId: id, status: 'delivered' });
    }
    return;
  }
  if (message?.is_echo === true) return void batch.skipped.push(`${channel} echo of our own message`);
  if (message?.is_deleted === true) return void batch.skipped.push(`${channel} message unsent by the customer`);
  const nonMessage = NON_MESSAGE_EVENTS.find((key) => key in event);
  if (!message && !isObject(event.postback) && nonMessage) return void batch.skipped.push(`${channel} ${nonMessage} event`);

  if (!senderId) {
    batch.rejected.push({ reason: `${channel} event without sender.id`, raw: event });
    return;
  }
  const sender = { address: senderId };

  if (isObject(event.message_edit)) {
    // The customer edited a message: same mid, new text; the intake keeps what it said before.
    const mid = str(event.message_edit.mid);
    const text = typeof event.message_edit.text === 'string' ? event.message_edit.text : undefined;
    if (mid && text !== undefined) {
      batch.messages.push({ channel, account, externalId: mid, sender, text, thread: { visibility: 'private' }, ...times, raw: event });
      return;
    }
  }

  if (isObject(event.postback)) {
    // A tap on one of our buttons: its title is what the customer "said".
    const postback = event.postback;
    batch.messages.push({
      channel,
      account,
      externalId: str(postback.mid) ?? `postback:${senderId}:${String(event.timestamp ?? times.receivedAt)}`,
      sender,
      text: str(postback.title) ?? str(postback.payload) ?? '',
      thread: { visibility: 'private' },
      ...times,
      raw: event,
    });
    return;
  }

  const mid = message ? str(message.mid) : undefined;
  const attachments = message ? parseAttachments(message.attachments) : [];
  const text = message && typeof message.text === 'string' ? message.text : '';
  if (!message || !mid || message.is_unsupported === true || (text === '' && attachments.length === 0)) {
    const kind = message ? (message.is_unsupported === true ? 'unsupported by Meta' : 'empty') : Object.keys(event).filter((k) => !['sender', 'recipient', 'timestamp'].includes(k)).join(',') || 'unknown';
    batch.messages.push(unsupportedMessage({ channel, account, sender, kind, externalId: mid, times, visibility: 'private', raw: event }));
    return;
  }
  const inbound: InboundMessage = { channel, account, externalId: mid, sender, text, thread: { visibility: 'private' }, ...times, raw: event };
  const repliedTo = isObject(message.reply_to) ? str(message.reply_to.mid) : undefined;
  if (repliedTo) inbound.thread = { ...inbound.thread, inReplyTo: repliedTo };
  if (attachments.length > 0) inbound.attachments = attachments;
  batch.messages.push(inbound);
}

function parseAttachments(value: unknown): AttachmentRef[] {
  const out: AttachmentRef[] = [];
  for (const attachment of objectsIn(value)) {
    const type = str(attachment.type) ?? 'file';
    const payload = isObject(attachment.payload) ? attachment.payload : {};
    const url = str(payload.url);
    const ref: AttachmentRef = {};
    if (url) ref.url = url;
    const coordinates = isObject(payload.coordinates) ? payload.coordinates : undefined;
    if (!url && coordinates) ref.url = `geo:${String(coordinates.lat)},${String(coordinates.long)}`;
    const contentType = CONTENT_TYPES[type];
    if (contentType) ref.contentType = contentType;
    const title = str(payload.title) ?? str(attachment.title);
    if (title) ref.fileName = title;
    if (ref.url || ref.fileName) out.push(ref);
  }
  return out;
}
