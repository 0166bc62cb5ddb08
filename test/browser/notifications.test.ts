import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { OUR_NUMBER, PUBLIC_URL, startBrowserInbox, TWILIO_AUTH_TOKEN, type BrowserInbox } from '../support/browser';
import { signTwilioWebhook } from '../support/twilio-stand-in';

const ACCOUNT_SID = 'AC00000000000000000000000000000023';
const ANN = { email: 'ann@test.local', password: 'ann-password-1', name: 'Ann Lee' };
const BEN = { email: 'ben@test.local', password: 'ben-password-1', name: 'Ben Ortiz' };

/**
 * The notification centre in a real chromium: Ann names Ben in a note, Ben's
 * bell counts it live, and from the keyboard he opens the panel and the case;
 * "Notify me in this browser" registers the service worker. Screenshots at 1440 and 390 px.
 */
describe('notification centre in the browser', () => {
  let shared: BrowserInbox;
  let shots: string;
  let sid = 0;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: ACCOUNT_SID, staff: [ANN, BEN].map((s) => ({ ...s, role: 'agent' as const })) });
    shots = process.env.SCREENSHOTS_DIR ?? shared.screenshots;
    await sms('+61412300231', 'I want to complain: the bank closed my account without telling me');
  }, 120_000);

  afterEach(async () => {
    for (const context of shared?.contexts.splice(0) ?? []) await context.close().catch(() => undefined);
    expect(shared.pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await shared?.close();
  });

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
    await expect(ben.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('notification-item');
    await ben.screenshot({ path: join(shots, 'notifications-1440.png') });

    // Escape closes back to the bell; Enter opens again; Enter on the item opens the case and reads it.
    await ben.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect(ben.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('notification-bell');
    await ben.keyboard.press('Enter');
    await ben.keyboard.press('Enter');
    await ben.getByTestId('case-view').locator('.case-ref').filter({ hasText: reference }).waitFor();
    await ben.getByTestId('case-view').getByTestId('note-mention').filter({ hasText: '@Ben' }).waitFor();
    await ben.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    await expect(ben.getByTestId('notification-count').count()).resolves.toBe(0);
  });

  it('on a phone: the bell and its panel fit the screen; "Notify me in this browser" registers the service worker', async () => {
    const ben = await signIn(BEN, { width: 390, height: 844 });
    await ben.context().grantPermissions(['notifications'], { origin: shared.inbox.url });
    await ben.getByTestId('notification-bell').click();
    const panel = ben.getByRole('dialog', { name: 'Notifications' });
    await panel.getByTestId('notification-item').first().waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await ben.screenshot({ path: join(shots, 'notifications-390.png') });

    await panel.getByLabel('Notify me in this browser').click();
    const scope = await ben.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${shared.inbox.url}/`);
    await ben.locator('.toast').first().waitFor();
    console.log('toast:', await ben.locator('.toast').allTextContents());
    const subscribed = await ben.evaluate(async () => Boolean(await (await navigator.serviceWorker.ready).pushManager.getSubscription()));
    console.log('browser push subscription in headless chromium:', subscribed);
  });
});
