import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { buildApp, spawnOnFreePort, stopGracefully, type SpawnedProcess } from '../support/built-app';
import { signTwilioWebhook, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { signMetaWebhook, startGraphApiStandIn, type GraphApiStandIn } from '../support/graph-api-stand-in';

const ACCOUNT_SID = 'AC00000000000000000000000000000000';
const TWILIO_TOKEN = 'logs-twilio-token';
const META_SECRET = 'logs-meta-secret';
const ADMIN = { email: 'log-admin@privacy.test', password: 'log-admin-password' };

// What a customer and a staff member disclose; none of it may reach the logs.
const PHONE = '+61412345678';
const WHATSAPP_NUMBER = '61498765432';
const SMS_TEXT = 'My card ending 4242 was charged twice, please refund Zelda Quokka';
const WHATSAPP_TEXT = 'Bonjour, my home address is 12 Wombat Lane Thornbury';
const REPLY_TEXT = 'Sorry Zelda, we have reversed the duplicate charge';
const AGENT_EMAIL = 'private.agent.name@privacy.test';
const CUSTOMER_NAME = 'Zelda Quokka';
const CHAT_PHONE = '+61412345699';

/**
 * A full run at debug level — webhooks in, an agent's reply out through the
 * provider, delivery callbacks, a refused forgery, a login — and then a grep
 * of everything the process printed for the phone numbers, emails, names and
 * texts that went through it.
 */
describe('personal data never in logs', () => {
  let app: SpawnedProcess | undefined;
  let twilio: TwilioStandIn;
  let graph: GraphApiStandIn;

  beforeAll(async () => {
    await buildApp();
    twilio = await startTwilioStandIn();
    graph = await startGraphApiStandIn();
  }, 240_000);

  afterAll(async () => {
    if (app) await stopGracefully(app.child);
    await twilio?.close();
    await graph?.close();
  });

  it('prints none of what customers and staff disclosed, even at debug level', async () => {
    const logsDir = await mkdtemp(join(tmpdir(), 'inbox-logs-'));
    const started = await spawnOnFreePort(
      'inbox',
      (port) => ({
        DATA_DIR: logsDir,
        LOG_LEVEL: 'debug',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        INBOX_ADMIN_EMAIL: ADMIN.email,
        INBOX_ADMIN_PASSWORD: ADMIN.password,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_API_BASE: twilio.baseUrl,
        META_APP_SECRET: META_SECRET,
        META_VERIFY_TOKEN: 'logs-verify',
        META_PAGE_ACCESS_TOKEN: 'logs-page-token',
        META_GRAPH_API_BASE: graph.baseUrl,
      }),
      90_000,
    );
    app = started;
    const base = `http://127.0.0.1:${started.port}`;

    const sms = { AccountSid: ACCOUNT_SID, From: PHONE, To: '+61400000000', Body: SMS_TEXT, MessageSid: 'SMlogs1', NumMedia: '0', ProfileName: CUSTOMER_NAME };
    const smsUrl = `${base}/webhooks/twilio/sms`;
    expect((await postForm(smsUrl, sms, signTwilioWebhook(TWILIO_TOKEN, smsUrl, sms))).status).toBe(200);
    // A forgery with the customer's data in it: refused, and the refusal does not echo it.
    expect((await postForm(smsUrl, { ...sms, MessageSid: 'SMlogs2' }, 'forged')).status).toBe(403);

    const whatsapp = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '61400000001', phone_number_id: 'PN1' },
                contacts: [{ profile: { name: CUSTOMER_NAME }, wa_id: WHATSAPP_NUMBER }],
                messages: [{ from: WHATSAPP_NUMBER, id: 'wamid.logs1', timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: WHATSAPP_TEXT } }],
              },
            },
          ],
        },
      ],
    });
    const meta = await fetch(`${base}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook(META_SECRET, whatsapp) },
      body: whatsapp,
    });
    expect(meta.status).toBe(200);

    const adminToken = await login(base, ADMIN.email, ADMIN.password);
    expect((await api(base, adminToken, '/api/users', { email: AGENT_EMAIL, password: 'agent-password-1', name: 'Private Agent', role: 'agent' })).status).toBe(201);
    await login(base, AGENT_EMAIL, 'wrong-password').catch(() => undefined);
    const agentToken = await login(base, AGENT_EMAIL, 'agent-password-1');
    const cases = (await (await fetch(`${base}/api/cases?limit=50`, { headers: { authorization: `Bearer ${agentToken}` } })).json()) as { items: Array<{ id: string; channel: string }> };
    const smsCase = cases.items.find((c) => c.channel === 'sms');
    expect(smsCase).toBeDefined();
    const reply = await fetch(`${base}/api/cases/${smsCase!.id}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
      body: JSON.stringify({ text: REPLY_TEXT }),
    });
    expect(reply.status).toBe(201);
    const replyId = ((await reply.json()) as { id: string }).id;
    await waitFor(() => twilio.requests.some((r) => r.form.Body === REPLY_TEXT && r.sid !== undefined), 15_000);
    // The SID Twilio (the stand-in) gave this reply: the callback must be about a message the inbox sent.
    const sid = twilio.requests.find((r) => r.form.Body === REPLY_TEXT)!.sid!;
    const status = { AccountSid: ACCOUNT_SID, MessageSid: sid, MessageStatus: 'delivered', To: PHONE, From: '+61400000000' };
    const statusUrl = `${base}/webhooks/twilio/status`;
    const callback = await postForm(statusUrl, status, signTwilioWebhook(TWILIO_TOKEN, statusUrl, status));
    expect(callback.status).toBeLessThan(300);
    const deliveryOf = async () => {
      const detail = (await (await fetch(`${base}/api/cases/${smsCase!.id}`, { headers: { authorization: `Bearer ${agentToken}` } })).json()) as {
        messages: Array<{ id: string; deliveryStatus: string | null }>;
      };
      return detail.messages.find((m) => m.id === replyId)?.deliveryStatus;
    };
    await waitForAsync(async () => (await deliveryOf()) === 'delivered', 15_000);
    // One-time codes: the status code in the acknowledgement, and a contact code asked for in the web chat.
    const ack = await waitFor(() => twilio.requests.some((r) => r.form.To === PHONE && /code [A-Z2-9]{4}-[A-Z2-9]{4}/.test(r.form.Body ?? '')), 15_000).then(
      () => twilio.requests.find((r) => r.form.To === PHONE && /code [A-Z2-9]{4}-[A-Z2-9]{4}/.test(r.form.Body ?? ''))!.form.Body,
    );
    const statusCode = /code ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(ack)![1];
    const visitor = io(`${base}/webchat`, { transports: ['websocket'], reconnection: false });
    await new Promise((resolve) => visitor.once('session', resolve));
    const identified = await visitor.timeout(10_000).emitWithAck('identify', { phone: CHAT_PHONE });
    expect(identified.verification).toEqual([expect.objectContaining({ channel: 'sms', sent: true })]);
    await waitFor(() => twilio.requests.some((r) => r.form.To === CHAT_PHONE), 15_000);
    const contactCode = /\b(\d{6})\b/.exec(twilio.requests.find((r) => r.form.To === CHAT_PHONE)!.form.Body)![1];
    await visitor.timeout(10_000).emitWithAck('verify', { code: contactCode === '000000' ? '111111' : '000000' });
    expect(await visitor.timeout(10_000).emitWithAck('verify', { code: contactCode })).toMatchObject({ ok: true });
    visitor.close();

    // The sentinel for "nothing printed later": the process has stopped and its output streams have closed.
    await stopAndDrain(app);
    const output = app.output();
    expect(output.length).toBeGreaterThan(500); // it did log, at debug level
    const secrets = [PHONE, PHONE.slice(1), WHATSAPP_NUMBER, SMS_TEXT, 'charged twice', WHATSAPP_TEXT, 'Wombat Lane', REPLY_TEXT, 'reversed the duplicate', AGENT_EMAIL, CUSTOMER_NAME, 'Quokka', statusCode, CHAT_PHONE, CHAT_PHONE.slice(1)];
    const leaks = secrets.filter((secret) => output.includes(secret));
    expect({ leaks, sample: leaks.length ? excerpt(output, leaks[0]) : '' }).toEqual({ leaks: [], sample: '' });
    // The 6-digit contact code as a number of its own (not a piece of a timestamp).
    expect(new RegExp(`(?<![0-9])${contactCode}(?![0-9])`).test(output)).toBe(false);
  }, 180_000);
});

function excerpt(output: string, needle: string): string {
  const at = output.indexOf(needle);
  return output.slice(Math.max(0, at - 300), at + 100);
}

async function postForm(url: string, params: Record<string, string>, signature: string): Promise<Response> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  await res.arrayBuffer();
  return res;
}

async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function api(base: string, token: string, path: string, body: unknown): Promise<Response> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res;
}

/** SIGTERM, then wait until stdout and stderr have closed: after that the process can print nothing more. */
async function stopAndDrain(app: SpawnedProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) throw new Error(`the inbox died during the test:\n${app.output()}`);
  const closed = new Promise((r) => app.child.once('close', r));
  await stopGracefully(app.child);
  await closed;
}

async function waitForAsync(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
