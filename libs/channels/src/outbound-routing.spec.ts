import type { Channel, ChannelProvider } from '@inbox/contracts';
import type { ChannelSender } from './channel-sender';
import { chooseSender } from './outbound-routing';

const sender = (provider: ChannelProvider, channels: Channel[]): ChannelSender => ({
  provider,
  channels,
  send: async () => ({ externalId: `${provider}-1`, status: 'sent' }),
});
const twilio = sender('twilio', ['sms', 'voice', 'whatsapp']);
const meta = sender('meta', ['messenger', 'instagram', 'whatsapp', 'facebook']);

describe('chooseSender', () => {
  it('answers a conversation through the provider it came in by', () => {
    expect(chooseSender([twilio, meta], { channel: 'whatsapp', provider: 'twilio' })).toEqual({ sender: twilio });
    expect(chooseSender([twilio, meta], { channel: 'whatsapp', provider: 'meta' })).toEqual({ sender: meta });
  });

  it('sends a conversation from before providers were recorded as before: WhatsApp through Meta', () => {
    expect(chooseSender([twilio, meta], { channel: 'whatsapp' })).toEqual({ sender: meta });
    expect(chooseSender([twilio], { channel: 'whatsapp' })).toEqual({ sender: twilio });
    expect(chooseSender([twilio, meta], { channel: 'sms' })).toEqual({ sender: twilio });
  });

  it('refuses, with the reason, a channel that is off or a provider that is not connected', () => {
    expect(chooseSender([meta], { channel: 'sms', provider: 'twilio' })).toEqual({ refused: 'The sms channel is not connected on this inbox' });
    expect(chooseSender([meta], { channel: 'whatsapp', provider: 'twilio' })).toEqual({
      refused: 'Not sent: this whatsapp conversation came in through Twilio, which is not connected on this inbox',
    });
  });
});
