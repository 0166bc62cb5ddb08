import twilio from 'twilio';
import { InvalidInputError, type InboundMessage } from '@inbox/contracts';
import {
  isoTime,
  optionalCount,
  optionalField,
  requiredField,
  twilioAccount,
  twilioPhone,
  type TwilioParams,
  type TwilioParseOptions,
} from './twilio-fields';

/** A language `<Say>` accepts (Twilio's own list, so a typo fails to compile). */
export type TwilioSayLanguage = NonNullable<Parameters<twilio.twiml.VoiceResponse['say']>[0]['language']>;

export interface VoiceGreetingOptions {
  greeting: string;
  language: TwilioSayLanguage;
  /** Where Twilio POSTs the finished recording (RecordingUrl, RecordingDuration). */
  recordingStatusCallback: string;
  /** Where Twilio POSTs the transcription (TranscriptionText), minutes later. */
  transcribeCallback: string;
  maxLengthSeconds: number;
  /**
   * Where Twilio goes when the recording ends. Without it Twilio re-requests the
   * current webhook, which would greet and record the caller again: point it at
   * a handler that answers `sayTwiml(thanks, language)`.
   */
  actionUrl?: string;
  /** Said when the caller hung up on the beep or stayed silent (Twilio falls through past `<Record>`). */
  noRecordingText?: string;
}

/** The answer to an incoming call: greet, then record the complaint with transcription. */
export function voiceGreetingTwiml(options: VoiceGreetingOptions): string {
  if (!Number.isInteger(options.maxLengthSeconds) || options.maxLengthSeconds < 1) {
    throw new InvalidInputError('twilio_invalid_max_length', 'maxLengthSeconds must be a positive whole number');
  }
  const response = new twilio.twiml.VoiceResponse();
  response.say({ language: options.language }, options.greeting);
  response.record({
    ...(options.actionUrl !== undefined ? { action: options.actionUrl, method: 'POST' } : {}),
    transcribe: true,
    transcribeCallback: options.transcribeCallback,
    recordingStatusCallback: options.recordingStatusCallback,
    recordingStatusCallbackMethod: 'POST',
    maxLength: options.maxLengthSeconds,
    playBeep: true,
  });
  if (options.noRecordingText !== undefined) response.say({ language: options.language }, options.noRecordingText);
  response.hangup();
  return response.toString();
}

/** Read a text to the callee, then hang up: an outbound call carrying our answer. */
export function sayTwiml(text: string, language: TwilioSayLanguage): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say({ language }, text);
  response.hangup();
  return response.toString();
}

/**
 * Acknowledge a messaging webhook without an automatic reply (replies go through
 * the case). Spelled out because MessagingResponse renders `<Response/>`.
 */
export function emptyMessagingTwiml(): string {
  return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
}

// Twilio shows a withheld caller ID as a word or as one of these placeholder numbers
// (they spell ANONYMOUS, RESTRICTED, UNAVAILABLE, BLOCKED on a keypad).
const WITHHELD_CALLER = /^(anonymous|restricted|unknown|unavailable|private|blocked|\+266696687|\+7378742833|\+86282452253|\+8656696687|\+2562533)$/i;

/**
 * Twilio's incoming call webhook → the canonical message. The text is empty:
 * the complaint is the recording, whose transcription arrives later on its own
 * callback and is attached to this message by CallSid.
 */
export function parseTwilioVoiceCall(params: TwilioParams, receivedAt: Date, options?: TwilioParseOptions): InboundMessage {
  const callSid = requiredField(params, 'CallSid', 'voice webhook');
  const from = requiredField(params, 'From', 'voice webhook');
  const to = requiredField(params, 'To', 'voice webhook');
  if (WITHHELD_CALLER.test(from)) {
    // No number, no customer identity to attach the case to; the caller can still be asked to leave a number.
    throw new InvalidInputError('twilio_caller_withheld', 'The caller withheld their number');
  }
  const message: InboundMessage = {
    channel: 'voice',
    account: twilioAccount(to, optionalField(params, 'ToCountry'), options),
    externalId: callSid,
    sender: { address: twilioPhone(from, 'From', optionalField(params, 'FromCountry'), options) },
    text: '',
    receivedAt: isoTime(receivedAt),
    raw: { ...params },
  };
  const callerName = optionalField(params, 'CallerName');
  if (callerName !== undefined) message.sender.displayName = callerName;
  return message;
}

/** What a recording or transcription callback says about a call. */
export interface TwilioRecordingUpdate {
  callSid: string;
  recordingSid?: string;
  recordingUrl?: string;
  durationSeconds?: number;
  transcriptionText?: string;
  /** RecordingStatus (in-progress, completed, absent, failed) or TranscriptionStatus (completed, failed), lowercased. */
  status: string;
}

/** `recordingStatusCallback` (or the `<Record action>` request): the recording is ready, failed or absent. */
export function parseRecordingCallback(params: TwilioParams): TwilioRecordingUpdate {
  const update: TwilioRecordingUpdate = {
    callSid: requiredField(params, 'CallSid', 'recording callback'),
    // The <Record action> request carries no RecordingStatus; a URL there means it completed.
    status: (optionalField(params, 'RecordingStatus') ?? (optionalField(params, 'RecordingUrl') ? 'completed' : 'absent')).toLowerCase(),
  };
  assign(update, 'recordingSid', optionalField(params, 'RecordingSid'));
  assign(update, 'recordingUrl', optionalField(params, 'RecordingUrl'));
  assign(update, 'durationSeconds', optionalCount(params, 'RecordingDuration'));
  return update;
}

/** `transcribeCallback`: the recording's text, or a failed transcription. */
export function parseTranscriptionCallback(params: TwilioParams): TwilioRecordingUpdate {
  const update: TwilioRecordingUpdate = {
    callSid: requiredField(params, 'CallSid', 'transcription callback'),
    status: requiredField(params, 'TranscriptionStatus', 'transcription callback').toLowerCase(),
  };
  assign(update, 'recordingSid', optionalField(params, 'RecordingSid'));
  assign(update, 'recordingUrl', optionalField(params, 'RecordingUrl'));
  assign(update, 'transcriptionText', optionalField(params, 'TranscriptionText'));
  return update;
}

function assign<K extends keyof TwilioRecordingUpdate>(
  target: TwilioRecordingUpdate,
  key: K,
  value: TwilioRecordingUpdate[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
