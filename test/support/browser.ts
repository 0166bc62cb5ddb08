import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { generateSync } from 'otplib';
import { TOPICS } from '@inbox/contracts';
import { ADMIN, inboundMessage, startTestInbox, type TestInbox } from './test-inbox';
import { startTwilioStandIn, type TwilioStandIn } from './twilio-stand-in';
import { TwilioWebhooks } from './builders/twilio-webhooks';

const ROOT = resolve(__dirname, '../..');
/** Debian's chromium; `npm test` installs it when missing (as root) (playwright's own browser download needs the internet, which CI machines may lack). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Builds the web workspace into a fresh directory (given to the inbox as
 * WEB_UI_DIR), so the test drives the current sources and never races another
 * build writing apps/web/dist.
 */
export async function buildWebWorkspace(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'inbox-web-'));
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/web/vite.config.mts'), '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
  );
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`vite build wrote no index.html into ${dir}`);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A real headless chromium; a missing browser is a failure that says what to install, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM_PATH}: run "apt-get install -y chromium" (npm test does it when run as root).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** A box as the page functions read it (the tests compile without the DOM library). */
type Box = { scrollWidth: number; clientWidth: number };

/**
 * That a list reads without scrolling sideways at the page's width: `list` does not scroll sideways, no
 * cell of `cells` is clipped (each shows all of its text within its own box), and the page does not scroll
 * sideways either.
 */
