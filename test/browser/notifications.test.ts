import { join } from 'node:path';
import type { Page } from 'playwright-core';
import webPush from 'web-push';
import { OUR_NUMBER, PUBLIC_URL, checkPagesAndClose, startBrowserInbox, TWILIO_AUTH_TOKEN, type BrowserInbox } from '../support/browser';
import { signTwilioWebhook } from '../support/twilio-stand-in';

const ACCOUNT_SID = 'AC00000000000000000000000000000023';
const ANN = { email: 'ann@test.local', password: 'ann-password-1', name: 'Ann Lee' };
const BEN = { email: 'ben@test.local', password: 'ben-password-1', name: 'Ben Ortiz' };

/** The few browser globals the page functions below use (the tests compile without the DOM library). */
type BrowserGlobals = {
  document: { activeElement: { getAttribute(name: string): string | null } | null };
  navigator: { serviceWorker: { ready: Promise<{ scope: string; getNotifications(): Promise<Array<{ title: string; body: string; data: unknown }>> }> } };
};

const focusedTestId = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.getAttribute('data-testid'));

/**
 * The notification centre in a real chromium: Ann names Ben in a note, Ben's
 * bell counts it live, and from the keyboard he opens the panel and the case;
 * "Notify me in this browser" registers the service worker, which shows a push
 * arriving while the workspace is closed. Screenshots at 1440 and 390 px.
 */
describe('notification centre in the browser', () => {
  let shared: BrowserInbox;
  let shots: string;
  let sid = 0;

  beforeAll(async () => {
    const vapid = webPush.generateVAPIDKeys();
    shared = await startBrowserInbox({
      accountSid: ACCOUNT_SID,
      env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
      staff: [ANN, BEN].map((s) => ({ ...s, role: 'agent' as const })),
    });
    shots = shared.shots;
    await sms('+61412300231', 'I want to complain: the bank closed my account without telling me');
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });

  async function sms(from: string, body: string) {
    const params = { MessageSid: `SM${String(++sid).padStart(32, '0')}`, AccountSid: ACCOUNT_SID, From: from, To: OUR_NUMBER, Body: body, NumMedia: '0' };
    const res = await fetch(`${shared.inbox.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBeLessThan(300);
  }

  async function signIn(who: { email: string; password: string }, viewport = { width: 1440, height: 900 }): Promise<Page> {
    const page = await shared.newPage({ viewport });
    await page.goto(shared.inbox.url);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    return page;
  }

  it('counts a mention live on the colleague’s bell, and the item opens the case from the keyboard', async () => {
    const ben = await signIn(BEN);
    await ben.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    await ben.evaluate(() => ((globalThis as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));

    const ann = await signIn(ANN);
    await ann.getByTestId('queue-row').filter({ hasText: 'closed my account' }).click();
    const caseView = ann.getByTestId('case-view');
    const reference = (await caseView.locator('.case-ref').first().textContent())!;
    await ann.keyboard.press('n');
    await ann.getByLabel('Note text').fill('@Ben can you call them back today? They also asked @nobody about fees.');
    await ann.keyboard.press('Control+Enter');
    const mention = caseView.getByTestId('note-mention');
    await mention.waitFor();
    await expect(mention.allTextContents()).resolves.toEqual(['@Ben']);

    // Ben's bell counts it without a reload.
    await ben.getByTestId('notification-count').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await expect(ben.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).resolves.toBe(true);
    await ben.getByRole('button', { name: 'Notifications, 1 unread' }).focus();
    await ben.keyboard.press('Enter');
    const panel = ben.getByRole('dialog', { name: 'Notifications' });
    const item = panel.getByTestId('notification-item');
    await expect(item.textContent()).resolves.toContain(`Ann Lee mentioned you on ${reference}`);
    await expect(focusedTestId(ben)).resolves.toBe('notification-item');
    await ben.screenshot({ path: join(shots, 'notifications-1440.png') });

    // Escape closes back to the bell; Enter opens again; Enter on the item opens the case and reads it.
    await ben.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect(focusedTestId(ben)).resolves.toBe('notification-bell');
    await ben.keyboard.press('Enter');
    await ben.keyboard.press('Enter');
    await ben.getByTestId('case-view').locator('.case-ref').filter({ hasText: reference }).waitFor();
    await ben.getByTestId('case-view').getByTestId('note-mention').filter({ hasText: '@Ben' }).waitFor();
    await ben.screenshot({ path: join(shots, 'notifications-case-1440.png') });
    await ben.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    await expect(ben.getByTestId('notification-count').count()).resolves.toBe(0);
  });

  it('on a phone: the bell and its panel fit the screen; "Notify me in this browser" registers the service worker, which shows a push arriving with the workspace closed', async () => {
    const ben = await signIn(BEN, { width: 390, height: 844 });
    const annToken = await shared.inbox.login(ANN.email, ANN.password);
    const { rows } = await shared.sql.query(`SELECT id FROM cases ORDER BY created_at LIMIT 1`);
    const note = await shared.inbox.api(`/api/cases/${rows[0].id}/notes`, { token: annToken, body: { text: '@ben.ortiz the customer rang again, see the call log' } });
    expect(note.status).toBe(201);
    await ben.getByTestId('notification-count').waitFor();
    await ben.context().grantPermissions(['notifications'], { origin: shared.inbox.url });
    await ben.getByTestId('notification-bell').click();
    const panel = ben.getByRole('dialog', { name: 'Notifications' });
    await panel.getByTestId('notification-item').first().waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await ben.screenshot({ path: join(shots, 'notifications-390.png') });

    // Headless chromium has no push service to subscribe with: the worker is registered, and the workspace says why it stops there.
    await panel.getByLabel('Notify me in this browser').click();
    const scope = await ben.evaluate(async () => (await (globalThis as unknown as BrowserGlobals).navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${new URL(ben.url()).origin}/`);
    await ben.locator('.toast-error').filter({ hasText: /permission denied|push service/i }).waitFor();
    await expect(panel.getByLabel('Notify me in this browser').isChecked()).resolves.toBe(false);
    expect((await shared.sql.query(`SELECT 1 FROM staff_push_subscriptions`)).rowCount).toBe(0);

    // With the workspace closed, a push (delivered through DevTools, as a push service would) shows a notification.
    const other = await ben.context().newPage();
    const cdp = await ben.context().newCDPSession(other);
    const registrations = new Promise<Array<{ registrationId: string; scopeURL: string }>>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) =>
        resolve(e.registrations.filter((r) => !r.isDeleted)),
      ),
    );
    await cdp.send('ServiceWorker.enable');
    const [registration] = (await registrations).filter((r) => r.scopeURL === scope);
    await ben.close();
    const payload = { id: 'n-1', title: 'Ann Lee mentioned you on C-000001', body: 'the customer rang again', caseId: rows[0].id, url: `/#/cases/${rows[0].id}` };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(scope).origin, registrationId: registration.registrationId, data: JSON.stringify(payload) });
    await new Promise((r) => setTimeout(r, 1_500));
    // A page of the origin only to read what the worker showed (a JSON route, not the workspace).
    await other.goto(`${new URL(scope).origin}/health`);
    const shown = await other.evaluate(async () =>
      (await (await (globalThis as unknown as BrowserGlobals).navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, data: n.data })),
    );
    expect(shown).toEqual([{ title: payload.title, body: payload.body, data: { url: payload.url } }]);
  });
});
