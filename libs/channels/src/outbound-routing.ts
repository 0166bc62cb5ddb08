import type { Channel, ChannelProvider, OutboundMessage } from '@inbox/contracts';
import type { ChannelSender } from './channel-sender';

/** Before providers were recorded on messages, a WhatsApp conversation was always answered through Meta. */
const PROVIDER_WHEN_UNRECORDED: Partial<Record<Channel, ChannelProvider>> = { whatsapp: 'meta' };

const PROVIDER_NAMES: Record<ChannelProvider, string> = { twilio: 'Twilio', meta: 'Meta', telegram: 'Telegram', webchat: 'the web chat', email: 'email' };

export type SenderChoice = { sender: ChannelSender } | { refused: string };

/**
 * The sender of a reply: the one for the provider the conversation came in
 * through (a WhatsApp conversation that came through Twilio is answered
 * through Twilio, one that came through Meta through Meta), among those
 * that send on its channel. The account travels on the message itself.
 */
export function chooseSender(senders: readonly ChannelSender[], message: Pick<OutboundMessage, 'channel' | 'provider'>): SenderChoice {
  const onChannel = senders.filter((s) => s.channels.includes(message.channel));
  if (onChannel.length === 0) return { refused: `The ${message.channel} channel is not connected on this inbox` };
  const provider = message.provider ?? PROVIDER_WHEN_UNRECORDED[message.channel];
  if (!provider) return { sender: onChannel[0] };
  const sender = onChannel.find((s) => s.provider === provider);
  if (sender) return { sender };
  if (!message.provider) return { sender: onChannel[0] };
  return { refused: `Not sent: this ${message.channel} conversation came in through ${PROVIDER_NAMES[provider]}, which is not connected on this inbox` };
}
