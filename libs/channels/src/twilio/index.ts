export * from './twilio-signature';
export type { TwilioParams, TwilioParseOptions } from './twilio-fields';
export * from './twilio-sms.parser';
export * from './twilio-voice';
export * from './twilio-status.parser';
export * from './twilio-client';
