import type { Bus } from '@inbox/bus';
import { InvalidInputError, type InboundMessage } from '@inbox/contracts';
import { InboundPublisher, inboundKey } from './inbound-publisher';

const PRIVACY = { defaultPhoneRegion: 'AU', privacy: { redactPatterns: [], retention: { noiseDays: 1, enquiryMonths: 1, complaintYears: 1, attachmentMonths: 1, logDays: 1 }, runHour: 2, checkIntervalMs: 1 } };
const message = (channel: InboundMessage['channel'], address: string, text = 'hello'): InboundMessage => ({
  channel,
  account: 'ours',
  externalId: `${channel}-${address}-${text}`,
  sender: { address },
  text,
  receivedAt: '2026-01-01T00:00:00.000Z',
});

function publisherOn(fail?: () => Error) {
  const published: Array<{ key: string; value: InboundMessage }> = [];
  const bus = {
    publish: async (_topic: string, key: string, value: InboundMessage) => {
      if (fail) throw fail();
      published.push({ key, value });
    },
    publishMany: async (_topic: string, records: Array<{ key: string; value: InboundMessage }>) => {
      if (fail) throw fail();
      published.push(...records);
    },
  } as unknown as Bus;
  return { publisher: new InboundPublisher(bus, PRIVACY, 'twilio'), published };
}

describe('InboundPublisher', () => {
  it('keys by sender: one key per email sender whatever the capitals, one per phone number on every phone channel, others exact', () => {
    expect(inboundKey(message('email', 'Ann@Example.COM'), 'AU')).toBe('email:ann@example.com');
    expect(inboundKey(message('sms', '+61412000001'), 'AU')).toBe('phone:+61412000001');
    expect(inboundKey(message('whatsapp', 'whatsapp:+61412000001'), 'AU')).toBe('phone:+61412000001');
    expect(inboundKey(message('whatsapp', '61412000001'), 'AU')).toBe('phone:+61412000001');
    expect(inboundKey(message('voice', '0412 000 001'), 'AU')).toBe('phone:+61412000001');
    expect(inboundKey(message('sms', 'not a number'), 'AU')).toBe('sms:not a number');
    expect(inboundKey(message('webchat', 'v_AbC'), 'AU')).toBe('webchat:v_AbC');
    expect(inboundKey(message('telegram', '12345'), 'AU')).toBe('telegram:12345');
  });

  it('stamps what it publishes with its provider, one by one and in batches', async () => {
    const { publisher, published } = publisherOn();
    await publisher.publish(message('whatsapp', '+61412000001'));
    await publisher.publishMany([message('sms', '+61412000002'), message('sms', '+61412000002', 'again')]);
    expect(published.map((p) => [p.key, p.value.provider])).toEqual([
      ['phone:+61412000001', 'twilio'],
      ['phone:+61412000002', 'twilio'],
      ['phone:+61412000002', 'twilio'],
    ]);
  });

  it('answers not_durable when the bus cannot take it, and passes a refusal of the message itself', async () => {
    await expect(publisherOn(() => new Error('connection reset')).publisher.publish(message('sms', '+1'))).rejects.toMatchObject({ code: 'not_durable' });
    await expect(publisherOn(() => new Error('connection reset')).publisher.publishMany([message('sms', '+1')])).rejects.toMatchObject({ code: 'not_durable' });
    await expect(publisherOn(() => new InvalidInputError('invalid_inbound_message', 'bad')).publisher.publish(message('sms', '+1'))).rejects.toBeInstanceOf(InvalidInputError);
  });
});
