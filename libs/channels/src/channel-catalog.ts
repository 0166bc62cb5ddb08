import type { Channel, Visibility } from '@inbox/contracts';
import type { AppConfig } from '@inbox/platform';

export interface ConnectedChannel {
  channel: Channel;
  /** How an agent's reply on this channel reaches the customer, shown before sending. */
  replyBy: 'sms' | 'call' | 'message' | 'comment' | 'email';
  /** Where the agent may choose a public (comment) or private (direct message) answer. */
  visibilities?: Visibility[];
  /** A pre-approved template the agent can send when free text is not allowed (WhatsApp's 24-hour window). */
  template?: string;
}

/** The channels this inbox can answer on, from the settings alone (every process agrees). */
export function connectedChannels(config: AppConfig): ConnectedChannel[] {
  const channels: ConnectedChannel[] = [];
  if (config.twilio) {
    channels.push({ channel: 'sms', replyBy: 'sms' });
    channels.push({ channel: 'voice', replyBy: config.twilio.voice.reply });
  }
  if (config.telegram) channels.push({ channel: 'telegram', replyBy: 'message' });
  if (config.webchat) channels.push({ channel: 'webchat', replyBy: 'message' });
  if (config.meta) {
    channels.push({ channel: 'messenger', replyBy: 'message' });
    channels.push({ channel: 'instagram', replyBy: 'message', visibilities: ['public', 'private'] });
    const template = config.meta.whatsapp.reengageTemplate?.name;
    channels.push({ channel: 'whatsapp', replyBy: 'message', ...(template ? { template } : {}) });
    channels.push({ channel: 'facebook', replyBy: 'comment', visibilities: ['public', 'private'] });
  }
  if (config.email?.smtpUrl) channels.push({ channel: 'email', replyBy: 'email' });
  return channels;
}
