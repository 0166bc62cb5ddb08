import { validateInboundMessage } from './inbound-message.validator';

const message = { channel: 'sms', account: '+61400000000', externalId: 'SM1', sender: { address: '+61412345678' }, text: 'hi', receivedAt: '2026-01-01T10:00:00.000Z' };

describe('validateInboundMessage: the sender’s claimed time', () => {
  it('keeps a readable one', () => {
    expect(validateInboundMessage({ ...message, sentAt: '2019-03-01T09:00:00Z' }).sentAt).toBe('2019-03-01T09:00:00.000Z');
  });

  it('drops one that is no time at all, or beyond what a clock could say, and still takes the message', () => {
    for (const sentAt of ['yesterday', '+275760-09-13T00:00:00.000Z', '1900-01-01T00:00:00Z', 42]) {
      const valid = validateInboundMessage({ ...message, sentAt });
      expect(valid.sentAt).toBeUndefined();
      expect(valid.text).toBe('hi');
    }
  });
});
