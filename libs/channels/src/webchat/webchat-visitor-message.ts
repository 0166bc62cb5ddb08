import { isEmail } from 'class-validator';
import { InvalidInputError, normalizePhone, type ClaimedContact, type InboundMessage } from '@inbox/contracts';

/** Our account on the webchat channel: the site's chat (one per inbox). */
export const WEBCHAT_ACCOUNT = 'webchat';

export interface VisitorContact {
  name?: string;
  contacts: ClaimedContact[];
}

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What a visitor emits as `message` `{ text, clientId? }` → the canonical
 * message. Pure. The message's identity is the visitor plus the widget's
 * own id for it, so a message re-sent after a reconnect is stored once, and
 * no visitor can name (and so overwrite) another visitor's message.
 */
export function parseVisitorMessage(
  payload: unknown,
  visitor: { id: string; contact?: VisitorContact },
  options: { maxLength: number; now: Date; newId: () => string; meta?: Record<string, unknown> },
): InboundMessage {
  if (typeof payload !== 'object' || payload === null) throw new InvalidInputError('webchat_invalid_message', 'A message is an object: { text }');
  const { text, clientId } = payload as { text?: unknown; clientId?: unknown };
  if (typeof text !== 'string' || text.trim() === '') throw new InvalidInputError('webchat_empty_message', 'The message is empty');
  if (text.length > options.maxLength) {
    throw new InvalidInputError('webchat_message_too_long', `A message may have at most ${options.maxLength} characters`);
  }
  if (clientId !== undefined && (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))) {
    throw new InvalidInputError('webchat_invalid_client_id', 'clientId must be 1-64 letters, digits, _ or -');
  }
  const contact = visitor.contact;
  return {
    channel: 'webchat',
    account: WEBCHAT_ACCOUNT,
    externalId: `${visitor.id}:${clientId ?? options.newId()}`,
    sender: { address: visitor.id, ...(contact?.name ? { displayName: contact.name } : {}) },
    text: text.trim(),
    receivedAt: options.now.toISOString(),
    ...(contact?.contacts.length ? { contacts: contact.contacts } : {}),
    raw: { clientId: clientId ?? null, ...options.meta },
  };
}

/** What a visitor emits as `identify` `{ name?, email?, phone? }` → who they say they are. Pure. */
export function parseVisitorContact(payload: unknown, defaultPhoneRegion: string): VisitorContact {
  if (typeof payload !== 'object' || payload === null) throw new InvalidInputError('webchat_invalid_contact', 'Give { email } or { phone }');
  const { name, email, phone } = payload as { name?: unknown; email?: unknown; phone?: unknown };
  const contacts: ClaimedContact[] = [];
  if (email !== undefined && email !== '') {
    if (typeof email !== 'string' || email.length > 254 || !isEmail(email.trim())) {
      throw new InvalidInputError('webchat_invalid_email', 'That does not look like an email address');
    }
    contacts.push({ channel: 'email', address: email.trim().toLowerCase() });
  }
  if (phone !== undefined && phone !== '') {
    if (typeof phone !== 'string' || phone.length > 32) throw new InvalidInputError('webchat_invalid_phone', 'That does not look like a phone number');
    contacts.push({ channel: 'sms', address: normalizePhone(phone, defaultPhoneRegion) });
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > 100)) {
    throw new InvalidInputError('webchat_invalid_name', 'A name has at most 100 characters');
  }
  const trimmedName = typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
  if (contacts.length === 0 && !trimmedName) throw new InvalidInputError('webchat_invalid_contact', 'Give an email address or a phone number');
  return { ...(trimmedName ? { name: trimmedName } : {}), contacts };
}
