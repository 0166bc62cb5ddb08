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
 * signature (so they get past the first gate): a well-formed message is
 * answered 200 and stored exactly once however hostile its text (and once
 * more delivered, nothing more is stored); a body that is not the provider's
 * envelope gets a 400 naming why and changes nothing; an envelope whose
 * items cannot be read is still answered 200 (its items dead-lettered or
 * skipped, so the provider does not retry forever) — never a 5xx, and never
 * a case without its message.
 */
// Each property sends 50–150 signed webhooks that write to PostgreSQL: on a loaded 2-core machine one took over
// the default 60 s. A generous bound; speed is the benchmark's business.
jest.setTimeout(240_000);

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

  /** Messages stored under a channel and provider id: a webhook's message is kept exactly once. */
  const storedCount = async (channel: string, externalId: string) =>
    Number((await inbox.db.query<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE channel = $1 AND external_id = $2`, [channel, externalId]))[0].n);
  // Inbound only: the acknowledgements of an earlier property's complaints are still being stored as outbound messages.
  const totals = async () =>
    (await inbox.db.query<{ messages: string; dead: string }>(`SELECT (SELECT count(*) FROM messages WHERE direction = 'inbound') AS messages, (SELECT count(*) FROM dead_letters) AS dead`))[0];
  // Texts the inbox answers instead of storing as a case message ("status", a /start) are not what these properties are about.
  const ordinaryText = hostileText.filter((t) => !/^\s*\/?(status|статус|start)\b/i.test(t.trim()));

  async function postMeta(value: unknown): Promise<{ status: number; body: { error?: string } }> {
    const body = JSON.stringify(value) ?? 'null';
    const res = await fetch(`${inbox.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook(META_SECRET, body) },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : {} };
  }

  it('Meta: a delivery of well-formed messages (hostile text, several per delivery) → 200, each stored exactly once, and a redelivery stores nothing more', async () => {
    let n = 0;
    const PAGE_ID = '104000000000999';
    const IG_ACCOUNT = '17841400000000999';
    const delivery = fc.record({
      product: fc.constantFrom('page', 'instagram', 'whatsapp_business_account'),
      messages: fc.array(fc.record({ sender: fc.integer({ min: 1, max: 99_999_999 }), text: ordinaryText }), { minLength: 1, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(delivery, async ({ product, messages }) => {
        const items = messages.map((m) => ({ ...m, id: `fuzz${++n}` }));
        const now = Date.now();
        let payload: unknown;
        let channel: string;
        let externalIds: string[];
        if (product === 'whatsapp_business_account') {
          channel = 'whatsapp';
          externalIds = items.map((m) => `wamid.${m.id}`);
          payload = {
            object: product,
            entry: [{ id: 'WABA-FUZZ', changes: [{ field: 'messages', value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '61255550000', phone_number_id: 'PN-FUZZ' },
              messages: items.map((m, i) => ({ from: `614${String(m.sender).padStart(8, '0')}`, id: externalIds[i], timestamp: String(Math.floor(now / 1000)), type: 'text', text: { body: m.text } })),
            } }] }],
          };
        } else {
          channel = product === 'page' ? 'messenger' : 'instagram';
          const account = product === 'page' ? PAGE_ID : IG_ACCOUNT;
          externalIds = items.map((m) => `m_${m.id}`);
          payload = {
            object: product,
            entry: [{ id: account, time: now, messaging: items.map((m, i) => ({ sender: { id: String(7_000_000_000 + m.sender) }, recipient: { id: account }, timestamp: now, message: { mid: externalIds[i], text: m.text } })) }],
          };
        }
        for (const attempt of ['delivery', 'redelivery']) {
          const res = await postMeta(payload);
          expect({ attempt, status: res.status }).toEqual({ attempt, status: 200 });
          for (const id of externalIds) expect({ attempt, id, stored: await storedCount(channel, id) }).toEqual({ attempt, id, stored: 1 });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('Meta: a body that is not a webhook envelope → 400 meta_invalid_payload, nothing stored', async () => {
    const isEnvelope = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { object?: unknown }).object === 'string' && Array.isArray((v as { entry?: unknown }).entry);
    const notEnvelope = fc.oneof(fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 30 })).filter((v) => !isEnvelope(JSON.parse(JSON.stringify(v) ?? 'null')));
    await fc.assert(
      fc.asyncProperty(notEnvelope, async (value) => {
        const before = await totals();
        const res = await postMeta(value);
        // Webhook bodies are read as raw bytes (libs/platform/src/http/webhook-bodies.ts), so every JSON value reaches the parser, which names what is wrong.
        expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'meta_invalid_payload' });
        expect(await totals()).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });

  it('Meta: an envelope whatever its entries hold (arbitrary, deep, wrongly typed) → 200; what cannot be read is dead-lettered or skipped, never half-stored', async () => {
    const metaLike = fc.record({
      object: fc.constantFrom('page', 'instagram', 'whatsapp_business_account', 'nonsense'),
      entry: fc.array(fc.anything({ maxDepth: 6, withNullPrototype: false }), { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(metaLike, async (value) => {
        expect((await postMeta(value)).status).toBe(200);
      }),
      { numRuns: 60 },
    );
  });

  async function postTelegram(body: string): Promise<{ status: number; body: { error?: string } }> {
    const res = await fetch(`${inbox.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : {} };
  }

  it('Telegram: a well-formed customer message (hostile text and names, a photo or not) → 200, stored exactly once, and a redelivery stores nothing more', async () => {
    let n = 0;
    const message = fc.record({
      userId: fc.integer({ min: 1, max: 2 ** 40 }),
      firstName: hostileText,
      username: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
      text: ordinaryText,
      photo: fc.option(fc.array(fc.record({ file_id: fc.string({ minLength: 1, maxLength: 30 }), file_size: fc.nat() }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const id = 800_000 + ++n;
        const update = {
          update_id: id,
          message: {
            message_id: id,
            from: { id: m.userId, is_bot: false, first_name: m.firstName, ...(m.username === undefined ? {} : { username: m.username }) },
            chat: { id: m.userId, type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text: m.text,
            ...(m.photo ? { photo: m.photo } : {}),
          },
        };
        for (const attempt of ['delivery', 'redelivery']) {
          expect({ attempt, status: (await postTelegram(JSON.stringify(update))).status }).toEqual({ attempt, status: 200 });
          expect({ attempt, stored: await storedCount('telegram', `${m.userId}:${id}`) }).toEqual({ attempt, stored: 1 });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('Telegram: a body that is not an update (no integer update_id) → 400 telegram_invalid_update, nothing stored', async () => {
    const isUpdate = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Number.isSafeInteger((v as { update_id?: unknown }).update_id);
    const notUpdate = fc.oneof(fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 25 })).filter((v) => !isUpdate(JSON.parse(JSON.stringify(v) ?? 'null')));
    await fc.assert(
      fc.asyncProperty(notUpdate, async (value) => {
        const before = await totals();
        const body = JSON.stringify(value) ?? 'null';
        const res = await postTelegram(body);
        expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'telegram_invalid_update' });
        expect(await totals()).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });

  it('Telegram: any update (hostile fields, wrong types, bots, unknown kinds) → 200: stored, greeted, or dead-lettered, never refused', async () => {
    let n = 0;
    const user = fc.record({
      id: fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), fc.constant(-1), fc.string({ maxLength: 12 }) as fc.Arbitrary<unknown>),
      is_bot: fc.boolean(),
      first_name: hostileText,
      username: fc.option(fc.string({ maxLength: 40 })),
    });
    const message = fc.record({
      from: user,
      chat: fc.record({ id: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), type: fc.constantFrom('private', 'group', 'channel', 'weird') }),
      date: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), fc.constant(-5)),
      text: fc.option(hostileText),
      caption: fc.option(hostileText),
      photo: fc.option(fc.array(fc.record({ file_id: fc.string({ maxLength: 30 }), file_size: fc.nat() }), { maxLength: 3 })),
      extra: fc.option(fc.anything({ maxDepth: 3 })),
    });
    const payload = fc.oneof(message.map((m) => ({ kind: 'message' as const, m })), fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 3 }).map((d) => ({ kind: 'other' as const, d })));
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const id = 700_000 + n++;
        const update = p.kind === 'message' ? { update_id: id, message: { message_id: id, ...p.m } } : { ...p.d, update_id: id };
        expect((await postTelegram(JSON.stringify(update))).status).toBe(200);
      }),
      { numRuns: 60 },
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
