import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import type { ChannelSender, SendResult } from '../channel-sender';
import type { SmsOptOuts } from './sms-opt-outs';
import { TwilioSender } from './twilio-client';
import { sayTwiml, type TwilioSayLanguage } from './twilio-voice';

/**
 * Replies on SMS, voice and WhatsApp conversations that came in through
 * Twilio. A voice case is answered by a call that reads the answer out, or by
 * SMS to the caller's number when configured. SMS to someone who replied STOP
 * is refused with the reason. WhatsApp goes from and to `whatsapp:` addresses,
 * as Twilio names them.
 */
export class TwilioOutboundSender implements ChannelSender {
  readonly provider = 'twilio';
  readonly channels = ['sms', 'voice', 'whatsapp'] as const;

  constructor(
    private readonly twilio: TwilioSender,
    private readonly optOuts: SmsOptOuts,
    private readonly voice: { language: string; reply: 'call' | 'sms' },
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel === 'voice' && this.voice.reply === 'call') {
      return this.twilio.placeCall({
        from: message.account,
        to: message.recipient,
        twiml: sayTwiml(message.text, this.voice.language as TwilioSayLanguage),
      });
    }
    if (message.channel === 'whatsapp') {
      return this.twilio.sendSms({ from: `whatsapp:${message.account}`, to: `whatsapp:${message.recipient}`, body: message.text });
    }
    const optedOut = await this.optOuts.optedOut(message.recipient);
    if (optedOut) {
      throw new InvalidInputError(
        'sms_opted_out',
        `Not sent: the customer texted ${optedOut.keyword} on ${optedOut.at.toISOString().slice(0, 10)}, so SMS stays off until they text START`,
      );
    }
    return this.twilio.sendSms({ from: message.account, to: message.recipient, body: message.text });
  }
}
