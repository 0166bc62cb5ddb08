import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, OUR_NUMBER, PUBLIC_URL, startBrowserInbox, TWILIO_AUTH_TOKEN, type BrowserInbox } from '../support/browser';
import { signTwilioWebhook } from '../support/twilio-stand-in';
import { ADMIN } from '../support/test-inbox';

const ACCOUNT_SID = 'AC00000000000000000000000000000031';
const AMY = { email: 'amy@privacy.local', password: 'amy-password-1', name: 'Amy Chen' };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const CUSTOMER = '+61412330001';

/**
 * Personal data in a real chromium: a card number removed on arrival shows in
 * the timeline, the classifier's hardship signal is offered as a suggestion,
 * the assigned agent records support needs on the customer page (shown beside
 * every case of theirs), and an admin downloads the subject access export,
 * requests erasure (held records listed with why) and previews tonight's
 * retention sweep. Screenshots at 1440 and 390 px wide.
 */
describe('personal data in the browser', () => {
  let shared: BrowserInbox;
  let shots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: ACCOUNT_SID, env: { AUTO_ACKNOWLEDGEMENT: 'false' }, staff: [{ ...AMY, role: 'agent' }] });
    // SCREENSHOTS_DIR: where a reviewer wants them as well (e.g. a branch's shots folder).
    shots = process.env.SCREENSHOTS_DIR ?? shared.screenshots;
    await mkdir(shots, { recursive: true });
  }, 180_000);

  checkPagesAndClose(() => shared);

  async function sms(body: string, sid: string, from = CUSTOMER) {
    const params = { MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: OUR_NUMBER, Body: body, NumMedia: '0' };
    const res = await fetch(`${shared.inbox.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    const { rows } = await shared.sql.query(`SELECT case_id, customer_id FROM messages WHERE external_id = $1`, [sid]);
    return rows[0] as { case_id: string; customer_id: string };
  }

  const signIn = (who: { email: string; password: string }, hash: string, viewport = WIDE) => shared.signIn(who, hash, { viewport, acceptDownloads: true });

  async function shot(page: Page, name: string) {
    const path = join(shots, name);
    await page.screenshot({ path, fullPage: true });
    if (shots !== shared.screenshots) await copyFile(path, join(shared.screenshots, name));
  }

  it('shows what was removed, and support needs to the assigned agent on the case and the customer page', async () => {
    const old = await sms('What are your opening hours on Saturday?', 'SMpd00000000000000000000000000001');
    await shared.sql.query(`UPDATE cases SET kind = 'enquiry', status = 'closed', closed_at = now() - interval '400 days', resolved_at = now() - interval '400 days' WHERE id = $1`, [old.case_id]);
    const open = await sms('I lost my job and cannot pay the fees. You charged my card 4111 1111 1111 1111 twice!', 'SMpd00000000000000000000000000002');
    const { rows } = await shared.sql.query(`SELECT id FROM users WHERE email = $1`, [AMY.email]);
    await shared.sql.query(`UPDATE cases SET assignee_id = $2, kind = 'complaint', status = 'open' WHERE id = $1`, [open.case_id, rows[0].id]);

    const page = await signIn(AMY, `#/cases/${open.case_id}`);
    await page.getByTestId('redactions').filter({ hasText: 'Card number removed' }).first().waitFor();
    await page.getByText('4111 11** **** 1111').first().waitFor();
    await page.getByText('The classifier noticed').first().waitFor();
    await shot(page, 'privacy-case-redaction-1440.png');

    await page.goto(`${shared.inbox.url}/#/customers/${open.customer_id}`);
    await page.getByTestId('edit-support-needs').click();
    const form = page.getByTestId('support-needs-form');
    await form.getByLabel('Financial hardship').check();
    await form.getByLabel('Call, not SMS').check();
    await form.getByLabel('More time to respond').check();
    await form.getByLabel('How we know').fill('The customer told us on the phone');
    await form.getByLabel('Consent to record it').selectOption('given');
    await form.getByRole('button', { name: 'Save' }).click();
    const needs = page.getByTestId('support-needs');
    await needs.getByText('Call, not SMS · More time to respond').waitFor();
    await shot(page, 'privacy-customer-support-needs-1440.png');
    await page.setViewportSize(PHONE);
    await shot(page, 'privacy-customer-support-needs-390.png');

    await page.setViewportSize(WIDE);
    await page.goto(`${shared.inbox.url}/#/cases/${open.case_id}`);
    await page.getByTestId('customer-panel').getByText('Financial hardship').waitFor();
    await shot(page, 'privacy-case-support-needs-1440.png');
  });

  it('lets an admin export, request erasure (held records with why) and preview tonight’s retention', async () => {
    const { rows } = await shared.sql.query(`SELECT customer_id FROM identities WHERE address = $1`, [CUSTOMER]);
    const page = await signIn(ADMIN, `#/customers/${rows[0].customer_id}`);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-customer').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^customer-.*\.zip$/);

    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('erasure-form').getByLabel('Reason').fill('Customer asked by email on 3 March');
    await page.getByRole('button', { name: 'Erase personal data' }).click();
    const answer = page.getByTestId('erasure-answer');
    await answer.getByText('the complaint is still open and must be answered').waitFor();
    await answer.getByText('Cases erased:').waitFor();
    await shot(page, 'privacy-export-erasure-1440.png');
    await page.setViewportSize(PHONE);
    await answer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'privacy-export-erasure-390.png') });

    // Due tonight: a complaint closed eight years ago and noise from last spring.
    const oldComplaint = await sms('Your teller was rude to my mother', 'SMpd00000000000000000000000000003', '+61412330002');
    await shared.sql.query(`UPDATE cases SET kind = 'complaint', status = 'closed', closed_at = now() - interval '8 years', resolved_at = now() - interval '8 years' WHERE id = $1`, [oldComplaint.case_id]);
    const noise = await sms('ok thanks, got it, cheers for that', 'SMpd00000000000000000000000000004', '+61412330003');
    await shared.sql.query(`UPDATE messages SET received_at = now() - interval '200 days' WHERE external_id = 'SMpd00000000000000000000000000004'`);
    expect(noise.customer_id).toBeTruthy();

    await page.setViewportSize(WIDE);
    await page.goto(`${shared.inbox.url}/#/retention`);
    await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 15_000 });
    const screen = page.getByTestId('retention-screen');
    await screen.getByText('What would be deleted tonight').waitFor();
    const complaints = screen.getByRole('row').filter({ hasText: 'Closed complaints: message content, notes, files (the register row stays)' });
    await complaints.getByText(/C-\d{6}/).waitFor();
    await shot(page, 'privacy-retention-preview-1440.png');
    await page.setViewportSize(PHONE);
    await shot(page, 'privacy-retention-preview-390.png');
  });
});
