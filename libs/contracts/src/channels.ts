/** Channel names, everywhere (a public contract: the API and socket events of docs/workspace.md). */
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

/**
 * Channels whose sender address is a platform's id (a Telegram user id, a
 * page-scoped id, a web chat visitor token): meaningless to people, so never
 * shown as who the customer is.
 */
export const OPAQUE_ADDRESS_CHANNELS: readonly Channel[] = ['telegram', 'messenger', 'instagram', 'facebook', 'webchat'];

/**
 * The service a message came in or goes out through. One channel can have
 * several (WhatsApp through Meta's Cloud API or through Twilio), and a
 * conversation is answered through the one it came in by.
 */
export const CHANNEL_PROVIDERS = ['twilio', 'meta', 'telegram', 'webchat', 'email'] as const;

export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];
