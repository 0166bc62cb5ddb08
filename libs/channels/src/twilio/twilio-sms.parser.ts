import { InvalidInputError, type AttachmentRef, type InboundMessage } from '@inbox/contracts';
import {
  isoTime,
  optionalField,
  requiredField,
  twilioAccount,
  twilioPhone,
  type TwilioParams,
  type TwilioParseOptions,
} from './twilio-fields';

/** Twilio accepts at most 10 media items on one MMS / WhatsApp message. */
export const TWILIO_MAX_MEDIA = 10;

/**
 * Twilio's inbound SMS / MMS / WhatsApp webhook → the canonical message.
 * Pure: the caller verifies the signature first and passes its own clock,
 * because Twilio's form has no receive timestamp.
 */
export function parseTwilioSms(params: TwilioParams, receivedAt: Date, options?: TwilioParseOptions): InboundMessage {
  // SmsMessageSid is the legacy name of the same id; Twilio still sends both.
  const externalId = optionalField(params, 'MessageSid') ?? optionalField(params, 'SmsMessageSid');
  if (externalId === undefined) {
    throw new InvalidInputError('twilio_missing_messagesid', 'The Twilio message webhook has no MessageSid');
  }
  const from = requiredField(params, 'From', 'message webhook');
  const to = requiredField(params, 'To', 'message webhook');
  const isWhatsApp = /^whatsapp:/i.test(from);

  const message: InboundMessage = {
    channel: isWhatsApp ? 'whatsapp' : 'sms',
    account: twilioAccount(to, optionalField(params, 'ToCountry'), options),
    externalId,
    sender: { address: twilioPhone(from, 'From', optionalField(params, 'FromCountry'), options) },
    // Kept as sent (no trimming or normalisation): it is the customer's own words.
    text: params.Body ?? '',
    receivedAt: isoTime(receivedAt),
    raw: { ...params },
  };
  const profileName = optionalField(params, 'ProfileName');
  if (profileName !== undefined) message.sender.displayName = profileName;
  const attachments = parseMedia(params);
  if (attachments.length > 0) message.attachments = attachments;
  // WhatsApp replies name the message they answer; that threads them.
  const repliedTo = optionalField(params, 'OriginalRepliedMessageSid');
  if (repliedTo !== undefined) message.thread = { inReplyTo: repliedTo };
  return message;
}

function parseMedia(params: TwilioParams): AttachmentRef[] {
  const raw = optionalField(params, 'NumMedia') ?? '0';
  const count = /^\d{1,3}$/.test(raw) ? Number.parseInt(raw, 10) : Number.NaN;
  if (!(count >= 0 && count <= TWILIO_MAX_MEDIA)) {
    throw new InvalidInputError(
      'twilio_invalid_num_media',
      `NumMedia must be a whole number from 0 to ${TWILIO_MAX_MEDIA}, got "${raw}"`,
    );
  }
  const attachments: AttachmentRef[] = [];
  for (let i = 0; i < count; i++) {
    const url = optionalField(params, `MediaUrl${i}`);
    if (url === undefined) {
      throw new InvalidInputError('twilio_missing_media_url', `NumMedia is ${count} but MediaUrl${i} is missing`);
    }
    const attachment: AttachmentRef = { url };
    const contentType = optionalField(params, `MediaContentType${i}`);
    if (contentType !== undefined) attachment.contentType = contentType;
    // …/Messages/MM…/Media/ME…: the media SID lets the channel fetch or delete it later.
    const mediaSid = /\/Media\/(ME[0-9a-f]{32})\/?$/i.exec(url)?.[1];
    if (mediaSid !== undefined) attachment.providerFileId = mediaSid;
    attachments.push(attachment);
  }
  return attachments;
}

export type OptKeyword = 'opt-out' | 'opt-in';

// Twilio's standard keywords: Twilio itself blocks or unblocks the sender on these,
// so we only record the choice (and must not reply after an opt-out).
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);

/** The opt-out / opt-in a whole message says, or null ("stop calling me" is a complaint, not an opt-out). */
export function detectOptKeyword(body: string | undefined | null): OptKeyword | null {
  const word = (body ?? '').trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  return null;
}
