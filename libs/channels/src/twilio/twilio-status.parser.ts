import { InvalidInputError } from '@inbox/contracts';
import { optionalField, type TwilioParams } from './twilio-fields';

/** A delivery status callback for a message we sent or a call we placed. */
export interface TwilioStatusUpdate {
  /** MessageSid or CallSid: the `externalId` our send returned. */
  externalId: string;
  kind: 'message' | 'call';
  /** The channel of our message: a call is voice; a message from or to a `whatsapp:` address is WhatsApp, else SMS. */
  channel: 'sms' | 'voice' | 'whatsapp';
  /** As Twilio gives it, lowercased: queued, sending, sent, delivered, undelivered, failed, read, … or a call status. */
  status: string;
  /** Twilio's error code on failure, e.g. "30003" (unreachable handset). */
  errorCode?: string;
  errorMessage?: string;
}

export function parseTwilioStatusCallback(params: TwilioParams): TwilioStatusUpdate {
  const messageSid = optionalField(params, 'MessageSid') ?? optionalField(params, 'SmsSid');
  const callSid = optionalField(params, 'CallSid');
  // Message callbacks can carry a CallSid too (SMS sent from a call), so the message id wins.
  const kind = messageSid !== undefined ? 'message' : 'call';
  const externalId = messageSid ?? callSid;
  if (externalId === undefined) {
    throw new InvalidInputError('twilio_missing_sid', 'The Twilio status callback has neither MessageSid nor CallSid');
  }
  const status =
    kind === 'message'
      ? (optionalField(params, 'MessageStatus') ?? optionalField(params, 'SmsStatus'))
      : optionalField(params, 'CallStatus');
  if (status === undefined) {
    throw new InvalidInputError('twilio_missing_status', `The Twilio status callback for ${externalId} has no status`);
  }
  const whatsApp = /^whatsapp:/i.test(optionalField(params, 'From') ?? optionalField(params, 'To') ?? '');
  const channel = kind === 'call' ? 'voice' : whatsApp ? 'whatsapp' : 'sms';
  const update: TwilioStatusUpdate = { externalId, kind, channel, status: status.toLowerCase() };
  const errorCode = optionalField(params, 'ErrorCode');
  if (errorCode !== undefined) update.errorCode = errorCode;
  const errorMessage = optionalField(params, 'ErrorMessage');
  if (errorMessage !== undefined) update.errorMessage = errorMessage;
  return update;
}

// Twilio sends callbacks concurrently, so they arrive out of order. Messages and
// calls share one ladder; their words do not collide in a harmful way.
const RANK: ReadonlyMap<string, number> = new Map(
  Object.entries({
    accepted: 0,
    scheduled: 0,
    queued: 1,
    sending: 2,
    initiated: 2,
    sent: 3,
    ringing: 3,
    'in-progress': 4,
    // Terminal: once here, nothing but "read" moves the status on.
    delivered: 5,
    undelivered: 5,
    failed: 5,
    canceled: 5,
    partially_delivered: 5,
    completed: 5,
    busy: 5,
    'no-answer': 5,
    read: 6,
  }),
);

/** Position on the delivery ladder; -1 for a status we do not know (it never overrides a known one). */
export function statusRank(status: string): number {
  return RANK.get(status.toLowerCase()) ?? -1;
}

/** True when `next` should replace `current`: strictly further along, so late or repeated callbacks are ignored. */
export function isStatusAdvance(current: string | undefined | null, next: string): boolean {
  if (current === undefined || current === null) return true;
  return statusRank(next) > statusRank(current);
}
