import { InvalidInputError, type AttachmentRef, type InboundMessage } from '@inbox/contracts';

/** What one Bot API update means for the inbox. */
export type TelegramUpdateOutcome =
  /** A customer's message (new or edited), or an update of a kind we do not handle, kept as "unsupported". */
  | { kind: 'message'; message: InboundMessage }
  /** `/start`: the customer opened the bot; answered with the greeting, never a case. */
  | { kind: 'start'; chatId: number; replyToMessageId: number }
  /** An update nobody sent (a poll's state, a channel post): kept for admins as a dead letter with this reason. */
  | { kind: 'senderless'; updateType: string; reason: string };

export interface TelegramParseOptions {
  /** Our bot's id (the number before the colon in the token): the account the message came to. */
  botId: string;
  /** When the update reached us (webhook or long poll): the message's receipt time, where RG 271 clocks start. */
  receivedAt: Date;
}

/** Telegram's user as it appears in `from`. */
interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

interface TelegramFile {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
  duration?: number;
}

type TelegramMessage = Record<string, unknown> & {
  message_id: number;
  date: number;
  chat: { id: number };
  from?: TelegramUser;
  text?: string;
  caption?: string;
  reply_to_message?: { message_id: number };
};

/** File-bearing message fields and the content type Telegram implies when it names none. */
const FILE_FIELDS: ReadonlyArray<{ field: string; contentType?: string }> = [
  { field: 'document' },
  { field: 'voice', contentType: 'audio/ogg' },
  { field: 'audio', contentType: 'audio/mpeg' },
  { field: 'video', contentType: 'video/mp4' },
  { field: 'video_note', contentType: 'video/mp4' },
  { field: 'animation', contentType: 'video/mp4' },
  { field: 'sticker', contentType: 'image/webp' },
];

/** Message fields that are not content (the rest of a message names what kind it is). */
const ENVELOPE_FIELDS = new Set([
  'message_id', 'message_thread_id', 'from', 'sender_chat', 'sender_boost_count', 'sender_business_bot', 'date', 'business_connection_id',
  'chat', 'forward_origin', 'is_topic_message', 'is_automatic_forward', 'reply_to_message', 'external_reply', 'quote', 'reply_to_story',
  'via_bot', 'edit_date', 'has_protected_content', 'is_from_offline', 'media_group_id', 'author_signature', 'entities', 'caption_entities',
  'link_preview_options', 'effect_id', 'show_caption_above_media', 'has_media_spoiler', 'reply_markup', 'text', 'caption',
]);

const MESSAGE_UPDATES = ['message', 'edited_message', 'business_message', 'edited_business_message'] as const;

/**
 * One Bot API update → what the inbox does with it. Pure. Messages keep
 * their chat and message id as identity (`<chat>:<message>`), so an edit is
 * the same message with new text and a redelivered update is a duplicate.
 * Nothing is dropped: an update we do not understand but someone sent becomes
 * an "unsupported" message with the raw payload; one nobody sent is reported
 * as senderless for the dead-letter place.
 */
export function parseTelegramUpdate(raw: unknown, options: TelegramParseOptions): TelegramUpdateOutcome {
  if (!isObject(raw) || !Number.isSafeInteger(raw.update_id)) {
    throw new InvalidInputError('telegram_invalid_update', 'A Telegram update is a JSON object with an integer update_id');
  }
  const update = raw as Record<string, unknown> & { update_id: number };
  const updateType = Object.keys(update).find((k) => k !== 'update_id') ?? 'empty';
  const body = update[updateType];

  if ((MESSAGE_UPDATES as readonly string[]).includes(updateType) && isMessage(body) && body.from && !body.from.is_bot) {
    const edited = updateType.startsWith('edited_');
    if (!edited && isStartCommand(body.text)) return { kind: 'start', chatId: body.chat.id, replyToMessageId: body.message_id };
    return { kind: 'message', message: fromMessage(update, body, body.from, options) };
  }

  const from = isObject(body) && isUser(body.from) ? body.from : undefined;
  if (!from || from.is_bot) {
    return { kind: 'senderless', updateType, reason: `Telegram update of type "${updateType}" has no customer as sender; kept unprocessed` };
  }
  return {
    kind: 'message',
    message: {
      channel: 'telegram',
      account: options.botId,
      externalId: `update:${update.update_id}`,
      sender: sender(from),
      text: `[Unsupported Telegram update: ${updateType}]`,
      ...times(dateOf(body), options.receivedAt),
      raw: update,
    },
  };
}

