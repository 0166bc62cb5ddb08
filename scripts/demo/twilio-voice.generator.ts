import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { postForm, type ChannelGenerator, type DemoMessage, type InboxTarget } from './channel-generator';

/**
 * A phone call as Twilio drives it: the ringing call to /webhooks/twilio/voice
 * (answered with TwiML that records and transcribes), then the transcription
 * callback to the URL that TwiML named — each signed as Twilio signs them.
 */
export class TwilioVoiceGenerator implements ChannelGenerator {
  readonly channel = 'voice';

  constructor(
    private readonly target: InboxTarget,
    private readonly credentials: { accountSid: string; authToken: string; number: string },
  ) {}

  async send({ customer, text }: DemoMessage): Promise<void> {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const call = { CallSid: callSid, AccountSid: this.credentials.accountSid, From: customer.phone, To: this.credentials.number, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01' };
    const twiml = await this.post(`${this.target.publicUrl}/webhooks/twilio/voice`, call);
    const transcribeCallback = /transcribeCallback="([^"]+)"/.exec(twiml)?.[1]?.replace(/&amp;/g, '&');
    if (!transcribeCallback) throw new Error('the voice webhook answered without a transcription callback');
    await this.post(transcribeCallback, {
      CallSid: callSid,
      AccountSid: this.credentials.accountSid,
      RecordingSid: `RE${randomBytes(16).toString('hex')}`,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${this.credentials.accountSid}/Recordings/demo`,
      TranscriptionSid: `TR${randomBytes(16).toString('hex')}`,
      TranscriptionStatus: 'completed',
      TranscriptionText: text,
    });
  }

  /** Signs over the public URL (with its query), posts to the same path on the inbox's own address. */
  private post(publicUrl: string, params: Record<string, string>): Promise<string> {
    const signature = twilio.getExpectedTwilioSignature(this.credentials.authToken, publicUrl, params);
    const local = new URL(publicUrl);
    return postForm(`${this.target.url}${local.pathname}${local.search}`, params, { 'x-twilio-signature': signature });
  }
}
