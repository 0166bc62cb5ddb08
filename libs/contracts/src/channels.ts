/** Channel names, everywhere (SPEC external contract). */
export const CHANNELS = [
  'email',
  'sms',
  'voice',
  'telegram',
  'messenger',
  'instagram',
  'whatsapp',
  'facebook',
  'webchat',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** Channels whose sender address is a phone number: one number is one customer across them. */
export const PHONE_CHANNELS: readonly Channel[] = ['sms', 'voice', 'whatsapp'];