function fromMessage(update: object, message: TelegramMessage, from: TelegramUser, options: TelegramParseOptions): InboundMessage {
  const attachments = attachmentsOf(message);
  // Only strings are text: a payload with `"text": null` (or a number) is still a message, just without text.
  const said = typeof message.text === 'string' ? message.text : typeof message.caption === 'string' ? message.caption : '';
  const kind = contentKind(message);
  const understood = said !== '' || attachments.length > 0;
  return {
    channel: 'telegram',
    account: options.botId,
    externalId: `${message.chat.id}:${message.message_id}`,
    sender: sender(from),
    text: understood ? said : `[Unsupported Telegram message: ${kind}]`,
    attachments,
    thread: message.reply_to_message ? { inReplyTo: `${message.chat.id}:${message.reply_to_message.message_id}` } : undefined,
    ...times(message.date, options.receivedAt),
    raw: update,
  };
}

/** Received when it reached us; sent when Telegram's `date` (Unix seconds) says, unless that is no time at all (NaN, beyond year 275760). */
function times(dateSeconds: number | undefined, receivedAt: Date): Pick<InboundMessage, 'receivedAt' | 'sentAt'> {
  const sent = dateSeconds === undefined ? undefined : new Date(dateSeconds * 1000);
  return sent && !Number.isNaN(sent.getTime()) ? { receivedAt: receivedAt.toISOString(), sentAt: sent.toISOString() } : { receivedAt: receivedAt.toISOString() };
}

function attachmentsOf(message: TelegramMessage): AttachmentRef[] {
  const attachments: AttachmentRef[] = [];
  // A photo comes in several sizes, smallest first: keep the largest.
  const photo = Array.isArray(message.photo) ? (message.photo as unknown[]).filter(isFile).at(-1) : undefined;
  if (photo) attachments.push(compact({ providerFileId: photo.file_id, contentType: 'image/jpeg', sizeBytes: photo.file_size }));
  for (const { field, contentType } of FILE_FIELDS) {
    const file = message[field];
    if (!isFile(file)) continue;
    attachments.push(
      compact({
        providerFileId: file.file_id,
        contentType: file.mime_type ?? contentType ?? 'application/octet-stream',
        fileName: file.file_name,
        sizeBytes: file.file_size,
        durationSeconds: file.duration,
      }),
    );
  }
  return attachments;
}

/** `/start`, `/start@our_bot` or `/start <deep-link payload>`. */
function isStartCommand(text: unknown): boolean {
  return typeof text === 'string' && /^\/start(@\w+)?(\s|$)/.test(text.trim());
}

function contentKind(message: TelegramMessage): string {
  return Object.keys(message).find((k) => !ENVELOPE_FIELDS.has(k)) ?? 'empty';
}

function sender(user: TelegramUser): InboundMessage['sender'] {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username;
  return name ? { address: String(user.id), displayName: name.slice(0, 200) } : { address: String(user.id) };
}

function dateOf(body: unknown): number | undefined {
  return isObject(body) && typeof body.date === 'number' ? body.date : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUser(value: unknown): value is TelegramUser {
  return isObject(value) && Number.isSafeInteger(value.id);
}

function isFile(value: unknown): value is TelegramFile {
  return isObject(value) && typeof value.file_id === 'string' && value.file_id !== '';
}

function isMessage(value: unknown): value is TelegramMessage {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.message_id) &&
    typeof value.date === 'number' &&
    isObject(value.chat) &&
    Number.isSafeInteger(value.chat.id) &&
    (value.from === undefined || isUser(value.from))
  );
}
