import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';

const AMY = { email: 'amy@widget.test', password: 'amy-password-1', name: 'Amy Chen' };

/**
 * The web chat widget and the status page as a customer sees them, in a real
 * chromium at a desktop's and a phone's width: who wrote each line and when,
 * the newest line in view after a reload, the contact given remembered, the
 * 1–5 rating as buttons with a thank-you; the status page with the AFCA
 * information and the reference on one line.
 */
describe('the web chat widget and the status page', () => {
  let shared: BrowserInbox;
  let shots: string;
  /** The status page code, as the acknowledgement gave it to the visitor live (stored masked). */
  let statusCode = '';

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000777', staff: [{ ...AMY, role: 'agent' }] });
    shots = process.env.SCREENSHOTS_DIR ?? shared.screenshots;
  }, 120_000);

  checkPagesAndClose(() => shared);

  const widget = (page: Page) => page.locator('[data-complaints-inbox-webchat]');
  const bylines = (page: Page) => widget(page).locator('[data-role="byline"]');

  it('shows who wrote each line and when, keeps the newest in view after a reload, remembers the contact, and takes a rating by buttons', async () => {
    const page = await shared.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${shared.inbox.url}/webchat`);
    await widget(page).getByRole('button', { name: 'Chat with us' }).click();
    await widget(page).getByLabel('Your message').fill('I want to complain: my transfer to my landlord never arrived');
    await page.keyboard.press('Enter');
    // The automatic acknowledgement, then an agent's reply by first name, each with its time.
    await bylines(page).filter({ hasText: /^Automatic · \d{1,2}:\d{2}/ }).waitFor();
    statusCode = /code ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec((await widget(page).getByRole('log').textContent()) ?? '')![1];
    const [{ id: caseId }] = (await shared.sql.query(`SELECT id FROM cases WHERE channel = 'webchat' ORDER BY received_at DESC LIMIT 1`)).rows;
    const amy = await shared.inbox.login(AMY.email, AMY.password);
    for (let i = 1; i <= 8; i++) {
      expect((await shared.inbox.api(`/api/cases/${caseId}/replies`, { token: amy, body: { text: `Checking step ${i} of 8 with our payments team.` } })).status).toBe(201);
    }
    await widget(page).getByText('Checking step 8 of 8 with our payments team.').waitFor();
    await bylines(page).filter({ hasText: /^Amy · / }).first().waitFor();
    await widget(page).getByLabel('Your email or phone number').fill('lee.visitor@example.org');
    await widget(page).getByRole('button', { name: 'Save' }).click();
    await widget(page).getByText('We can reach you at lee.visitor@example.org').waitFor();

    // After a reload: the same conversation, its newest line in view, the contact not asked again.
    await page.reload();
    await widget(page).getByRole('button', { name: 'Chat with us' }).click();
    await widget(page).getByText('Checking step 8 of 8 with our payments team.').waitFor();
    const log = widget(page).getByRole('log');
    await page.waitForFunction(
      (el) => (el as unknown as { scrollTop: number; clientHeight: number; scrollHeight: number }).scrollTop + (el as unknown as { clientHeight: number }).clientHeight >= (el as unknown as { scrollHeight: number }).scrollHeight - 2,
      await log.elementHandle(),
    );
    await widget(page).getByText('We can reach you at lee.visitor@example.org').waitFor();
    await expect(bylines(page).filter({ hasText: /^Amy · \d{1,2}:\d{2}/ }).count()).resolves.toBe(8);
    await page.screenshot({ path: join(shots, 'widget-390.png') });

    // Resolved: the satisfaction question comes with 1–5 as buttons; one press answers and thanks.
    const admin = shared.admin;
    expect((await shared.inbox.api(`/api/cases/${caseId}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'resolved', reasons: 'The transfer was delayed by our error and has now arrived.' } })).status).toBe(200);
    const rating = widget(page).getByRole('group', { name: 'Your rating' });
    await rating.getByRole('button', { name: '5' }).click();
    await widget(page).getByText('Thank you for your rating.').waitFor();
    for (let i = 0; i < 100; i++) {
      const { rows } = await shared.sql.query(`SELECT score FROM case_satisfaction WHERE case_id = $1`, [caseId]);
      if (rows[0]?.score === 5) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await shared.sql.query(`SELECT score FROM case_satisfaction WHERE case_id = $1`, [caseId])).rows).toEqual([{ score: 5 }]);
    await page.context().close();
  });

  it('styles the status page like the widget, with the AFCA information and the reference on one line', async () => {
    const [{ reference }] = (await shared.sql.query(`SELECT reference FROM cases WHERE channel = 'webchat' LIMIT 1`)).rows;
    expect(statusCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    for (const width of [1440, 390]) {
      const page = await shared.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${shared.inbox.url}/status/${reference}`);
      await page.getByLabel('Code').fill(statusCode);
      await page.getByRole('button', { name: 'Show the status' }).click();
      await page.getByText('Closed on').waitFor();
      await page.locator('section.afca').filter({ hasText: 'afca.org.au' }).waitFor();
      const ref = page.locator('h1 .ref');
      const box = (await ref.boundingBox())!;
      // One line: as tall as one line of its text.
      expect(box.height).toBeLessThan(30);
      await page.screenshot({ path: join(shots, `status-page-${width}.png`) });
      await page.context().close();
    }
  });
});
