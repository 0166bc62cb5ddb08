import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN } from '../support/test-inbox';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';
import { freePort, startOidcProvider, type OidcProviderPeer } from '../support/oidc-provider';

/**
 * Single sign-on in Chromium against a real OpenID provider (oidc-provider,
 * in its own process on loopback): the authorization code flow with PKCE,
 * state and nonce, and each way it is refused. PASSWORD_LOGIN=off leaves the
 * password form only to the break-glass admin.
 */
describe('staff single sign-on in the browser', () => {
  let shared: BrowserInbox;
  let provider: OidcProviderPeer;
  let cardsTeamId: string;

  beforeAll(async () => {
    const port = await freePort();
    // The address the browser uses for the inbox (startTestInbox's url), so the redirect comes back to the same origin.
    const url = `http://localhost:${port}`;
    provider = await startOidcProvider({ redirectUri: `${url}/api/auth/oidc/callback` });
    shared = await startBrowserInbox({
      accountSid: 'AC00000000000000000000000000000011',
      staff: [],
      env: {
        PORT: String(port),
        PUBLIC_URL: url,
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_DISPLAY_NAME: 'Firm Okta',
        OIDC_ROLE_MAP: 'complaints-agents=agent,complaints-leads=supervisor,it-admins=admin',
        OIDC_TEAMS_MAP: 'complaints-cards=Cards',
        PASSWORD_LOGIN: 'off',
        BREAK_GLASS_ADMIN_EMAIL: ADMIN.email,
      },
    });
    const team = await shared.inbox.api<{ id: string }>('/api/teams', { token: shared.admin, body: { name: 'Cards' } });
    expect(team.status).toBe(201);
    cardsTeamId = team.body.id;
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });

  afterAll(async () => {
    await provider?.stop();
  });

  /** Clicks "Sign in with Firm Okta" and goes through the provider's sign-in and consent forms as `login`. */
  async function throughProvider(page: Page, login: string): Promise<void> {
    await page.getByRole('link', { name: 'Sign in with Firm Okta' }).click();
    await completeAtProvider(page, login);
  }

  /** The provider's development sign-in form (any password) and its consent form. */
  async function completeAtProvider(page: Page, login: string): Promise<void> {
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    await page.locator('input[name=login]').waitFor({ state: 'detached' });
    await page.locator('button[type=submit]').click();
  }

  /**
   * Waits for the login page's refusal message. The page is brought to the front first: Playwright's
   * visibility polling runs on animation frames, and a CI run saw a page behind the signed-in workspace's
   * window wait 30 s for a message that was on it.
   */
  async function refusal(page: Page, text: string | RegExp): Promise<void> {
    await page.bringToFront();
    try {
      await page.getByText(text).waitFor();
    } catch (error) {
      // Say where the browser ended up and what the page said instead.
      const said = await page.getByRole('alert').allTextContents().catch(() => []);
      throw new Error(`expected ${String(text)}; the page is at ${page.url()} and says ${JSON.stringify(said)}`, { cause: error });
    }
  }

  async function loginPage(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await shared.newPage(viewport ? { viewport } : {});
    await page.goto(`${shared.inbox.url}/`);
    await page.getByRole('link', { name: 'Sign in with Firm Okta' }).waitFor();
    return page;
  }

  it('signs a new person in through the provider: created with the role and team their groups map to, in an HttpOnly cookie', async () => {
    for (const width of [1440, 390]) await shot(await loginPage({ width, height: width === 390 ? 844 : 900 }), `login-sso-${width}.png`);
    const page = await loginPage({ width: 1440, height: 900 });
    // PASSWORD_LOGIN=off: the password form is folded away for the break-glass admin.
    expect(await page.getByLabel('Password').isVisible()).toBe(false);
    await throughProvider(page, 'ann+complaints-agents+complaints-cards');
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    const users = await shared.inbox.api<{ items: Array<{ email: string; role: string; teamIds: string[]; signIn: string }> }>('/api/users', { token: shared.admin });
    expect(users.body.items.find((u) => u.email === 'ann@firm.test')).toMatchObject({ role: 'agent', teamIds: [cardsTeamId], signIn: 'sso' });
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'inbox_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate('JSON.stringify(sessionStorage) + JSON.stringify(localStorage) + document.cookie')).not.toContain(cookies.find((c) => c.name === 'inbox_session')!.value);

    // Promoted in the directory: the next sign-in reads the new role.
    const again = await loginPage();
    await throughProvider(again, 'ann+complaints-leads');
    await again.getByRole('link', { name: 'Dashboard' }).waitFor();
  });

  it('refuses a callback whose state is not the one this browser started', async () => {
    const page = await loginPage();
    await page.getByRole('link', { name: 'Sign in with Firm Okta' }).click();
    await page.locator('input[name=login]').waitFor();
    // Meanwhile this browser starts another sign-in: its pending state is now another one.
    const restart = await page.context().request.get(`${shared.inbox.url}/api/auth/oidc`, { maxRedirects: 0 });
    expect(restart.status()).toBe(303);
    await completeAtProvider(page, 'bob+complaints-agents');
    await refusal(page, 'That sign-in could not be verified');
    expect(await page.getByTestId('connection').count()).toBe(0);
  });

  it('refuses a replayed authorization code', async () => {
    const page = await loginPage();
    const callbacks: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/auth/oidc/callback') callbacks.push(request.url());
    });
    await page.getByRole('link', { name: 'Sign in with Firm Okta' }).click();
    await page.locator('input[name=login]').waitFor();
    const pending = (await page.context().cookies()).find((c) => c.name === 'inbox_oidc')!;
    await completeAtProvider(page, 'cat+complaints-agents');
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    expect(callbacks).toHaveLength(1);

    // Someone who copied the browser's pending sign-in and the redirect tries the same code again.
    const replay = await shared.newPage();
    await replay.context().addCookies([pending]);
    await replay.goto(callbacks[0]);
    // Refused either by the provider (the code was used) or before it is asked (the pending sign-in was used up):
    // one CI run saw the second, depending on which check ran first.
    await refusal(replay, /refused that sign-in|took too long or was started in another browser|could not be verified/);
    expect(await replay.getByTestId('connection').count()).toBe(0);
  });

  it('refuses an id token that has expired', async () => {
    await provider.setIdTokenTtl(-600);
    try {
      const page = await loginPage();
      await throughProvider(page, 'dan+complaints-agents');
      await refusal(page, 'sent an expired sign-in');
    } finally {
      await provider.setIdTokenTtl(3600);
    }
  });

  it('refuses someone whose groups map to no role, and ends the sessions they already had', async () => {
    const open = await loginPage();
    await throughProvider(open, 'eve+complaints-agents');
    await open.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();

    const page = await loginPage();
    await throughProvider(page, 'eve+marketing');
    await refusal(page, 'Your directory groups do not give you access');
    await open.getByText('Your directory groups no longer give you access to the inbox.').waitFor();

    const audit = await shared.inbox.api<{ items: Array<{ action: string; subject: { email: string }; detail: Record<string, unknown> }> }>('/api/staff-audit', { token: shared.admin });
    expect(audit.body.items.find((a) => a.action === 'sign_in_refused' && a.subject.email === 'eve@firm.test')?.detail).toMatchObject({ method: 'sso', reason: 'no_role', sessionsEnded: true });
  });

  it('keeps password sign-in for the break-glass admin only', async () => {
    const page = await loginPage();
    await page.getByText('Emergency admin sign-in').click();
    await page.getByLabel('Email').fill('ann@firm.test');
    await page.getByLabel('Password').fill('whatever-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Password sign-in is off').waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
  });

  it('says so on the login page when the provider cannot be reached', async () => {
    await provider.stop();
    const page = await loginPage({ width: 1440, height: 900 });
    await page.getByRole('link', { name: 'Sign in with Firm Okta' }).click();
    await refusal(page, 'Your organisation’s sign-in service cannot be reached right now');
    await shot(page, 'login-sso-provider-down-1440.png');
  });

  async function shot(page: Page, name: string): Promise<void> {
    const dir = process.env.SCREENSHOTS_DIR;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: join(dir, name), fullPage: true });
  }
});
