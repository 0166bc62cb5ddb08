import { Client } from 'pg';
import { signTwilioWebhook, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startTestInbox, type TestInbox } from '../support/test-inbox';

const AUTH_TOKEN = 'twilio-voice-sms-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000005';
const PUBLIC_URL = 'https://inbox.example.test';
const OUR_NUMBER = '+61255550105';

/** With TWILIO_VOICE_REPLY=sms, an agent's reply on a voice case goes to the caller as an SMS, not a call. */
describe('Twilio voice replies by SMS', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    inbox = await startTestInbox({
      env: { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_BASE: twilio.baseUrl, PUBLIC_URL, AUTO_ACKNOWLEDGEMENT: 'false', TWILIO_VOICE_REPLY: 'sms' },
    });
    sql = new Client(inbox.db.url);
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await inbox?.close();
    await inbox?.db.drop();
    await twilio?.close();
  });

  it('answers a voice case with an SMS to the caller from the number they called', async () => {
    const token = await inbox.login();
    const channels = await inbox.api<any>('/api/channels', { token });
    expect(channels.body.items).toEqual(expect.arrayContaining([{ channel: 'voice', replyBy: 'sms' }]));
    const caller = '+61412300207';
    const params = { CallSid: `CA${'7'.repeat(32)}`, AccountSid: ACCOUNT_SID, From: caller, To: OUR_NUMBER, CallStatus: 'ringing' };
    const call = await fetch(`${inbox.url}/webhooks/twilio/voice`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/voice`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(call.status).toBe(200);
    const [{ case_id: caseId }] = (await sql.query(`SELECT case_id FROM messages WHERE channel = 'voice' AND sender_address = $1`, [caller])).rows;
    const reply = await inbox.api<{ id: string }>(`/api/cases/${caseId}/replies`, { token, body: { text: 'Your refund is approved.' } });
    expect(reply.status).toBe(201);
    for (let i = 0; i < 200 && !twilio.requests.some((r) => r.form.Body === 'Your refund is approved.'); i++) await new Promise((r) => setTimeout(r, 50));
    const sent = twilio.requests.filter((r) => r.form.To === caller);
    expect(sent.map((r) => [r.path.endsWith('/Messages.json'), r.form.From, r.form.Body])).toEqual([[true, OUR_NUMBER, 'Your refund is approved.']]);
  });
});
