import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { ADMIN } from '../support/test-inbox';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';

/** The code of the next 30-second step: accepted (one step of clock drift) and newer than the one used to set up. */
function nextCode(secret: string): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
}

const TOM = { email: 'tom@two-factor.test', password: 'tom-password-12', name: 'Tom Reyes' };

/**
 * Password + TOTP end to end in Chromium: REQUIRE_2FA=all makes the agent set
 * it up at sign-in (QR code, then ten recovery codes); next time the app's
 * code is asked for, and a recovery code works once. The account screen lists
 * sessions and makes a personal API token; the users screen invites, resets a
 * second factor and shows the audit trail.
 */
describe('two-factor sign-in, account and user admin in the browser', () => {
  let shared: BrowserInbox;
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000012', staff: [{ ...TOM, role: 'agent' }], env: { REQUIRE_2FA: 'all' } });
  }, 120_000);

  checkPagesAndClose(() => shared);

  async function fillPassword(page: Page, who: { email: string; password: string }): Promise<void> {
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('sets up TOTP at first sign-in with a QR code, then shows the recovery codes once', async () => {
    // On a phone first, left there; then set up for good on a desktop (a new QR code replaces the unconfirmed one).
    for (const width of [390, 1440]) {
      const page = await shared.newPage({ viewport: { width, height: width === 390 ? 844 : 900 } });
      await page.goto(`${shared.inbox.url}/`);
      await fillPassword(page, TOM);
      await page.getByTestId('totp-qr').waitFor();
      await shot(page, `totp-enrolment-${width}.png`);
      if (width === 390) continue;
      await page.getByText('Can’t scan? Show the key to type in').click();
      secret = (await page.getByTestId('totp-secret').innerText()).trim();
      await page.getByLabel('Code from the app').fill(generateSync({ secret }));
      await page.getByRole('button', { name: 'Turn on and sign in' }).click();
      await page.getByTestId('recovery-codes').waitFor();
      recoveryCodes = (await page.getByTestId('recovery-codes').locator('code').allInnerTexts()).map((c) => c.trim());
      expect(recoveryCodes).toHaveLength(10);
      await shot(page, 'totp-recovery-codes-1440.png');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    }
  });

  it('asks for the code next time, and takes a recovery code once', async () => {
    const page = await shared.newPage();
    await page.goto(`${shared.inbox.url}/`);
    await fillPassword(page, TOM);
    await page.getByLabel('Authentication code').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();

    const again = await shared.newPage();
    await again.goto(`${shared.inbox.url}/`);
    await fillPassword(again, TOM);
    await again.getByLabel('Authentication code').fill(recoveryCodes[0]);
    await again.getByRole('button', { name: 'Verify' }).click();
    await again.getByText('That code is not right').waitFor();
    await again.getByLabel('Authentication code').fill(nextCode(secret));
    await again.getByRole('button', { name: 'Verify' }).click();
    await again.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
  });

  it('lists sessions and makes a personal API token shown once, on the account screen', async () => {
    const page = await shared.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${shared.inbox.url}/#/account`);
    await fillPassword(page, TOM);
    // Each TOTP code works once; the second recovery code does here.
    await page.getByLabel('Authentication code').fill(recoveryCodes[1]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByTestId('sessions-table').waitFor();
    expect(await page.getByTestId('sessions-table').getByRole('row').count()).toBeGreaterThan(2);
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').locator('code').innerText()).trim();
    expect(token).toMatch(/^inbox_pat_/);
    expect((await shared.inbox.api('/api/cases', { token })).status).toBe(200);
    await page.getByTestId('api-tokens').getByText('CRM sync').waitFor();
    await shot(page, 'account-1440.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'account-390.png');
  });

  it('lets an admin invite, reset a second factor, and read the audit trail', async () => {
    const page = await shared.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${shared.inbox.url}/#/users`);
    await fillPassword(page, ADMIN);
    // The harness set up the admin's second factor (REQUIRE_2FA=all).
    await page.getByLabel('Authentication code').fill(nextCode(shared.adminTotpSecret!));
    await page.getByRole('button', { name: 'Verify' }).click();

    const invite = page.getByRole('form', { name: 'Invite a user' });
    await invite.getByLabel('Name').fill('Ivy Nguyen');
    await invite.getByLabel('Work email').fill('ivy@two-factor.test');
    await invite.getByLabel('Role').selectOption('supervisor');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const ivy = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'ivy@two-factor.test' });
    await ivy.getByText('Invited').waitFor();

    const tom = page.getByTestId('users-table').getByRole('row').filter({ hasText: TOM.email });
    await tom.getByText('2FA').waitFor();
    await tom.getByRole('button', { name: 'Manage' }).click();
    const manage = page.getByLabel(`Manage ${TOM.name}`);
    await manage.getByTestId('sessions-table').waitFor();
    await shot(page, 'users-admin-1440.png');
    await manage.getByRole('button', { name: 'Reset second factor' }).click();
    await tom.getByText('2FA').waitFor({ state: 'detached' });
    const audit = page.getByTestId('staff-audit');
    await audit.getByText('reset the second factor').first().waitFor();
    await audit.getByText('used a recovery code').first().waitFor();
    await audit.getByText('sign-in failed').first().waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'users-admin-390.png');
  });

  async function shot(page: Page, name: string): Promise<void> {
    const dir = process.env.SCREENSHOTS_DIR;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: join(dir, name), fullPage: true });
  }
});
