import type { Client } from 'pg';
import type { CaseEvent } from '@inbox/contracts';
import { signTwilioWebhook, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { TwilioWebhooks, twilioEnv } from '../support/builders';

const AUTH_TOKEN = 'twilio-test-auth-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000001';
const PUBLIC_URL = 'https://inbox.example.test';
const OUR_NUMBER = '+61255550100';

/** SMS and voice end to end: signed webhooks in, the real twilio SDK out to a local Twilio stand-in. */
describe('Twilio channel', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;

  const webhooks = new TwilioWebhooks(() => inbox.url, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, number: OUR_NUMBER });
  /** POSTs a form to our webhook, signed as Twilio signs it (for the public URL, not the local one). */
  const webhook = webhooks.post.bind(webhooks);
  const sms = webhooks.smsForm.bind(webhooks);

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    // Automatic RG 271 acknowledgements are tested in rg271-compliance.test.ts; here every request Twilio sees is an agent's reply.
    ({ inbox, token, sql } = await startInboxSession({ env: { ...twilioEnv(webhooks.account, twilio.baseUrl), AUTO_ACKNOWLEDGEMENT: 'false' } }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  async function messagesFrom(address: string) {
    const { rows } = await sql.query(
      `SELECT m.id, m.case_id, m.channel, m.text, m.attachments, m.delivery_status FROM messages m
        WHERE m.customer_id = (SELECT customer_id FROM identities WHERE address = $1 LIMIT 1) ORDER BY m.received_at`,
      [address],
    );
    return rows;
  }

  it('turns a signed SMS into a case the agent sees live, answering TwiML only after it is stored', async () => {
    const agent = await inbox.agentSocket(token);
    const params = sms('+61412300001', 'Your app charged me twice 😡 — fix it!', { FromCountry: 'AU', SomeFieldTwilioAddsLater: 'x' });
    const res = await webhook('/webhooks/twilio/sms', params);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/xml');
    expect(res.text).toContain('<Response></Response>');
    expect(await messagesFrom('+61412300001')).toEqual([expect.objectContaining({ channel: 'sms', text: params.Body })]);
    const event = await agent.waitFor((e: CaseEvent) => e.type === 'case.created' && e.message?.text === params.Body);
    expect(event.case.channel).toBe('sms');
    agent.socket.close();
  });

  it('keeps a very long text whole and an MMS’s media as attachments', async () => {
    const long = 'Я очень недоволен обслуживанием. '.repeat(48); // ~1,600 characters, Twilio's longest concatenated SMS
    const params = sms('+61412300008', long, {
      NumMedia: '2',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME1`,
      MediaContentType0: 'image/jpeg',
      MediaUrl1: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME2`,
      MediaContentType1: 'application/pdf',
    });
    expect((await webhook('/webhooks/twilio/sms', params)).status).toBe(200);
    const [stored] = await messagesFrom('+61412300008');
    expect(stored.text).toBe(long);
    expect(stored.attachments).toEqual([
      expect.objectContaining({ contentType: 'image/jpeg', url: params.MediaUrl0 }),
      expect.objectContaining({ contentType: 'application/pdf', url: params.MediaUrl1 }),
    ]);
  });

  it('refuses a missing, wrong or tampered signature with 403 and stores nothing', async () => {
    const params = sms('+61412300002', 'forged');
    expect((await webhook('/webhooks/twilio/sms', params, { signature: null })).status).toBe(403);
    expect((await webhook('/webhooks/twilio/sms', params, { signature: 'bm90LWEtc2lnbmF0dXJl' })).status).toBe(403);
    const signed = signTwilioWebhook(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params);
    expect((await webhook('/webhooks/twilio/sms', { ...params, Body: 'changed' }, { signature: signed })).status).toBe(403);
    // Signed for another host: a proxy's Host header must not make it valid.
    const elsewhere = signTwilioWebhook(AUTH_TOKEN, `${inbox.url}/webhooks/twilio/sms`, params);
    expect((await webhook('/webhooks/twilio/sms', params, { signature: elsewhere })).status).toBe(403);
    expect(await messagesFrom('+61412300002')).toEqual([]);
  });

  it('stores a replayed MessageSid once and refuses a signed request without the required fields', async () => {
    const params = sms('+61412300003', 'Still no refund');
    for (let i = 0; i < 3; i++) expect((await webhook('/webhooks/twilio/sms', params)).status).toBe(200);
    expect(await messagesFrom('+61412300003')).toHaveLength(1);
    const bad = await webhook('/webhooks/twilio/sms', { AccountSid: ACCOUNT_SID, Body: 'no sid' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).message).toMatch(/MessageSid/);
    const empty = await webhook('/webhooks/twilio/sms', {});
    expect(empty.status).toBe(400);
  });

  it('sends the agent’s reply through messages.create and follows its delivery status, never backwards', async () => {
    const agent = await inbox.agentSocket(token);
    await webhook('/webhooks/twilio/sms', sms('+61412300004', 'When will my card arrive?'));
    const [inbound] = await messagesFrom('+61412300004');
    await agent.view(inbound.case_id);
    const before = twilio.requests.length;
    const reply = await inbox.api<any>(`/api/cases/${inbound.case_id}/replies`, { token, body: { text: 'It was posted today — about 3 days.' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ direction: 'outbound', channel: 'sms', deliveryStatus: 'queued' });

    const sent = await agent.waitFor((e) => e.type === 'message.updated' && e.message?.id === reply.body.id && e.message?.deliveryStatus === 'queued' && twilio.requests.length > before);
    expect(sent.message?.deliveryStatus).toBe('queued');
    const call = twilio.requests[before];
    expect(call.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(call.accountSid).toBe(ACCOUNT_SID);
    expect(call.form).toMatchObject({
      From: OUR_NUMBER,
      To: '+61412300004',
      Body: 'It was posted today — about 3 days.',
      StatusCallback: `${PUBLIC_URL}/webhooks/twilio/status`,
    });
    const [, outbound] = await messagesFrom('+61412300004');
    const { rows } = await sql.query(`SELECT external_id FROM messages WHERE id = $1`, [outbound.id]);
    const messageSid = rows[0].external_id;
    expect(messageSid).toMatch(/^SM/);

    // Callbacks out of order: delivered arrives before sent; the status must stay delivered.
    expect((await webhook('/webhooks/twilio/status', { MessageSid: messageSid, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID })).status).toBe(204);
    expect((await webhook('/webhooks/twilio/status', { MessageSid: messageSid, MessageStatus: 'sent', AccountSid: ACCOUNT_SID })).status).toBe(204);
    const delivered = await agent.waitFor((e) => e.type === 'message.updated' && e.message?.id === outbound.id && e.message?.deliveryStatus === 'delivered');
    expect(delivered.caseId).toBe(inbound.case_id);
    const detail = await inbox.api<any>(`/api/cases/${inbound.case_id}`, { token });
    expect(detail.body.messages.find((m: { id: string }) => m.id === outbound.id).deliveryStatus).toBe('delivered');
    agent.socket.close();
  });

  it('honours STOP: no SMS goes out, and the agent sees why', async () => {
    await webhook('/webhooks/twilio/sms', sms('+61412300005', 'My bill is wrong'));
    await webhook('/webhooks/twilio/sms', sms('+61412300005', 'STOP'));
    const [first] = await messagesFrom('+61412300005');
    const before = twilio.requests.length;
    const reply = await inbox.api<any>(`/api/cases/${first.case_id}/replies`, { token, body: { text: 'We are looking into it' } });
    expect(reply.status).toBe(201);
    await waitUntil(async () => (await sql.query(`SELECT delivery_status FROM messages WHERE id = $1`, [reply.body.id])).rows[0].delivery_status === 'failed');
    const { rows } = await sql.query(`SELECT delivery_error FROM messages WHERE id = $1`, [reply.body.id]);
    expect(rows[0].delivery_error).toMatch(/STOP/);
    const detail = await inbox.api<any>(`/api/cases/${first.case_id}`, { token });
    expect(detail.body.messages.find((m: { id: string }) => m.id === reply.body.id)).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringMatching(/STOP/) });
    expect(twilio.requests.length).toBe(before);

    await webhook('/webhooks/twilio/sms', sms('+61412300005', 'start'));
    const again = await inbox.api<any>(`/api/cases/${first.case_id}/replies`, { token, body: { text: 'Welcome back' } });
    await waitUntil(async () => (await sql.query(`SELECT external_id FROM messages WHERE id = $1`, [again.body.id])).rows[0].external_id !== null);
    expect(twilio.requests.length).toBe(before + 1);
  });

  it('records a call with its recording and transcription as one message on the caller’s case, the same customer as their SMS, previewed by its words', async () => {
    const caller = '+61412300006';
    await webhook('/webhooks/twilio/sms', sms(caller, 'I will call you about my loan'));
    const callSid = 'CA' + '1'.repeat(32);
    const voice = await webhook('/webhooks/twilio/voice', { CallSid: callSid, AccountSid: ACCOUNT_SID, From: caller, To: OUR_NUMBER, CallStatus: 'ringing', Direction: 'inbound' });
    expect(voice.status).toBe(200);
    expect(voice.text).toContain('<Say');
    expect(voice.text).toMatch(/<Record[^>]*transcribe="true"/);
    const recordingCallback = /recordingStatusCallback="([^"]+)"/.exec(voice.text)![1].replace(/&amp;/g, '&');
    const transcribeCallback = /transcribeCallback="([^"]+)"/.exec(voice.text)![1].replace(/&amp;/g, '&');
    expect(recordingCallback.startsWith(`${PUBLIC_URL}/webhooks/twilio/recording?`)).toBe(true);

    const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE123`;
    // Transcription first, then the recording: the order Twilio uses is not guaranteed.
    const transcription = { CallSid: callSid, AccountSid: ACCOUNT_SID, TranscriptionText: 'My loan repayment was taken twice', TranscriptionStatus: 'completed', RecordingUrl: recordingUrl, RecordingSid: 'RE123' };
    expect((await webhook(transcribeCallback.slice(PUBLIC_URL.length), transcription)).status).toBe(204);
    const recording = { CallSid: callSid, AccountSid: ACCOUNT_SID, RecordingUrl: recordingUrl, RecordingSid: 'RE123', RecordingDuration: '42', RecordingStatus: 'completed' };
    expect((await webhook(recordingCallback.slice(PUBLIC_URL.length), recording)).status).toBe(204);

    const messages = await messagesFrom(caller);
    expect(messages).toHaveLength(2);
    const [smsMessage, call] = messages;
    expect(call).toMatchObject({ channel: 'voice', text: 'My loan repayment was taken twice', case_id: smsMessage.case_id });
    expect(call.attachments).toEqual([expect.objectContaining({ url: recordingUrl, durationSeconds: 42 })]);
    // The queue row shows the call's words once they arrive, not "(no text)".
    const [row] = await inbox.db.query<{ preview: string }>(`SELECT preview FROM cases WHERE id = $1`, [call.case_id]);
    expect(row.preview).toBe('My loan repayment was taken twice');
    // A callback URL we did not issue (no caller context) is refused.
    expect((await webhook('/webhooks/twilio/recording', recording)).status).toBe(403);
  });

  it('answers a voice case by calling back and reading the answer out, and says so before sending', async () => {
    const channels = await inbox.api<any>('/api/channels', { token });
    expect(channels.body.items).toEqual(expect.arrayContaining([{ channel: 'voice', replyBy: 'call' }, { channel: 'sms', replyBy: 'sms' }]));
    const caller = '+61412300007';
    const callSid = 'CA' + '2'.repeat(32);
    await webhook('/webhooks/twilio/voice', { CallSid: callSid, AccountSid: ACCOUNT_SID, From: caller, To: OUR_NUMBER, CallStatus: 'ringing' });
    const [call] = await messagesFrom(caller);
    const before = twilio.requests.length;
    const reply = await inbox.api<any>(`/api/cases/${call.case_id}/replies`, { token, body: { text: 'Your refund is approved.' } });
    expect(reply.status).toBe(201);
    await waitUntil(async () => twilio.requests.length > before);
    const placed = twilio.requests[before];
    expect(placed.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    expect(placed.form).toMatchObject({ From: OUR_NUMBER, To: caller });
    expect(placed.form.Twiml).toContain('Your refund is approved.');
  });
});

async function waitUntil(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
