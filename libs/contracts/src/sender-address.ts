import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { PHONE_CHANNELS, type Channel } from './channels';
import { InvalidInputError } from './errors';

/**
 * One sender address, one spelling: emails lowercased and trimmed, phone
 * numbers in E.164, channel ids as given. This is what makes the same phone
 * on SMS, voice and WhatsApp one customer.
 */
export function normalizeAddress(channel: Channel, address: string, defaultRegion: string): string {
  const trimmed = address.trim();
  if (trimmed === '') throw new InvalidInputError('empty_sender', `The ${channel} sender address is empty`);
  if (channel === 'email') return trimmed.toLowerCase();
  if (PHONE_CHANNELS.includes(channel)) return normalizePhone(trimmed, defaultRegion);
  return trimmed;
}

export function normalizePhone(raw: string, defaultRegion: string): string {
  // Twilio prefixes WhatsApp senders ("whatsapp:+61…"); WhatsApp Cloud sends digits without "+".
  const cleaned = raw.replace(/^whatsapp:/i, '').trim();
  const candidate = /^\d{8,15}$/.test(cleaned) && !cleaned.startsWith('0') ? `+${cleaned}` : cleaned;
  const parsed = parsePhoneNumberFromString(candidate, defaultRegion as CountryCode);
  if (!parsed || !parsed.isPossible()) {
    throw new InvalidInputError('invalid_phone', 'The sender phone number is not a possible phone number');
  }
  return parsed.number;
}
