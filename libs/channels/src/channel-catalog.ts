import type { Channel } from '@inbox/contracts';
import type { AppConfig } from '@inbox/platform';

export interface ConnectedChannel {
  channel: Channel;
  /** How an agent's reply on this channel reaches the customer, shown before sending. */
  replyBy: 'sms' | 'call' | 'email';
}

/** The channels this inbox can answer on, from the settings alone (every process agrees). */
export function connectedChannels(config: AppConfig): ConnectedChannel[] {
  const channels: ConnectedChannel[] = [];
  if (config.twilio) {
    channels.push({ channel: 'sms', replyBy: 'sms' });
    channels.push({ channel: 'voice', replyBy: config.twilio.voice.reply });
  }
  if (config.email?.smtpUrl) channels.push({ channel: 'email', replyBy: 'email' });
  return channels;
}
