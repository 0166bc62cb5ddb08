import fc from 'fast-check';
import { startTestInbox, type TestInbox } from '../support/test-inbox';
import { signTwilioWebhook } from '../support/twilio-stand-in';
import { signMetaWebhook } from '../support/graph-api-stand-in';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in';

const ACCOUNT_SID = 'AC00000000000000000000000000000000';
const TWILIO_TOKEN = 'fuzz-twilio-token';
const META_SECRET = 'fuzz-meta-app-secret';
const PUBLIC_URL = 'https://inbox.example';
const TELEGRAM_SECRET = 'fuzz-telegram-secret_0123';

/**
 * Arbitrary, malformed and hostile payloads that carry a VALID provider
 * signature (so they get past the first gate): the answer is a 2xx with the
 * message stored as text, or a clear 4xx — never a 5xx, and never a case
 * without its message.
 */
describe('webhooks under arbitrary signed input (fast-check)', () => {
  let inbox: TestInbox;
  let telegram: TelegramStandIn;

  beforeAll(async () => {
    telegram = await startTelegramStandIn();
    inbox = await startTestInbox({
      env: {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_API_BASE: 'http://127.0.0.1:9',
        META_APP_SECRET: META_SECRET,
        META_VERIFY_TOKEN: 'fuzz-verify',
        META_PAGE_ACCESS_TOKEN: 'fuzz-page-token',
        META_GRAPH_API_BASE: 'http://127.0.0.1:9',
        PUBLIC_URL,
      },
    });
  });

  afterAll(async () => {
    await inbox?.close();
    await telegram?.close();
  });

  afterEach(async () => {
    // No half-written case: every case has at least one message.
    const orphans = await inbox.db.query<{ n: string }>(`SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id)`);
    expect(Number(orphans[0].n)).toBe(0);
  });

  const hostileText = fc.oneof(
    fc.string({ maxLength: 2_000 }),
    fc.string({ unit: 'grapheme', maxLength: 500 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
    fc.constantFrom(
      "'); DROP TABLE messages; --",
      '<script>alert(1)</script><img src=x onerror=alert(1)>',
      'Subject: hi\r\nBcc: victim@example.com\r\n\r\nbody',
      '\u0000\u202e\ufeff\ud800',
      '{{constructor.constructor("return process")()}}',
    ),
  );

  it('Twilio SMS: any field values → 200 stored, or 4xx; never 5xx', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          From: fc.oneof(fc.constant('+61400111222'), fc.string({ maxLength: 30 }), fc.stringMatching(/^\+[0-9]{6,16}$/)),
          Body: hostileText,
          NumMedia: fc.oneof(fc.constant('0'), fc.string({ maxLength: 4 })),
          extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['From', 'Body', 'NumMedia', 'MessageSid', 'AccountSid', 'To'].includes(k)), fc.string({ maxLength: 50 }), { maxKeys: 5 }),
        }),
        async ({ extra, ...fields }) => {
          const params: Record<string, string> = { ...extra, ...fields, AccountSid: ACCOUNT_SID, To: '+61400000000', MessageSid: `SMfuzz${n++}` };
          const signature = signTwilioWebhook(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params);
          const res = await fetch(`${inbox.url}/webhooks/twilio/sms`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
            body: new URLSearchParams(params).toString(),
          });
          expect(res.status).toBeLessThan(500);
          if (res.status === 200) {
            const stored = await inbox.db.query<{ text: string }>(`SELECT text FROM messages WHERE external_id = $1`, [params.MessageSid]);
            expect(stored).toHaveLength(1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Meta: arbitrary JSON, deep nesting and wrong types → 200 or 4xx; never 5xx', async () => {
    const metaLike = fc.record({
      object: fc.constantFrom('page', 'instagram', 'whatsapp_business_account', 'nonsense'),
      entry: fc.array(fc.anything({ maxDepth: 6, withNullPrototype: false }), { maxLength: 4 }),
    });
    const payload = fc.oneof(metaLike, fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 30 }));
    await fc.assert(
      fc.asyncProperty(payload, async (value) => {
        const body = JSON.stringify(value) ?? 'null';
        const res = await fetch(`${inbox.url}/webhooks/meta`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook(META_SECRET, body) },
          body,
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('Telegram: updates with hostile fields, wrong types and arbitrary JSON, with the right secret → 200 or 4xx; never 5xx', async () => {
    let n = 0;
    const user = fc.record({
      id: fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), fc.constant(-1), fc.string({ maxLength: 12 }) as fc.Arbitrary<unknown>),
      is_bot: fc.boolean(),
      first_name: hostileText,
      username: fc.option(fc.string({ maxLength: 40 })),
    });
    const update = fc.record({
      message: fc.record({
        from: user,
        chat: fc.record({ id: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), type: fc.constantFrom('private', 'group', 'channel', 'weird') }),
        date: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), fc.constant(-5)),
        text: fc.option(hostileText),
        caption: fc.option(hostileText),
        photo: fc.option(fc.array(fc.record({ file_id: fc.string({ maxLength: 30 }), file_size: fc.nat() }), { maxLength: 3 })),
        extra: fc.option(fc.anything({ maxDepth: 3 })),
      }),
    });
    const payload = fc.oneof(update, fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 25 }));
    await fc.assert(
      fc.asyncProperty(payload, async (value) => {
        const id = 700_000 + n++;
        // A well-formed envelope most of the time (an update id and a message id), arbitrary otherwise.
        const body =
          value && typeof value === 'object' && 'message' in value
            ? JSON.stringify({ update_id: id, message: { message_id: id, ...(value as { message: object }).message } })
            : (JSON.stringify(value) ?? 'null');
        const res = await fetch(`${inbox.url}/webhooks/telegram`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
          body,
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('wrong content types, invalid UTF-8 and very deep JSON get a 4xx', async () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
    const cases: Array<{ path: string; type: string; body: string | Buffer; sign: 'meta' | 'none' }> = [
      { path: '/webhooks/meta', type: 'application/json', body: deep, sign: 'meta' },
      { path: '/webhooks/meta', type: 'application/json', body: invalidUtf8, sign: 'meta' },
      { path: '/webhooks/meta', type: 'text/plain', body: 'hello', sign: 'meta' },
      { path: '/webhooks/twilio/sms', type: 'application/json', body: '{"Body":"x"}', sign: 'none' },
      { path: '/api/auth/login', type: 'application/xml', body: '<login/>', sign: 'none' },
      { path: '/api/auth/login', type: 'application/json', body: invalidUtf8, sign: 'none' },
    ];
    for (const c of cases) {
      const headers: Record<string, string> = { 'content-type': c.type };
      if (c.sign === 'meta') headers['x-hub-signature-256'] = signMetaWebhook(META_SECRET, c.body);
      const res = await fetch(`${inbox.url}${c.path}`, { method: 'POST', headers, body: c.body });
      expect({ path: c.path, type: c.type, status: res.status >= 400 && res.status < 500 }).toEqual({ path: c.path, type: c.type, status: true });
    }
  });

  it('stores hostile text verbatim and serves it as JSON data, not markup', async () => {
    const text = 'You charged my card twice, refund it now <script>alert(1)</script>';
    const params = { AccountSid: ACCOUNT_SID, From: '+61400999888', To: '+61400000000', Body: text, MessageSid: 'SMxss', NumMedia: '0' };
    const res = await fetch(`${inbox.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    const token = await inbox.login();
    const list = await inbox.api<{ items: Array<{ id: string; preview: string }> }>(`/api/cases?limit=200`, { token });
    const found = list.body.items.find((c) => c.preview === text);
    expect(found).toBeDefined();
    const raw = await fetch(`${inbox.url}/api/cases/${found!.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(raw.headers.get('content-type')).toContain('application/json');
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
