import { InvalidInputError } from '@inbox/contracts';
import { detectOptKeyword, parseTwilioSms } from './twilio-sms.parser';

const receivedAt = new Date('2025-03-04T05:06:07.000Z');
const sms = {
  ToCountry: 'AU',
  SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
  NumMedia: '0',
  From: '+61412345678',
  FromCountry: 'AU',
  To: '+61298765432',
  Body: 'Hello, my card was charged twice',
  NumSegments: '1',
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  ApiVersion: '2010-04-01',
};

function expectInvalid(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe(code);
    return;
  }
  throw new Error(`expected InvalidInputError ${code}`);
}

describe('parseTwilioSms', () => {
  it('turns an SMS into the canonical message', () => {
    expect(parseTwilioSms(sms, receivedAt)).toEqual({
      channel: 'sms',
      account: '+61298765432',
      externalId: 'SM0123456789abcdef0123456789abcdef',
      sender: { address: '+61412345678' },
      text: 'Hello, my card was charged twice',
      receivedAt: '2025-03-04T05:06:07.000Z',
      raw: sms,
    });
  });

  it('keeps unicode and emoji text exactly as sent', () => {
    const body = '  Деньги списали дважды 😡🙏 — please help  ';
    expect(parseTwilioSms({ ...sms, Body: body }, receivedAt).text).toBe(body);
  });

  it('lists MMS media as attachments with content type and media SID', () => {
    const base = 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM0123456789abcdef0123456789abcdef/Media';
    const message = parseTwilioSms(
      {
        ...sms,
        Body: '',
        NumMedia: '2',
        MediaUrl0: `${base}/ME00000000000000000000000000000001`,
        MediaContentType0: 'image/jpeg',
        MediaUrl1: `${base}/ME00000000000000000000000000000002`,
        MediaContentType1: 'application/pdf',
      },
      receivedAt,
    );
    expect(message.text).toBe('');
    expect(message.attachments).toEqual([
      { url: `${base}/ME00000000000000000000000000000001`, contentType: 'image/jpeg', providerFileId: 'ME00000000000000000000000000000001' },
      { url: `${base}/ME00000000000000000000000000000002`, contentType: 'application/pdf', providerFileId: 'ME00000000000000000000000000000002' },
    ]);
  });

  it('reads a whatsapp: sender as the WhatsApp channel with E.164 addresses and the profile name', () => {
    const message = parseTwilioSms(
      {
        ...sms,
        From: 'whatsapp:+61412345678',
        To: 'whatsapp:+61298765432',
        ProfileName: 'Jane',
        WaId: '61412345678',
        OriginalRepliedMessageSid: 'SMffffffffffffffffffffffffffffffff',
      },
      receivedAt,
    );
    expect(message.channel).toBe('whatsapp');
    expect(message.account).toBe('+61298765432');
    expect(message.sender).toEqual({ address: '+61412345678', displayName: 'Jane' });
    expect(message.thread).toEqual({ inReplyTo: 'SMffffffffffffffffffffffffffffffff' });
  });

  it('keeps a short code account as given', () => {
    expect(parseTwilioSms({ ...sms, To: '12345' }, receivedAt).account).toBe('12345');
  });

  it('accepts the legacy SmsMessageSid and a missing Body', () => {
    const { MessageSid: _m, Body: _b, ...legacy } = sms;
    const message = parseTwilioSms(legacy, receivedAt);
    expect(message.externalId).toBe(sms.SmsMessageSid);
    expect(message.text).toBe('');
  });

  it('refuses a webhook without MessageSid, From or To', () => {
    const { MessageSid: _m, SmsMessageSid: _s, ...noSid } = sms;
    expectInvalid(() => parseTwilioSms(noSid, receivedAt), 'twilio_missing_messagesid');
    expectInvalid(() => parseTwilioSms({ ...sms, From: '' }, receivedAt), 'twilio_missing_from');
    const { To: _t, ...noTo } = sms;
    expectInvalid(() => parseTwilioSms(noTo, receivedAt), 'twilio_missing_to');
  });

  it('refuses a sender that is not a phone number', () => {
    expectInvalid(() => parseTwilioSms({ ...sms, From: 'hello' }, receivedAt), 'twilio_invalid_from');
  });

  it('refuses an absurd NumMedia or a missing media URL', () => {
    for (const numMedia of ['11', '-1', '1e3', 'two', '999999']) {
      expectInvalid(() => parseTwilioSms({ ...sms, NumMedia: numMedia }, receivedAt), 'twilio_invalid_num_media');
    }
    expectInvalid(() => parseTwilioSms({ ...sms, NumMedia: '1' }, receivedAt), 'twilio_missing_media_url');
  });

  it('refuses an invalid receivedAt', () => {
    expectInvalid(() => parseTwilioSms(sms, new Date('nope')), 'twilio_invalid_received_at');
  });
});

describe('detectOptKeyword', () => {
  it.each(['STOP', 'stop', ' Stop\n', 'STOPALL', 'unsubscribe', 'CANCEL', 'end', 'Quit'])('%j opts out', (body) => {
    expect(detectOptKeyword(body)).toBe('opt-out');
  });

  it.each(['START', 'yes', ' Unstop '])('%j opts in', (body) => {
    expect(detectOptKeyword(body)).toBe('opt-in');
  });

  it.each(['stop calling me', 'Please STOP', 'yes please', '', 'STOP STOP', undefined, null])('%j is no keyword', (body) => {
    expect(detectOptKeyword(body)).toBeNull();
  });
});
