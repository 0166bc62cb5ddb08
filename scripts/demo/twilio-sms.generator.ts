import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { postForm, type ChannelGenerator, type DemoMessage, type InboxTarget } from './channel-generator';

/** An inbound SMS as Twilio posts it to /webhooks/twilio/sms, with X-Twilio-Signature over the public URL and form. */
export class TwilioSmsGenerator implements ChannelGenerator {
  readonly channel = 'sms';

  constructor(
    private readonly target: InboxTarget,
    private readonly credentials: { accountSid: string; authToken: string; number: string },
  ) {}

  async send({ customer, text }: DemoMessage): Promise<void> {
    const params = {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: this.credentials.accountSid,
      MessagingServiceSid: '',
      From: customer.phone,
      To: this.credentials.number,
      Body: text,
      NumMedia: '0',
      NumSegments: '1',
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
    };
    const path = '/webhooks/twilio/sms';
    const signature = twilio.getExpectedTwilioSignature(this.credentials.authToken, `${this.target.publicUrl}${path}`, params);
    await postForm(`${this.target.url}${path}`, params, { 'x-twilio-signature': signature });
  }
}
