import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { OPAQUE_ADDRESS_CHANNELS, PHONE_CHANNELS, type Channel } from '@inbox/contracts';

/** What to call a customer without a name on a channel that gives only a platform's id (never the id itself). */
const OPAQUE_ID_LABELS: Partial<Record<Channel, string>> = {
  telegram: 'Telegram user',
  messenger: 'Messenger user',
  instagram: 'Instagram user',
  facebook: 'Facebook user',
  webchat: 'Web chat visitor',
};

/**
 * How people see a customer who has no name: by an address they would
 * recognise — an email as it is, a phone number in its country's national
 * format ("0412 345 678") — and by the channel where all we hold is a
 * platform's id (a web chat visitor token, a page-scoped id). Handles
 * (Instagram's @kim) arrive as the sender's name and are shown as names.
 */
export function identityLabel(identity: { channel: Channel; address: string }): string {
  const { channel, address } = identity;
  if (PHONE_CHANNELS.includes(channel)) return parsePhoneNumberFromString(address)?.formatNational() ?? address;
  return OPAQUE_ADDRESS_CHANNELS.includes(channel) ? OPAQUE_ID_LABELS[channel] ?? 'Customer' : address;
}
