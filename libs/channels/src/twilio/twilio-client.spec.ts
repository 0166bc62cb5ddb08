import twilio from 'twilio';
import { InvalidInputError, UnavailableError } from '@inbox/contracts';
import { createTwilioClient, RebasedTwilioRequestClient, rebaseTwilioUri, toTwilioDomainError } from './twilio-client';

const accountSid = 'AC0123456789abcdef0123456789abcdef';

describe('rebaseTwilioUri', () => {
  it('moves every Twilio domain to the base, keeping path and query', () => {
    const base = new URL('http://127.0.0.1:4010');
    expect(rebaseTwilioUri(`https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=5`, base)).toBe(
      `http://127.0.0.1:4010/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=5`,
    );
    expect(rebaseTwilioUri('https://messaging.twilio.com/v1/Services', base)).toBe('http://127.0.0.1:4010/v1/Services');
    expect(rebaseTwilioUri('https://api.sydney.au1.twilio.com:443/2010-04-01/Calls.json', base)).toBe(
      'http://127.0.0.1:4010/2010-04-01/Calls.json',
    );
  });

  it('keeps a path prefix of the base', () => {
    expect(rebaseTwilioUri('https://api.twilio.com/2010-04-01/x.json', new URL('https://relay.example/twilio/'))).toBe(
      'https://relay.example/twilio/2010-04-01/x.json',
    );
  });
});

describe('createTwilioClient', () => {
  it('installs the rebasing HTTP client only when an API base is given', () => {
    expect(createTwilioClient({ accountSid, authToken: 't', apiBase: 'http://127.0.0.1:1' }).httpClient).toBeInstanceOf(
      RebasedTwilioRequestClient,
    );
    const direct = createTwilioClient({ accountSid, authToken: 't' }).httpClient;
    expect(direct).toBeInstanceOf(twilio.RequestClient);
    expect(direct).not.toBeInstanceOf(RebasedTwilioRequestClient);
  });

  it('refuses bad credentials or API base with a named error', () => {
    expect(() => createTwilioClient({ accountSid: 'SK123', authToken: 't' })).toThrow(InvalidInputError);
    expect(() => createTwilioClient({ accountSid, authToken: '' })).toThrow(InvalidInputError);
    expect(() => createTwilioClient({ accountSid, authToken: 't', apiBase: 'ftp://x' })).toThrow(InvalidInputError);
    expect(() => createTwilioClient({ accountSid, authToken: 't', apiBase: 'nope' })).toThrow(InvalidInputError);
  });
});

describe('toTwilioDomainError', () => {
  const rest = (statusCode: number, body: unknown) => new twilio.RestException({ statusCode, body });

  it('makes a 4xx permanent, with Twilio\'s code and message', () => {
    const error = toTwilioDomainError(rest(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 }), 'send the message');
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'twilio_21610', retryable: false, details: { status: 400, twilioCode: '21610' } });
    expect((error as Error).message).toContain('Attempt to send to unsubscribed recipient');
  });

  it('makes 429 and 5xx retryable', () => {
    expect(toTwilioDomainError(rest(429, { code: 20429, message: 'Too Many Requests' }), 'x')).toMatchObject({
      code: 'twilio_20429',
      retryable: true,
    });
    const bare = toTwilioDomainError(rest(502, '<html>Bad gateway</html>'), 'x');
    expect(bare).toBeInstanceOf(UnavailableError);
    expect(bare).toMatchObject({ code: 'twilio_http_502' });
  });

  it('makes a network failure retryable and leaves unknown errors alone', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toTwilioDomainError(refused, 'x')).toBeInstanceOf(UnavailableError);
    const bug = new TypeError('x is undefined');
    expect(toTwilioDomainError(bug, 'x')).toBe(bug);
  });
});
