import type { Client } from 'pg';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { TwilioWebhooks, twilioEnv } from '../support/builders';

const AUTH_TOKEN = 'twilio-voice-sms-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000005';
const PUBLIC_URL = 'https://inbox.example.test';
const OUR_NUMBER = '+61255550105';

/** With TWILIO_VOICE_REPLY=sms, an agent's reply on a voice case goes to the caller as an SMS, not a call. */
describe('Twilio voice replies by SMS', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;

  let token: string;
  const webhooks = new TwilioWebhooks(() => inbox.url, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, number: OUR_NUMBER });

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    ({ inbox, token, sql } = await startInboxSession({ env: { ...twilioEnv(webhooks.account, twilio.baseUrl), AUTO_ACKNOWLEDGEMENT: 'false', TWILIO_VOICE_REPLY: 'sms' } }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  it('answers a voice case with an SMS to the caller from the number they called', async () => {
    const channels = await inbox.api<any>('/api/channels', { token });
    expect(channels.body.items).toEqual(expect.arrayContaining([{ channel: 'voice', replyBy: 'sms' }]));
    const caller = '+61412300207';
    const params = { CallSid: `CA${'7'.repeat(32)}`, AccountSid: ACCOUNT_SID, From: caller, To: OUR_NUMBER, CallStatus: 'ringing' };
    const call = await webhooks.post('/webhooks/twilio/voice', params);
    expect(call.status).toBe(200);
    const [{ case_id: caseId }] = (await sql.query(`SELECT case_id FROM messages WHERE channel = 'voice' AND sender_address = $1`, [caller])).rows;
    const reply = await inbox.api<{ id: string }>(`/api/cases/${caseId}/replies`, { token, body: { text: 'Your refund is approved.' } });
    expect(reply.status).toBe(201);
    for (let i = 0; i < 200 && !twilio.requests.some((r) => r.form.Body === 'Your refund is approved.'); i++) await new Promise((r) => setTimeout(r, 50));
    const sent = twilio.requests.filter((r) => r.form.To === caller);
    expect(sent.map((r) => [r.path.endsWith('/Messages.json'), r.form.From, r.form.Body])).toEqual([[true, OUR_NUMBER, 'Your refund is approved.']]);
  });
});
