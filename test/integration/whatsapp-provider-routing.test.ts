import { Client } from 'pg';
import { signMetaWebhook, startGraphApiStandIn, type GraphApiStandIn } from '../support/graph-api-stand-in';
import { signTwilioWebhook, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startTestInbox, type TestInbox } from '../support/test-inbox';

const APP_SECRET = 'meta-test-app-secret-0123456789';
const WA_TOKEN = 'EAAWhatsAppSystemUserToken';
const WABA_ID = '102290129340398';
const WA_PHONE_ID = '106540352242922';
const TWILIO_SID = 'AC00000000000000000000000000000001';
const TWILIO_TOKEN = 'twilio-test-auth-token';
const TWILIO_WHATSAPP_NUMBER = '+61255550177';
const PUBLIC_URL = 'https://inbox.example.test';

type Row = Record<string, any>;

/**
 * WhatsApp comes in through two providers on one inbox: Meta's Cloud API and
 * Twilio. Each conversation is answered through the provider, and from the
 * account, it came in by — recording stand-ins for both show which one sent.
 */
describe('WhatsApp replies go out by the provider the conversation came in through', () => {
  let graph: GraphApiStandIn;
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;

  beforeAll(async () => {
    [graph, twilio] = await Promise.all([startGraphApiStandIn({ accessTokens: [WA_TOKEN] }), startTwilioStandIn()]);
    inbox = await startTestInbox({
      env: {
        META_APP_SECRET: APP_SECRET,
        META_VERIFY_TOKEN: 'verify-token-chosen-by-us',
        META_GRAPH_API_BASE: graph.baseUrl,
        WHATSAPP_ACCESS_TOKEN: WA_TOKEN,
        TWILIO_ACCOUNT_SID: TWILIO_SID,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_API_BASE: twilio.baseUrl,
        PUBLIC_URL,
        // Only the agents' replies below reach the providers.
        AUTO_ACKNOWLEDGEMENT: 'false',
      },
    });
    token = await inbox.login();
    sql = new Client(inbox.db.url);
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await inbox?.close();
    await inbox?.db.drop();
    await Promise.all([graph?.close(), twilio?.close()]);
  });

  async function twilioWebhook(path: string, params: Record<string, string>) {
    const res = await fetch(`${inbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_TOKEN, `${PUBLIC_URL}${path}`, params) },
      body: new URLSearchParams(params).toString(),
    });
    return res.status;
  }

  async function metaWebhook(body: unknown) {
    const raw = JSON.stringify(body);
    const res = await fetch(`${inbox.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook(APP_SECRET, raw) },
      body: raw,
    });
    return res.status;
  }

  async function stored(externalId: string): Promise<Row> {
    const { rows } = await sql.query(`SELECT * FROM messages WHERE channel = 'whatsapp' AND external_id = $1`, [externalId]);
    return rows[0];
  }

  /** Waits until a provider took the outbound message (it has the provider's id) or it failed, then returns its row. */
  async function settled(messageId: string): Promise<Row> {
    const until = Date.now() + 10_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT * FROM messages WHERE id = $1`, [messageId]);
      if (rows[0] && (rows[0].external_id !== null || rows[0].delivery_status === 'failed')) return rows[0];
      if (Date.now() > until) throw new Error(`message ${messageId} is still queued`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function reply(caseId: string, text: string): Promise<Row> {
    const res = await inbox.api<any>(`/api/cases/${caseId}/replies`, { token, body: { text } });
    expect(res.status).toBe(201);
    return settled(res.body.id);
  }

  it('answers a WhatsApp conversation that came through Twilio through Twilio, from the number it came to', async () => {
    const inbound = {
      MessageSid: `SM${'5'.repeat(32)}`,
      AccountSid: TWILIO_SID,
      From: 'whatsapp:+61412000601',
      To: `whatsapp:${TWILIO_WHATSAPP_NUMBER}`,
      Body: 'You charged my card twice and nobody answers',
      NumMedia: '0',
      ProfileName: 'Kim',
    };
    expect(await twilioWebhook('/webhooks/twilio/sms', inbound)).toBe(200);
    const received = await stored(inbound.MessageSid);
    expect(received).toMatchObject({ provider: 'twilio', account: TWILIO_WHATSAPP_NUMBER, case_id: expect.any(String) });

    const graphBefore = graph.requests.length;
    const twilioBefore = twilio.requests.length;
    const sent = await reply(received.case_id, 'We are refunding the second charge today.');
    // Twilio answers "queued" for a message it accepted.
    expect(sent).toMatchObject({ delivery_status: 'queued', delivery_error: null, provider: 'twilio' });
    const sends = twilio.requests.slice(twilioBefore);
    expect(sends).toHaveLength(1);
    expect(sends[0].form).toMatchObject({ From: `whatsapp:${TWILIO_WHATSAPP_NUMBER}`, To: 'whatsapp:+61412000601', Body: 'We are refunding the second charge today.' });
    expect(sent.external_id).toBe(sends[0].sid);
    expect(graph.requests.slice(graphBefore)).toEqual([]);

    // Twilio's delivery callback for it names WhatsApp addresses: it reaches the WhatsApp message.
    const callback = { MessageSid: sends[0].sid!, MessageStatus: 'delivered', AccountSid: TWILIO_SID, From: `whatsapp:${TWILIO_WHATSAPP_NUMBER}`, To: 'whatsapp:+61412000601' };
    expect(await twilioWebhook('/webhooks/twilio/status', callback)).toBe(204);
    expect((await stored(sends[0].sid!)).delivery_status).toBe('delivered');
  });

  it('answers a WhatsApp conversation that came through Meta through Meta, from its phone number id', async () => {
    const wamid = `wamid.HBgL${Date.now()}`;
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA_ID,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '61255550199', phone_number_id: WA_PHONE_ID },
                contacts: [{ profile: { name: 'Lee' }, wa_id: '61412000602' }],
                messages: [{ from: '61412000602', id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'My transfer never arrived, this is a complaint' } }],
              },
            },
          ],
        },
      ],
    };
    expect(await metaWebhook(payload)).toBe(200);
    const inbound = await stored(wamid);
    expect(inbound).toMatchObject({ provider: 'meta', account: WA_PHONE_ID, case_id: expect.any(String) });

    const graphBefore = graph.requests.length;
    const twilioBefore = twilio.requests.length;
    const sent = await reply(inbound.case_id, 'We have traced the transfer.');
    expect(sent).toMatchObject({ delivery_status: 'accepted', provider: 'meta' });
    const sends = graph.requests.slice(graphBefore);
    expect(sends).toHaveLength(1);
    expect(sends[0].path).toBe(`/${WA_PHONE_ID}/messages`);
    expect(sends[0].body).toMatchObject({ messaging_product: 'whatsapp', to: '61412000602', text: { body: 'We have traced the transfer.' } });
    expect(twilio.requests.slice(twilioBefore)).toEqual([]);
  });
});
