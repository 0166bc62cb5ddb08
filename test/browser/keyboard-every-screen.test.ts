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
      /* eslint-disable @typescript-eslint/no-explicit-any */
      const doc = (globalThis as any).document;
      const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
      const visible = (el: any) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) && el.getClientRects().length > 0;
      const all = [...doc.querySelectorAll(`main ${selector.split(', ').join(', main ')}`)].filter((el: any) => visible(el) && !el.disabled && !el.closest('[inert]') && !el.closest('fieldset:disabled'));
      return all.map((el: any, i: number) => {
        el.dataset.kbWalk = String(i);
        return { id: String(i), describe: `${el.tagName.toLowerCase()}${el.type ? `[type=${el.type}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}" (${el.outerHTML.slice(0, 120)})`, name: '' };
      });
      /* eslint-enable @typescript-eslint/no-explicit-any */
    });
  }

  /** Presses Tab from the top of the document until focus comes back to something already reached or leaves the page. */
  async function walk(): Promise<Control[]> {
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?(): void } | null } }).document.activeElement?.blur?.());
    const reached: Control[] = [];
    const seen = new Set<string>();
    for (let press = 0; press < 300; press++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        /* eslint-disable @typescript-eslint/no-explicit-any */
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
        /* eslint-enable @typescript-eslint/no-explicit-any */
      });
      if (!focused || seen.has(focused.key)) break;
      seen.add(focused.key);
      reached.push({ id: focused.id, describe: focused.describe, name: focused.name });
    }
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
    const reachedIds = new Set(reached.map((c) => c.id).filter(Boolean));
    expect(controls.filter((c) => !reachedIds.has(c.id)).map((c) => c.describe)).toEqual([]);
    expect(reached.filter((c) => c.name === '').map((c) => c.describe)).toEqual([]);
  }, 120_000);
});
