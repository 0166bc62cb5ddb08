import type { ChannelGenerator, InboxTarget } from './channel-generator';
import type { DemoOptions } from './demo-options';
import { TwilioSmsGenerator } from './twilio-sms.generator';
import { TwilioVoiceGenerator } from './twilio-voice.generator';

/**
 * Every channel the simulator can drive. Channels merged later (Telegram,
 * Meta, email) add a generator module beside these and a line here.
 */
export function channelGenerators(target: InboxTarget, options: DemoOptions): ChannelGenerator[] {
  return [new TwilioSmsGenerator(target, options.twilio), new TwilioVoiceGenerator(target, options.twilio)];
}

/** The demo settings that switch on each channel of a started inbox, with secrets the generators sign with. */
export function demoChannelSettings(options: DemoOptions, twilioApiBase: string): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: options.twilio.accountSid,
    TWILIO_AUTH_TOKEN: options.twilio.authToken,
    TWILIO_API_BASE: twilioApiBase,
    TWILIO_VOICE_REPLY: 'sms',
  };
}
