import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, OUR_NUMBER, PUBLIC_URL, startBrowserInbox, TWILIO_AUTH_TOKEN, type BrowserInbox } from '../support/browser';
import { signTwilioWebhook } from '../support/twilio-stand-in';

const ACCOUNT_SID = 'AC00000000000000000000000000000118';
const AMY = { email: 'amy@approval.test', password: 'amy-password-1', name: 'Amy Chen' };
const SUE = { email: 'sue@approval.test', password: 'sue-password-1', name: 'Sue Park' };

/** FINAL_RESPONSE_APPROVAL in the browser: the agent sends the previewed response for approval; the supervisor approves it on the case. */
describe('final response approval in the browser', () => {
  let shared: BrowserInbox;
  let shots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: ACCOUNT_SID, env: { FINAL_RESPONSE_APPROVAL: 'true' }, staff: [{ ...AMY, role: 'agent' }, { ...SUE, role: 'supervisor' }] });
    shots = process.env.SCREENSHOTS_DIR ?? shared.screenshots;
    const params = { MessageSid: `SM${'1'.repeat(32)}`, AccountSid: ACCOUNT_SID, From: '+61412118001', To: OUR_NUMBER, Body: 'I want to complain: the overdraft fee was charged twice', NumMedia: '0' };
    const res = await fetch(`${shared.inbox.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
  }, 120_000);

  checkPagesAndClose(() => shared);

  async function openCase(who: { email: string; password: string }, width: number): Promise<Page> {
    const page = await shared.newPage({ viewport: { width, height: 900 } });
    await page.goto(shared.inbox.url);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('queue-row').filter({ hasText: 'overdraft fee' }).click();
    await page.getByTestId('case-view').getByTestId('message').first().waitFor();
    return page;
  }

  it('sends the agent’s previewed resolution for approval, and the supervisor approves it on the case', async () => {
    const amy = await openCase(AMY, 1440);
    await amy.keyboard.press('c');
    await amy.getByTestId('case-assignee').filter({ hasText: 'You' }).waitFor();
    await amy.keyboard.press('d');
    const dialog = amy.getByRole('dialog', { name: 'Resolve' });
    await dialog.getByLabel('Findings and reasons').fill('The second overdraft fee was our error and is refunded.');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByTestId('send-preview').filter({ hasText: 'To +61412118001 by SMS' }).waitFor();
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await dialog.waitFor({ state: 'detached' });
    await amy.getByTestId('final-response-proposal').filter({ hasText: 'awaiting a supervisor’s approval' }).waitFor();
    await expect(amy.getByRole('button', { name: 'Approve and send' }).count()).resolves.toBe(0);

    for (const width of [1440, 390]) {
      const sue = await openCase(SUE, width);
      const proposal = sue.getByTestId('final-response-proposal');
      await proposal.filter({ hasText: 'proposed by Amy Chen' }).waitFor();
      await expect(proposal.locator('pre').textContent()).resolves.toContain('The second overdraft fee was our error and is refunded.');
      await sue.screenshot({ path: join(shots, `approval-${width}.png`) });
      if (width === 390) {
        await proposal.getByRole('button', { name: 'Approve and send' }).click();
        await sue.getByTestId('case-status').filter({ hasText: 'Resolved' }).waitFor();
        await proposal.waitFor({ state: 'detached' });
      }
      await sue.context().close();
    }
    const [{ status }] = (await shared.sql.query(`SELECT status FROM cases LIMIT 1`)).rows;
    expect(status).toBe('resolved');
  });
});
