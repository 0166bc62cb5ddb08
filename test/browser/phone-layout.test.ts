import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';

const ACCOUNT_SID = 'AC00000000000000000000000000000390';
const AMY = { email: 'amy@phone.test', password: 'amy-password-1', name: 'Amy Chen' };
const SUE = { email: 'sue@phone.test', password: 'sue-password-1', name: 'Sue Park' };

type Size = { width: number; height: number };
const DESKTOP: Size = { width: 1440, height: 900 };
const PHONE: Size = { width: 390, height: 844 };

/**
 * The workspace on a phone (390 px) and a desktop (1440 px), in a real
 * chromium: queue → case → back, the composer, the resolve preview, the
 * dashboard's key figures; nothing is wider than the screen, and every date
 * is the firm's, labelled, while the browser runs in UTC.
 */
describe('the workspace at 390 and 1440 px', () => {
  let shared: BrowserInbox;
  let shots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: ACCOUNT_SID, staff: [{ ...AMY, role: 'agent' }, { ...SUE, role: 'supervisor' }] });
    shots = process.env.SCREENSHOTS_DIR ?? shared.screenshots;
    await sms('+61412390001', 'I want to complain: my home loan repayment was taken twice this month');
    await sms('+61412390002', 'Complaint: the branch refused to give me my statements');
  }, 120_000);

  checkPagesAndClose(() => shared);

  const sms = (from: string, body: string) => shared.sms(from, body);

  const signIn = (who: { email: string; password: string }, hash: string, viewport: Size) => shared.signIn(who, hash, { viewport, timezoneId: 'UTC' });

  const pageWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

  /** The element is on the screen, whole, without scrolling sideways. */
  async function onScreen(page: Page, selector: ReturnType<Page['locator']>, viewport: Size) {
    const box = (await selector.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
  }

  for (const viewport of [DESKTOP, PHONE]) {
    it(`works a case at ${viewport.width} px: queue, case, composer, preview, back; every link and sign-out reachable`, async () => {
      const page = await signIn(AMY, '#/queue', viewport);
      const row = page.getByTestId('queue-row').filter({ hasText: 'home loan repayment' });
      await row.waitFor();
      await page.screenshot({ path: join(shots, `queue-${viewport.width}.png`) });
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      for (const name of ['Queue', 'Manage']) await onScreen(page, page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name }), viewport);
      await onScreen(page, page.getByRole('button', { name: 'Sign out' }), viewport);

      await row.click();
      const caseView = page.getByTestId('case-view');
      await caseView.getByTestId('message').first().waitFor();
      // The case header's dates are the firm's (Sydney), named, though the browser runs in UTC.
      await expect(caseView.locator('.case-facts').textContent()).resolves.toMatch(/AE[DS]T/);
      await page.keyboard.press('c');
      await page.getByTestId('case-assignee').filter({ hasText: 'You' }).waitFor();
      await onScreen(page, page.getByLabel('Reply text'), viewport);
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(shots, `case-${viewport.width}.png`) });

      await page.locator('[data-action="resolve"]').click();
      const dialog = page.getByRole('dialog', { name: 'Resolve' });
      await dialog.getByLabel('Findings and reasons').fill('The second repayment was our error and has been returned to your account.');
      await dialog.getByRole('button', { name: 'Preview' }).click();
      await dialog.getByTestId('send-preview').filter({ hasText: 'To +61412390001 by SMS' }).waitFor();
      await onScreen(page, dialog.getByRole('button', { name: 'Send — Resolve' }), viewport);
      await page.screenshot({ path: join(shots, `resolve-preview-${viewport.width}.png`) });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      if (viewport === PHONE) {
        // One pane at a time: the queue is away while the case is open, and comes back with the case's back link.
        await expect(page.getByTestId('queue-row').first().isVisible()).resolves.toBe(false);
        await caseView.getByRole('link', { name: 'Back to the queue' }).click();
        await row.waitFor();
      }
      await page.context().close();
    });

    it(`shows the dashboard's key figures and the reports at ${viewport.width} px`, async () => {
      const page = await signIn(SUE, '#/supervisor', viewport);
      const today = page.getByTestId('kpi-today');
      await today.locator('.sv-kpi-value').filter({ hasText: /^\d+$/ }).waitFor();
      await onScreen(page, today, viewport);
      // Every screen's link is on the screen, the last one too (they wrap on a phone rather than run off the edge).
      const links = page.getByRole('navigation', { name: 'Screens' }).getByRole('link');
      expect(await links.count()).toBeGreaterThanOrEqual(7);
      for (const link of await links.all()) await onScreen(page, link, viewport);
      await page.getByTestId('volume-chart').locator('canvas').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(shots, `dashboard-${viewport.width}.png`), fullPage: true });
      await page.goto(`${shared.inbox.url}/#/reports`);
      await page.getByTestId('report-table').waitFor();
      // The period's days are written the firm's way (day first), whatever the browser's language.
      const [{ today: firmToday }] = (await shared.sql.query(`SELECT to_char(now() AT TIME ZONE 'Australia/Sydney', 'DD/MM/YYYY') AS today`)).rows;
      await expect(page.getByLabel('To', { exact: true }).inputValue()).resolves.toBe(firmToday);
      await page.getByTestId('report-chart').locator('canvas').waitFor();
      // One day of data: the time axis spans a week around it, not years with the point at an edge.
      const [xMin, xMax] = ((await page.getByTestId('report-chart').getAttribute('data-x-range')) ?? '').split(',').map(Number);
      expect(xMax - xMin).toBe(7 * 86_400);
      const [{ day }] = (await shared.sql.query(`SELECT to_char(min(received_at) AT TIME ZONE 'Australia/Sydney', 'YYYY-MM-DD') AS day FROM messages`)).rows;
      expect(Date.parse(`${day}T12:00:00Z`) / 1000).toBe((xMin + xMax) / 2);
      await page.screenshot({ path: join(shots, `reports-${viewport.width}.png`), fullPage: true });
      await page.context().close();
    });

    it(`shows a customer's phone number grouped the local way, with its E.164 form kept, at ${viewport.width} px`, async () => {
      const [{ customer_id: customerId }] = (await shared.sql.query(`SELECT customer_id FROM identities WHERE address = '+61412390002'`)).rows;
      const page = await signIn(SUE, `#/customers/${customerId}`, viewport);
      const number = page.getByTestId('customer-screen').locator('.pd-identities .phone-number');
      await number.filter({ hasText: '0412 390 002' }).waitFor();
      await expect(number.getAttribute('title')).resolves.toBe('+61412390002');
      await expect(page.getByTestId('customer-screen').textContent()).resolves.not.toContain('+61412390002');
      expect(await pageWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(shots, `customer-${viewport.width}.png`), fullPage: true });
      await page.context().close();
    });
  }
});
