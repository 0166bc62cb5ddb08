import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN } from '../support/test-inbox';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';

const AMY = { email: 'amy@accounts.test', password: 'amy-password-1', name: 'Amy Chen' };

/**
 * An admin disables an agent in the workspace: the agent's open workspace, in
 * another browser, closes at once and says why; re-enabled, she signs in again.
 * Signing out ends the session on the server too.
 */
describe('staff accounts in the browser', () => {
  let shared: BrowserInbox;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000009', staff: [{ ...AMY, role: 'agent' }] });
  }, 120_000);

  checkPagesAndClose(() => shared);

  const signIn = (who: { email: string; password: string }, hash: string, viewport?: { width: number; height: number }) =>
    shared.signIn(who, hash, viewport ? { viewport } : {});

  it('disables an agent, whose open workspace closes saying why, and enables her again', async () => {
    const amy = await signIn(AMY, '#/queue');
    const admin = await signIn(ADMIN, '#/users', { width: 1440, height: 900 });
    const row = admin.getByTestId('users-table').getByRole('row').filter({ hasText: AMY.email });
    await row.getByText('Active').waitFor();
    await shot(admin, 'users-1440.png');

    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    await amy.getByText('Your account was disabled.').waitFor();
    await amy.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(amy, 'signed-out-disabled.png');

    await amy.getByLabel('Email').fill(AMY.email);
    await amy.getByLabel('Password').fill(AMY.password);
    await amy.getByRole('button', { name: 'Sign in' }).click();
    await amy.getByText('Wrong email or password').waitFor();

    await row.getByRole('button', { name: 'Enable' }).click();
    await row.getByText('Active').waitFor();
    const again = await signIn(AMY, '#/queue');
    // An agent has no Users screen.
    expect(await again.getByRole('link', { name: 'Users' }).count()).toBe(0);
  });

  it('shows the accounts on a phone-sized screen too', async () => {
    const admin = await signIn(ADMIN, '#/users', { width: 390, height: 844 });
    await admin.getByTestId('users-table').waitFor();
    await shot(admin, 'users-390.png');
  });

  it('signing out ends the session on the server', async () => {
    const page = await signIn(AMY, '#/queue');
    // The session is an HttpOnly cookie: nothing of it in JavaScript-readable storage.
    const session = (await page.context().cookies()).find((c) => c.name === 'inbox_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate('JSON.stringify(sessionStorage) + JSON.stringify(localStorage) + document.cookie')).not.toContain(session!.value);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const res = await shared.inbox.api('/api/auth/me', { token: session!.value });
    expect(res).toMatchObject({ status: 401, body: { error: 'session_ended' } });
  });

  /** Screenshots for review: under SCREENSHOTS_DIR when set (they are not part of the repository's docs). */
  async function shot(page: Page, name: string): Promise<void> {
    const dir = process.env.SCREENSHOTS_DIR;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: join(dir, name), fullPage: true });
  }
});
