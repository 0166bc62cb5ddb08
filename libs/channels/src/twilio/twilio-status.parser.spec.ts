import { InvalidInputError } from '@inbox/contracts';
import { isStatusAdvance, parseTwilioStatusCallback, statusRank } from './twilio-status.parser';

describe('parseTwilioStatusCallback', () => {
  it('reads a message status callback', () => {
    expect(
      parseTwilioStatusCallback({
        MessageSid: 'SM0123456789abcdef0123456789abcdef',
        SmsSid: 'SM0123456789abcdef0123456789abcdef',
        MessageStatus: 'Delivered',
        SmsStatus: 'delivered',
        AccountSid: 'AC0123456789abcdef0123456789abcdef',
      }),
    ).toEqual({ externalId: 'SM0123456789abcdef0123456789abcdef', kind: 'message', channel: 'sms', status: 'delivered' });
  });

  it('carries the error code and message of a failed delivery', () => {
    expect(
      parseTwilioStatusCallback({
        MessageSid: 'SM1',
        MessageStatus: 'undelivered',
        ErrorCode: '30003',
        ErrorMessage: 'Unreachable destination handset',
      }),
    ).toEqual({ externalId: 'SM1', kind: 'message', channel: 'sms', status: 'undelivered', errorCode: '30003', errorMessage: 'Unreachable destination handset' });
  });

  it('reads a call status callback', () => {
    expect(parseTwilioStatusCallback({ CallSid: 'CA1', CallStatus: 'no-answer' })).toEqual({
      externalId: 'CA1',
      kind: 'call',
      channel: 'voice',
      status: 'no-answer',
    });
  });

  it('names a message sent from or to a whatsapp: address as WhatsApp', () => {
    expect(parseTwilioStatusCallback({ MessageSid: 'SM2', MessageStatus: 'read', From: 'whatsapp:+61298765432', To: 'whatsapp:+61412345678' })).toMatchObject({
      channel: 'whatsapp',
      status: 'read',
    });
  });

  it('refuses a callback without id or status', () => {
    expect(() => parseTwilioStatusCallback({ MessageStatus: 'sent' })).toThrow(InvalidInputError);
    expect(() => parseTwilioStatusCallback({ MessageSid: 'SM1' })).toThrow(InvalidInputError);
  });
});

describe('statusRank / isStatusAdvance', () => {
  it('orders queued < sending < sent < delivered < read', () => {
    const ladder = ['queued', 'sending', 'sent', 'delivered', 'read'].map(statusRank);
    expect([...ladder].sort((a, b) => a - b)).toEqual(ladder);
    expect(new Set(ladder).size).toBe(ladder.length);
  });

  it('never moves a status backwards when callbacks arrive out of order', () => {
    expect(isStatusAdvance('delivered', 'sent')).toBe(false);
    expect(isStatusAdvance('sent', 'queued')).toBe(false);
    expect(isStatusAdvance('failed', 'sending')).toBe(false);
    expect(isStatusAdvance('sent', 'sent')).toBe(false);
    expect(isStatusAdvance('queued', 'delivered')).toBe(true);
    expect(isStatusAdvance(undefined, 'queued')).toBe(true);
  });

  it('does not let one terminal state replace another, except read after delivery', () => {
    expect(isStatusAdvance('delivered', 'undelivered')).toBe(false);
    expect(isStatusAdvance('failed', 'delivered')).toBe(false);
    expect(isStatusAdvance('delivered', 'read')).toBe(true);
    expect(isStatusAdvance('read', 'delivered')).toBe(false);
  });

  it('orders call statuses too', () => {
    expect(isStatusAdvance('ringing', 'queued')).toBe(false);
    expect(isStatusAdvance('in-progress', 'completed')).toBe(true);
    expect(isStatusAdvance('completed', 'in-progress')).toBe(false);
  });

  it('ranks an unknown status below every known one, case-insensitively', () => {
    expect(statusRank('constructor')).toBe(-1);
    expect(isStatusAdvance('queued', 'mystery')).toBe(false);
    expect(isStatusAdvance('mystery', 'queued')).toBe(true);
    expect(statusRank('DELIVERED')).toBe(statusRank('delivered'));
  });
});
