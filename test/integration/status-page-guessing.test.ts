import { signTwilioWebhook, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startTestInbox, type TestInbox } from '../support/test-inbox';

const AUTH_TOKEN = 'twilio-status-guess-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000272';
const PUBLIC_URL = 'https://inbox.example.test';
const OUR_NUMBER = '+61255550272';

/**
 * The public status page against someone guessing codes. Deliberately loose:
 * after ten wrong codes for a reference, the right one does not show the
 * status straight away — which holds whether guessing is stopped per
 * reference or slowed per address.
 */
describe('status page under guessing', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    inbox = await startTestInbox({ env: { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_BASE: twilio.baseUrl, PUBLIC_URL } });
  });

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
    await twilio?.close();
  });

  it('stops showing the status after ten wrong codes, even for the right one', async () => {
    const phone = '+61412830001';
    const params = { MessageSid: 'SM'.padEnd(34, '7'), AccountSid: ACCOUNT_SID, From: phone, To: OUR_NUMBER, Body: 'You charged my card twice and nobody answers', NumMedia: '0' };
    const sms = await fetch(`${inbox.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(sms.status).toBe(200);
    let ack: string | undefined;
    for (let i = 0; i < 200 && !ack; i++) {
      ack = twilio.requests.map((r) => r.form.Body).find((b) => b && /code [A-Z2-9]{4}-[A-Z2-9]{4}/.test(b));
      if (!ack) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ack).toBeDefined();
    const reference = /C-\d{6}/.exec(ack!)![0];
    const code = /code ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(ack!)![1];
    const post = async (secret: string) => {
      const res = await fetch(`${inbox.url}/status/${reference}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code: secret }).toString() });
      return { status: res.status, html: await res.text() };
    };
    const shown = (html: string) => html.includes('Final response due by');
    for (let i = 0; i < 10; i++) expect(shown((await post(`WRNG-${String(i).padStart(4, 'A')}`.slice(0, 9))).html)).toBe(false);
    const right = await post(code);
    expect(shown(right.html)).toBe(false);
    expect(right.status === 429 || /too many (attempts|wrong codes)/i.test(right.html)).toBe(true);
  });
});