export async function expectNothingCutOff(page: Page, list: Locator, cells: Locator): Promise<void> {
  expect(await list.evaluate((e: Box) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  expect(await cells.count()).toBeGreaterThan(0);
  // The clipped cells by their text, for a failure that says which.
  const clipped = await cells.evaluateAll((all: Array<Box & { textContent: string | null }>) => all.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
  expect(clipped).toEqual([]);
  const pageWidth = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: Box } }).document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The Twilio settings the browser tests' inbox runs with (each test file has its own account SID). */
export const TWILIO_AUTH_TOKEN = 'twilio-test-auth-token';
export const PUBLIC_URL = 'https://inbox.example.test';
export const OUR_NUMBER = '+61255550199';
export const VIEWPORT = { width: 1366, height: 768 };
/** `UPDATE_SCREENSHOTS=1` (npm run screenshots) writes the README's screenshots; otherwise they go to a temp dir. */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

export interface BrowserInbox {
  twilio: TwilioStandIn;
  web: Awaited<ReturnType<typeof buildWebWorkspace>>;
  browser: Browser;
  inbox: TestInbox;
  sql: Client;
  /** The admin's token. */
  admin: string;
  /** The admin's TOTP secret when REQUIRE_2FA made the harness set one up (for signing the admin in). */
  adminTotpSecret?: string;
  /** Where screenshots go: docs/screenshots with UPDATE_SCREENSHOTS=1, else a temp dir removed by close(). */
  screenshots: string;
  /** Where a test's screenshots for a reviewer go: SCREENSHOTS_DIR when set (kept), else `screenshots`. */
  shots: string;
  /** Every context newPage() opened and nobody closed yet. */
  contexts: BrowserContext[];
  /** Uncaught errors in any page: the workspace must have none. */
  pageErrors: string[];
  /** A page in a fresh context (1366×768, en-AU, Sydney time, plus `options`), its errors collected in pageErrors. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * A staff member signed in with email and password on a new page (`newPage(contextOptions)`) opened at
   * `hash`, once the workspace's connection is live (its class says so at any width; a phone shows only a dot).
   */
  signIn(who: { email: string; password: string }, hash?: string, contextOptions?: BrowserContextOptions): Promise<Page>;
  /** An inbound SMS to OUR_NUMBER, signed as Twilio signs it; returns its MessageSid. */
  sms(from: string, body: string): Promise<string>;
  /** A customer's message published on the inbound topic (as a channel adapter does); returns the case it went into. */
  newCase(phone: string, name: string, text: string): Promise<{ id: string; reference: string }>;
  /** Closes the contexts, chromium, the inbox and its database, the Twilio stand-in, and removes the build (and temp screenshots). */
  close(): Promise<void>;
}

/**
 * What the browser tests drive: a real inbox serving a fresh build of the web
 * workspace, sending SMS to a Twilio stand-in, the given staff created by the
 * admin, and a headless chromium.
 */
export async function startBrowserInbox(options: {
  accountSid: string;
  env?: Record<string, string>;
  staff: Array<{ email: string; password: string; name: string; role: 'agent' | 'supervisor' | 'admin' }>;
}): Promise<BrowserInbox> {
  const parts: Partial<BrowserInbox> = { contexts: [], pageErrors: [] };
  const close = async () => {
    for (const context of parts.contexts!.splice(0)) await context.close().catch(() => undefined);
    await parts.browser?.close();
    await parts.sql?.end();
    await parts.inbox?.close();
    await parts.inbox?.db.drop();
    await parts.twilio?.close();
    await parts.web?.remove();
    if (!UPDATE_SCREENSHOTS && parts.screenshots) await rm(parts.screenshots, { recursive: true, force: true });
  };
  try {
    [parts.twilio, parts.web, parts.browser] = await Promise.all([startTwilioStandIn(), buildWebWorkspace(), launchChromium()]);
    parts.inbox = await startTestInbox({
      env: {
        TWILIO_ACCOUNT_SID: options.accountSid,
        TWILIO_AUTH_TOKEN,
        TWILIO_API_BASE: parts.twilio.baseUrl,
        PUBLIC_URL,
        WEB_UI_DIR: parts.web.dir,
        ...options.env,
      },
    });
    if (options.env?.REQUIRE_2FA === 'all' || options.env?.REQUIRE_2FA === 'admins') {
      // The admin must set up a second factor first: as an API client would, with the password.
      const enrolment = await parts.inbox.api<{ secret: string }>('/api/auth/sign-in/second-factor', { body: ADMIN });
      expect(enrolment.status).toBe(200);
      parts.adminTotpSecret = enrolment.body.secret;
      const res = await parts.inbox.api<{ accessToken: string }>('/api/auth/login', { body: { ...ADMIN, code: generateSync({ secret: enrolment.body.secret }) } });
      expect(res.status).toBe(200);
      parts.admin = res.body.accessToken;
    } else {
      parts.admin = await parts.inbox.login();
    }
    for (const { role, ...person } of options.staff) {
      const res = await parts.inbox.api('/api/users', { token: parts.admin, body: { ...person, role } });
      expect(res.status).toBe(201);
    }
    parts.sql = new Client(parts.inbox.db.url);
    await parts.sql.connect();
    parts.screenshots = UPDATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : await mkdtemp(join(tmpdir(), 'inbox-screens-'));
    await mkdir(parts.screenshots, { recursive: true });
    parts.shots = process.env.SCREENSHOTS_DIR ?? parts.screenshots;
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const { browser, contexts, pageErrors, inbox, sql } = parts as BrowserInbox;
  const webhooks = new TwilioWebhooks(() => inbox.url, { accountSid: options.accountSid, authToken: TWILIO_AUTH_TOKEN, publicUrl: PUBLIC_URL, number: OUR_NUMBER });
  const newPage = async (contextOptions: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-AU', timezoneId: 'Australia/Sydney', ...contextOptions });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };
  return {
    ...(parts as BrowserInbox),
    newPage,
    async signIn(who, hash = '', contextOptions = {}) {
      const page = await newPage(contextOptions);
      await page.goto(`${inbox.url}/${hash}`);
      await page.getByLabel('Email').fill(who.email);
      await page.getByLabel('Password').fill(who.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-testid="connection"].conn-live').waitFor({ state: 'attached' });
      return page;
    },
    sms: (from, body) => webhooks.sms(from, body),
    async newCase(phone, name, text) {
      const m = inboundMessage({ sender: { address: phone, displayName: name }, text });
      await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
      const { rows } = await sql.query(`SELECT c.id, c.reference FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.external_id = $1`, [m.externalId]);
      return rows[0];
    },
    close,
  };
}

/**
 * The hooks every browser test file ends with: after each test, no uncaught error in any page; after all,
 * the harness closed. `harness` is read when the hooks run (the file starts it in its beforeAll).
 * `closePagesAfterEach` closes each test's browser contexts first, for files whose tests each sign in afresh:
 * workspaces left open keep their live connections and timers running into the next test.
 */
export function checkPagesAndClose(harness: () => BrowserInbox | undefined, options: { closePagesAfterEach?: boolean } = {}): void {
  afterEach(async () => {
    if (options.closePagesAfterEach) {
      for (const context of harness()?.contexts.splice(0) ?? []) await context.close().catch(() => undefined);
    }
    expect(harness()?.pageErrors ?? []).toEqual([]);
  });
  afterAll(async () => {
    await harness()?.close();
  });
}
