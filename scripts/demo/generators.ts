import type { ChannelGenerator, InboxTarget } from './channel-generator';
import { DEMO_TELEGRAM, type DemoOptions } from './demo-options';
import { FacebookCommentGenerator, MessengerGenerator, WhatsAppGenerator } from './meta.generator';
import { TelegramGenerator } from './telegram.generator';
import { TwilioSmsGenerator } from './twilio-sms.generator';
import { TwilioVoiceGenerator } from './twilio-voice.generator';
import { WebchatGenerator } from './webchat.generator';

/**
 * Every channel the simulator can drive. A channel that needs a secret is
 * driven only when the options have it (always for the inbox the simulator
 * starts), and `--channels` can narrow the list. Channels merged later add a
 * generator module beside these and a line here.
 */
export function channelGenerators(target: InboxTarget, options: DemoOptions): ChannelGenerator[] {
  const all: ChannelGenerator[] = [new TwilioSmsGenerator(target, options.twilio), new TwilioVoiceGenerator(target, options.twilio)];
  if (options.meta) all.push(new WhatsAppGenerator(target, options.meta), new MessengerGenerator(target, options.meta), new FacebookCommentGenerator(target, options.meta));
  if (options.telegram) all.push(new TelegramGenerator(target, options.telegram.webhookSecret));
  if (options.webchat) all.push(new WebchatGenerator(target));
  return options.channels ? all.filter((g) => options.channels!.includes(g.channel)) : all;
}

/** Where the stand-ins of the providers' APIs listen, for the inbox the simulator starts. */
export interface DemoProviderApis {
  twilioApiBase: string;
  graphApiBase: string;
  telegramApiRoot: string;
}

/** The demo settings that switch on each channel of a started inbox, with secrets the generators sign with. */
export function demoChannelSettings(options: DemoOptions, apis: DemoProviderApis): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: options.twilio.accountSid,
    TWILIO_AUTH_TOKEN: options.twilio.authToken,
    TWILIO_API_BASE: apis.twilioApiBase,
    TWILIO_VOICE_REPLY: 'sms',
    ...(options.meta
      ? { META_APP_SECRET: options.meta.appSecret, META_VERIFY_TOKEN: 'demo-meta-verify-token', META_PAGE_ACCESS_TOKEN: 'demo-meta-page-access-token', META_GRAPH_API_BASE: apis.graphApiBase }
      : {}),
    ...(options.telegram
      ? { TELEGRAM_BOT_TOKEN: DEMO_TELEGRAM.botToken, TELEGRAM_WEBHOOK_SECRET: options.telegram.webhookSecret, TELEGRAM_API_ROOT: apis.telegramApiRoot }
      : {}),
    // Every simulated visitor comes from this one address: the per-address limit is for scripts that make up visitors — like this one.
    WEBCHAT_ENABLED: 'true',
    WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS: '100000',
  };
}
