import { request } from 'node:http';
import { signMetaWebhook } from '../support/graph-api-stand-in';
import { signTwilioWebhook } from '../support/twilio-stand-in';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in';
import { startTestInbox, type TestInbox } from '../support/test-inbox';

const PUBLIC_URL = 'https://inbox.example.test';
const TWILIO_TOKEN = 'limits-twilio-token';
const META_SECRET = 'limits-meta-secret';
const TELEGRAM_SECRET = 'limits-telegram-secret';

/**
 * Webhook routes cap their bodies per provider before reading them (Twilio
 * forms 64 KB, Meta and Telegram JSON 1 MB), and refuse a request without its
 * provider's signature header before reading its body at all.
 */
describe('webhook body limits and cheap refusal', () => {
  let inbox: TestInbox;
  let telegram: TelegramStandIn;

  beforeAll(async () => {
    telegram = await startTelegramStandIn();
    inbox = await startTestInbox({
      env: {
        PUBLIC_URL,
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_API_BASE: 'http://127.0.0.1:9',
        META_APP_SECRET: META_SECRET,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        TELEGRAM_API_ROOT: telegram.apiRoot,
      },
    });
  });

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
    await telegram?.close();
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${inbox.url}${path}`, { method: 'POST', headers, body }).then(async (res) => ({ status: res.status, body: await res.text() }));

  function twilioForm(bodyText: string) {
    const params = { MessageSid: `SM${Date.now()}`, From: '+61412345678', To: '+61299990000', Body: bodyText, NumMedia: '0' };
    const signature = signTwilioWebhook(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params);
    return { body: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } };
  }

  it('takes a signed Twilio form under 64 KB and refuses a larger one with 413', async () => {
    const small = twilioForm('My card was charged twice');
    expect((await post('/webhooks/twilio/sms', small.body, small.headers)).status).toBe(200);
    const large = twilioForm('x'.repeat(70 * 1024));
    const refused = await post('/webhooks/twilio/sms', large.body, large.headers);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'payload_too_large' });
  });

  it('refuses Meta and Telegram bodies over 1 MB with 413, signed or not', async () => {
    const padding = 'x'.repeat(1024 * 1024 + 10);
    const meta = JSON.stringify({ object: 'page', entry: [], padding });
    expect((await post('/webhooks/meta', meta, { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook(META_SECRET, meta) })).status).toBe(413);
    const update = JSON.stringify({ update_id: 1, padding });
    expect((await post('/webhooks/telegram', update, { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET })).status).toBe(413);
  });

  it('takes a signed Meta body near 1 MB, and parses nothing whose signature does not match', async () => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: '1', padding: 'x'.repeat(900 * 1024) }] });
    expect((await post('/webhooks/meta', body, { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook(META_SECRET, body) })).status).toBe(200);
    // Not even JSON: a wrong signature is refused before any parsing (a parse error would be 400).
    const forged = await post('/webhooks/meta', '{"object": ', { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook('wrong', 'x') });
    expect(forged.status).toBe(403);
  });

  it.each([
    ['/webhooks/twilio/sms', 'application/x-www-form-urlencoded'],
    ['/webhooks/meta', 'application/json'],
    ['/webhooks/telegram', 'application/json'],
  ])('answers an unsigned POST to %s with 403 without waiting for its body', async (path, contentType) => {
    // Announces 50 MB and sends none of it: only a server that does not read the body can answer.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${inbox.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'content-length': String(50 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(403);
  });
});
