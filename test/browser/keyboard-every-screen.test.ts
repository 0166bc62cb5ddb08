import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MANAGE_SECTIONS } from '../../apps/web/src/manage/manage-sections';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';

const ACCOUNT_SID = 'AC00000000000000000000000000000042';
const ADA = { email: 'ada@keyboard.test', password: 'ada-password-1', name: 'Ada Admin' };

/** A control in the page's main content as the walk sees it: its place in the page, how it is named. */
interface Control {
  id: string;
  describe: string;
  name: string;
}

/**
 * Every screen the navigation reaches, walked with the Tab key alone in a real
 * chromium: each visible, enabled control of the main content is reached, and
 * each control reached has an accessible name. (axe-core is not a dependency
 * of the project; the walk is the check.)
 */
describe('every screen by keyboard', () => {
  let shared: BrowserInbox;
  let page: Page;
  let caseId: string;
  let customerId: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: ACCOUNT_SID, staff: [{ ...ADA, role: 'admin' }] });
    for (const [i, text] of ['I want to complain: the annual fee was charged twice', 'Complaint: my card was declined and nobody called back', 'You closed my account without telling me'].entries()) {
      await shared.sms(`+6141288000${i}`, text);
    }
    const { rows } = await shared.sql.query(`SELECT id, customer_id FROM cases ORDER BY created_at LIMIT 1`);
    [{ id: caseId, customer_id: customerId }] = rows;
    page = await shared.signIn(ADA, '#/queue');
  }, 120_000);

  checkPagesAndClose(() => shared);

  /** Opens `hash` in the signed-in page and waits until its main content stops changing. */
  async function open(hash: string) {
    await page.evaluate((h) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = h;
    }, hash);
    let last = '';
    let stable = 0;
    for (let i = 0; i < 60 && stable < 4; i++) {
      await page.waitForTimeout(250);
      const now = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { innerHTML: string } | null } }).document;
        return doc.querySelector('main')?.innerHTML ?? '';
      });
      stable = now === last && now !== '' ? stable + 1 : 0;
      last = now;
    }
  }

  /** Marks every visible, enabled control of the main content and returns them. */
  function controlsInMain(): Promise<Control[]> {
    return page.evaluate(() => {
      // Runs in the page: the DOM's types are not in the node project's lib.
      const doc = (globalThis as any).document;
      const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
      const visible = (el: any) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) && el.getClientRects().length > 0;
      const all = [...doc.querySelectorAll(`main ${selector.split(', ').join(', main ')}`)].filter((el: any) => visible(el) && !el.disabled && !el.closest('[inert]') && !el.closest('fieldset:disabled'));
      return all.map((el: any, i: number) => {
        el.dataset.kbWalk = String(i);
        return { id: String(i), describe: `${el.tagName.toLowerCase()}${el.type ? `[type=${el.type}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}" (${el.outerHTML.slice(0, 120)})`, name: '' };
      });
    });
  }

  /** Presses Tab from the top of the document until focus comes back to something already reached or leaves the page. */
  async function walk(): Promise<Control[]> {
    // Focus starts at the top of the document: an unfocusable-by-Tab marker before everything, focused by script.
    await page.evaluate(() => {
      const doc = (globalThis as any).document;
      const start = doc.createElement('span');
      start.tabIndex = -1;
      start.dataset.kbStart = '';
      doc.body.prepend(start);
      start.focus();
    });
    const reached: Control[] = [];
    const seen = new Set<string>();
    for (let press = 0; press < 300; press++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const el = doc.activeElement;
        if (!el || el === doc.body || el === doc.documentElement) return null;
        if (!el.dataset.kbKey) el.dataset.kbKey = String(doc.querySelectorAll('[data-kb-key]').length + 1);
        const text = (e: any) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const labelledBy = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id: string) => text(doc.getElementById(id))).join(' ');
        const labels = [...(el.labels ?? [])].map(text).join(' ');
        const images = [...el.querySelectorAll('img[alt], svg[aria-label]')].map((i: any) => i.getAttribute('alt') ?? i.getAttribute('aria-label')).join(' ');
        const ownText = el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? '' : text(el);
        const value = el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) ? el.value : '';
        const name = [el.getAttribute('aria-label'), labelledBy, labels, ownText, images, value, el.getAttribute('title')].find((n) => (n ?? '').trim() !== '') ?? '';
        return {
          key: el.dataset.kbKey as string,
          id: (el.dataset.kbWalk ?? '') as string,
          name: name.trim(),
          describe: `${el.tagName.toLowerCase()}${el.type ? `[type=${el.type}]` : ''} (${el.outerHTML.slice(0, 120)})`,
        };
      });
      if (!focused || seen.has(focused.key)) break;
      seen.add(focused.key);
      reached.push({ id: focused.id, describe: focused.describe, name: focused.name });
    }
    await page.evaluate(() => (globalThis as any).document.querySelector('[data-kb-start]')?.remove());
    return reached;
  }

  const screens = (): Array<[string, () => string]> => [
    ['the queue', () => '#/queue'],
    ['a case', () => `#/cases/${caseId}`],
    ['the dashboard', () => '#/supervisor'],
    ['the reports', () => '#/reports'],
    ['the compliance (ASIC) screen', () => '#/compliance'],
    ['the classification review', () => '#/classification-review'],
    ['retention', () => '#/retention'],
    ['users', () => '#/users'],
    ['your account', () => '#/account'],
    ['a customer', () => `#/customers/${customerId}`],
    ...MANAGE_SECTIONS.map((section): [string, () => string] => [`Manage › ${section}`, () => `#/manage/${section}`]),
  ];

  it.each(screens())('reaches every control of %s with Tab alone, each with a name', async (_screen, hash) => {
    await open(hash());
    const controls = await controlsInMain();
    expect(controls.length).toBeGreaterThan(0);
    const reached = await walk();
    // The walk starts at the top of the page: the first stop is the brand link back to the queue.
    expect(reached[0]?.describe).toContain('class="brand"');
    const reachedIds = new Set(reached.map((c) => c.id).filter(Boolean));
    // Both lists in one assertion, so a failure shows every problem of the screen at once.
    expect({
      unreachable: controls.filter((c) => !reachedIds.has(c.id)).map((c) => c.describe),
      nameless: reached.filter((c) => c.name === '').map((c) => c.describe),
    }).toEqual({ unreachable: [], nameless: [] });
  }, 120_000);

  // Last in the file: the hundred more cases would make the queue's walk above a long one.
  it('says when the dashboard’s deadline list is cut off: the 100 due earliest of all flagged, and where the rest are', async () => {
    for (let i = 0; i < 101; i++) await shared.sms(`+61412990${String(i).padStart(3, '0')}`, `I want to complain: the annual fee was charged twice (${i})`);
    // Every complaint's IDR response is overdue (the list shows at most 100, queue-health.service.ts).
    const { rowCount } = await shared.sql.query(`UPDATE cases SET received_at = now() - interval '40 days', respond_by = now() - interval '10 days' WHERE kind = 'complaint'`);
    expect(rowCount).toBeGreaterThan(100);
    const dashboard = await shared.signIn(ADA, '#/supervisor');
    const shown = dashboard.getByTestId('deadlines-shown');
    await shown.filter({ hasText: 'due earliest' }).waitFor();
    const text = (await shown.textContent()) ?? '';
    const [, count, total] = /^the (\d+) due earliest of (\d+) — all are in Manage › Complaints register \(Deadline filter\)$/.exec(text) ?? [];
    expect(Number(count)).toBe(100);
    expect(Number(total)).toBeGreaterThanOrEqual(rowCount!);
    await expect(dashboard.locator('.sv-deadlines tbody tr').count()).resolves.toBe(100);
    await dashboard.context().close();
    // SCREENSHOTS_DIR keeps them for a person to look at: the cut-off line at a desktop's and a phone's width.
    for (const width of [1440, 390]) {
      const wide = await shared.signIn(ADA, '#/supervisor', { viewport: { width, height: width > 500 ? 900 : 844 } });
      await wide.getByTestId('deadlines-shown').filter({ hasText: 'due earliest' }).waitFor();
      await wide.locator('.sv-deadlines').screenshot({ path: join(process.env.SCREENSHOTS_DIR ?? shared.screenshots, `deadlines-cut-off-${width}.png`) });
      await wide.context().close();
    }
  }, 180_000);
});
