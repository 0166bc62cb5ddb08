import { InvalidInputError, UnavailableError } from '@inbox/contracts';
import { createTwilioClient, sayTwiml, TwilioSender, verifyTwilioSignature } from '@inbox/channels';
import { signTwilioWebhook, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';

/** The real twilio SDK, through createTwilioClient + TwilioSender, against the local REST stand-in. */
describe('Twilio client against the REST stand-in', () => {
  const accountSid = 'AC0123456789abcdef0123456789abcdef';
  const authToken = 'test-auth-token-0123456789abcdef';
  const statusCallbackUrl = 'https://inbox.example.com/webhooks/twilio/status';
  let standIn: TwilioStandIn;
  let sender: TwilioSender;

  beforeAll(async () => {
    standIn = await startTwilioStandIn({ credentials: { accountSid, authToken } });
    sender = new TwilioSender(createTwilioClient({ accountSid, authToken, apiBase: standIn.baseUrl, timeoutMs: 5_000 }), {
      statusCallbackUrl,
    });
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.requests.splice(0));

  it('sends an SMS with the right path, auth and form fields', async () => {
    const result = await sender.sendSms({ from: '+61298765432', to: '+61412345678', body: 'Your complaint C-000123 is resolved ✅' });

    expect(result.externalId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result.status).toBe('queued');
    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${accountSid}/Messages.json`,
      accountSid,
      authToken,
      form: { From: '+61298765432', To: '+61412345678', Body: 'Your complaint C-000123 is resolved ✅', StatusCallback: statusCallbackUrl },
    });
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('places a call that reads the answer', async () => {
    const twiml = sayTwiml('Your complaint is resolved.', 'en-AU');
    const result = await sender.placeCall({ from: '+61298765432', to: '+61412345678', twiml });

    expect(result).toEqual({ externalId: expect.stringMatching(/^CA[0-9a-f]{32}$/), status: 'queued' });
    expect(standIn.requests[0]).toMatchObject({
      path: `/2010-04-01/Accounts/${accountSid}/Calls.json`,
      form: { From: '+61298765432', To: '+61412345678', Twiml: twiml, StatusCallback: statusCallbackUrl },
    });
  });

  it.each([500, 429])('turns HTTP %i into a retryable UnavailableError', async (status) => {
    standIn.failNext(1, { status });
    const error = await sender.sendSms({ from: '+61298765432', to: '+61412345678', body: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ retryable: true, code: `twilio_${20000 + status}` });
    // The next request goes through again.
    await expect(sender.sendSms({ from: '+61298765432', to: '+61412345678', body: 'hi' })).resolves.toMatchObject({ status: 'queued' });
  });

  it('turns 400 / 21610 (recipient opted out) into a permanent InvalidInputError', async () => {
    standIn.failNext(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const error = await sender.sendSms({ from: '+61298765432', to: '+61412345678', body: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ retryable: false, code: 'twilio_21610' });
    expect((error as Error).message).toContain('Attempt to send to unsubscribed recipient');
  });

  it('turns wrong credentials into a permanent error and a dropped connection into a retryable one', async () => {
    const wrong = new TwilioSender(createTwilioClient({ accountSid, authToken: 'wrong', apiBase: standIn.baseUrl }));
    await expect(wrong.sendSms({ from: '+61298765432', to: '+61412345678', body: 'hi' })).rejects.toMatchObject({
      code: 'twilio_20003',
      retryable: false,
    });

    standIn.failNext(1, { dropConnection: true });
    await expect(sender.placeCall({ from: '+61298765432', to: '+61412345678', twiml: '<Response/>' })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it('signs webhooks the way verifyTwilioSignature checks them', () => {
    const params = { MessageSid: 'SM1', From: '+61412345678', To: '+61298765432', Body: 'hi' };
    const signature = signTwilioWebhook(authToken, 'https://inbox.example.com/webhooks/twilio/sms', params);
    expect(
      verifyTwilioSignature({ authToken, publicUrl: 'https://inbox.example.com', path: '/webhooks/twilio/sms', params, signature }),
    ).toBe(true);
  });
});
