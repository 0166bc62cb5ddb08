import { startTestInbox, ADMIN, type TestInbox } from '../support/test-inbox';
import { signTwilioWebhook } from '../support/twilio-stand-in';

const AUTH_TOKEN = 'hardening-auth-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000000';

/** The HTTP edge: security headers, CORS only for configured origins, body limits, rate limits per source. */
describe('HTTP hardening', () => {
  let inbox: TestInbox;

  beforeAll(async () => {
    inbox = await startTestInbox({
      env: {
        RATE_LIMIT_PER_MINUTE: '40',
        LOGIN_RATE_LIMIT_PER_MINUTE: '3',
        CORS_ORIGINS: 'https://allowed.example',
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_API_BASE: 'http://127.0.0.1:9',
        PUBLIC_URL: 'https://inbox.example',
      },
    });
  });

  afterAll(async () => {
    await inbox?.close();
  });

  it('sends security headers on pages and API answers', async () => {
    for (const path of ['/', '/health', '/api/cases']) {
      const res = await fetch(`${inbox.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers CORS only for configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${inbox.url}/api/cases`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    expect((await preflight('https://allowed.example')).headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an oversized body with 413 and a clear message', async () => {
    const huge = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(3 * 1024 * 1024) });
    const res = await fetch(`${inbox.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const res = await fetch(`${inbox.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(res.status).toBe(400);
  });

  it('limits login attempts per address, then says why', async () => {
    const attempt = () =>
      fetch(`${inbox.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN.email, password: 'wrong-password' }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: 'too_many_requests', message: expect.stringContaining('Too many requests') });
  });

  it('limits API requests per address but never provider webhooks or health checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await fetch(`${inbox.url}/api/cases`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);

    for (let i = 0; i < 60; i++) {
      const params = { AccountSid: ACCOUNT_SID, From: '+61400111222', To: '+61400000000', Body: `flood ${i}`, MessageSid: `SMflood${i}`, NumMedia: '0' };
      const signature = signTwilioWebhook(AUTH_TOKEN, 'https://inbox.example/webhooks/twilio/sms', params);
      const res = await fetch(`${inbox.url}/webhooks/twilio/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
    }
    expect((await fetch(`${inbox.url}/health`)).status).toBe(200);
  });
});
