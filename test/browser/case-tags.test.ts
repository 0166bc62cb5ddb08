import { join } from 'node:path';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';
import type { TestInbox } from '../support/test-inbox';

const TESS = { email: 'tess@tags.local', password: 'tess-password-1', name: 'Tess Tagger' };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What the page functions read of the browser (this project's tests compile without the DOM library). */
type Browserish = { document: { documentElement: { scrollWidth: number } } };

/** Tags and bulk actions in chromium: tag a case from its header by keyboard, filter the queue by the tag, assign two rows at once. */
describe('tags and bulk actions in the browser', () => {
  let shared: BrowserInbox;
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let shots: string;
  /** The untagged case of the first test. */
  let other: { id: string; reference: string };

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000024', staff: [{ ...TESS, role: 'agent' }] });
    ({ inbox, sql, admin, shots } = shared);
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });


  async function signIn(viewport = WIDE): Promise<Page> {
    const page = await shared.signIn(TESS, '#/queue', { viewport });
    await page.getByTestId('queue-count').filter({ hasText: /^\d+$/ }).waitFor();
    return page;
  }
  const row = (page: Page, text: string) => page.getByTestId('queue-row').filter({ hasText: text });

  it('tags a case from its header by keyboard, filters the queue by the tag, and assigns two picked rows at once', async () => {
    const first = await shared.newCase('+61455700001', 'Hana Hardship', 'I lost my job and cannot pay the card, I want to complain about the fees');
    const second = await shared.newCase('+61455700002', 'Iris Instalment', 'I complained about the late fees on my loan during my illness');
    const held = await shared.newCase('+61455700003', 'Jo Held', 'Complaint: the hardship team never called me back about my mortgage');
    other = await shared.newCase('+61455700004', 'Kim Other', 'Complaint: your branch closed early and I was charged a fee');
    // The tag exists already (made by the admin on the held case, which the admin holds): typing suggests it.
    expect((await inbox.api(`/api/cases/${held.id}/claim`, { token: admin, body: {} })).status).toBe(200);
    expect((await inbox.api(`/api/cases/${held.id}/tags`, { token: admin, body: { name: 'Hardship review', colour: '#7c3aed' } })).status).toBe(201);
    expect((await inbox.api(`/api/cases/${second.id}/tags`, { token: admin, body: { name: 'hardship REVIEW' } })).status).toBe(201);

    const page = await signIn();
    await row(page, 'Hana Hardship').click();
    const header = page.locator('.case-header');
    await header.getByText(first.reference).waitFor();
    await page.keyboard.press('l');
    await page.getByLabel('Tag name').waitFor();
    await page.keyboard.type('hard');
    await page.getByRole('option', { name: /Hardship review/ }).waitFor();
    await page.keyboard.press('Enter');
    await header.getByTestId('tag-chip').filter({ hasText: 'Hardship review' }).waitFor();
    // The tag came pushed to the queue row too, and the history says who tagged.
    await row(page, 'Hana Hardship').getByTestId('tag-chip').filter({ hasText: 'Hardship review' }).waitFor();
    const { rows: events } = await sql.query(`SELECT type, payload->'data'->'tag'->>'name' AS tag FROM case_events WHERE case_id = $1 AND type = 'case.tagged'`, [first.id]);
    expect(events).toEqual([{ type: 'case.tagged', tag: 'Hardship review' }]);

    // Filter the queue by the tag: the three tagged cases stay, the other leaves.
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /Hardship review/ }).click();
    await row(page, 'Kim Other').waitFor({ state: 'detached' });
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(3);

    // Pick the open case with x, then Shift+click the last row: all three are picked.
    await page.locator('.queue-list').getByRole('link').first().click();
    await page.getByTestId('case-view').waitFor();
    await page.keyboard.press('x');
    await page.getByTestId('queue-row').last().getByRole('checkbox').click({ modifiers: ['Shift'] });
    await page.getByTestId('bulk-bar').getByText('3 selected').waitFor();
    await page.screenshot({ path: join(shots, 'tags-bulk-selected-1440.png') });

    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Assign to me' }).click();
    const refused = page.getByTestId('bulk-refused');
    await refused.getByText(`${held.reference}: This case is already being handled by`).waitFor();
    for (const name of ['Hana Hardship', 'Iris Instalment']) await row(page, name).getByTestId('row-assignee').filter({ hasText: 'You' }).waitFor();
    await expect(row(page, 'Jo Held').getByTestId('row-assignee').textContent()).resolves.not.toContain('You');
    // The refused case stays picked, so it can be dealt with next.
    await page.getByTestId('bulk-bar').getByText('1 selected').waitFor();
    await page.screenshot({ path: join(shots, 'tags-bulk-refused-1440.png') });
    const { rows: assignees } = await sql.query(`SELECT c.id, u.name FROM cases c LEFT JOIN users u ON u.id = c.assignee_id WHERE c.id = ANY($1::uuid[])`, [[first.id, second.id]]);
    expect(assignees.map((a: { name: string }) => a.name)).toEqual([TESS.name, TESS.name]);
  });

  it('saves the filters as a view whose count follows the queue live, and applies it with a click', async () => {
    const page = await signIn();
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /Hardship review/ }).click();
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(3);
    await page.getByRole('button', { name: '+ Save view' }).click();
    await page.getByLabel('View name').fill('Hardship');
    await page.keyboard.press('Enter');
    const view = page.getByTestId('saved-view').filter({ hasText: 'Hardship' });
    await view.getByTestId('saved-view-count').filter({ hasText: /^3$/ }).waitFor();

    // Another case gets the tag elsewhere: the view's count moves without a reload.
    expect((await inbox.api(`/api/cases/${other.id}/tags`, { token: admin, body: { name: 'Hardship review' } })).status).toBe(201);
    await view.getByTestId('saved-view-count').filter({ hasText: /^4$/ }).waitFor();
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /Hardship review/ }).click();
    await page.getByLabel('Filter the queue').fill('branch');
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(1);
    await view.getByRole('button', { name: /Hardship/ }).first().click();
    await expect(page.getByLabel('Filter the queue').inputValue()).resolves.toBe('');
    await page.getByTestId('queue-row').nth(3).waitFor();
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(4);
    // The queue says which view it shows, until a filter is changed by hand.
    await expect(page.getByTestId('applied-view').textContent()).resolves.toBe('Applied view: Hardship');
    await expect(view.getByRole('button', { name: /^Hardship/ }).getAttribute('aria-current')).resolves.toBe('true');
    await page.screenshot({ path: join(shots, 'saved-view-1440.png') });
    await page.getByLabel('Filter the queue').fill('branch');
    await page.getByTestId('applied-view').filter({ hasText: /^$/ }).waitFor({ state: 'attached' });
    await expect(view.getByRole('button', { name: /^Hardship/ }).getAttribute('aria-current')).resolves.toBeNull();
    await expect(page.getByRole('button', { name: /^Clear view/ }).count()).resolves.toBe(0);

    // Applied again, the view is left in one keypress: the whole queue again, the keyboard back on the view's chip.
    await view.getByRole('button', { name: /^Hardship/ }).first().click();
    await page.getByTestId('applied-view').filter({ hasText: 'Applied view: Hardship' }).waitFor();
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(4);
    const clear = page.getByRole('button', { name: 'Clear view Hardship: show the whole queue' });
    await clear.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('applied-view').filter({ hasText: /^$/ }).waitFor({ state: 'attached' });
    await expect(clear.count()).resolves.toBe(0);
    const everyCase = Number(await page.getByTestId('queue-count').textContent());
    await page.getByTestId('queue-row').nth(everyCase - 1).waitFor();
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(everyCase);
    await expect(page.getByRole('group', { name: 'Filter by tag' }).locator('[aria-pressed="true"]').count()).resolves.toBe(0);
    await expect(page.getByRole('tab', { name: /All open/ }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.getByLabel('Filter the queue').inputValue()).resolves.toBe('');
    await expect(view.getByRole('button', { name: /^Hardship/ }).evaluate((b: { ownerDocument: { activeElement: unknown } }) => b === b.ownerDocument.activeElement)).resolves.toBe(true);
  });

  it('sorts the queue newest first, saves that as a view, and after a reload the view brings the order back, j and k following it', async () => {
    const page = await signIn();
    const names = async () => page.getByTestId('queue-row').locator('.row-customer').allInnerTexts();
    const arrival = ['Hana Hardship', 'Iris Instalment', 'Jo Held', 'Kim Other'];
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /Hardship review/ }).click();
    await expect(names()).resolves.toEqual(arrival);
    await page.getByLabel('Sort the queue').selectOption({ label: 'Newest first' });
    await expect(names()).resolves.toEqual([...arrival].reverse());
    await page.getByRole('button', { name: '+ Save view' }).click();
    await page.getByLabel('View name').fill('Hardship, newest');
    await page.keyboard.press('Enter');
    await page.getByTestId('saved-view').filter({ hasText: 'Hardship, newest' }).waitFor();

    await page.reload();
    await page.getByTestId('queue-row').nth(3).waitFor();
    await expect(page.getByLabel('Sort the queue').inputValue()).resolves.toBe('deadline');
    await page.getByTestId('saved-view').filter({ hasText: 'Hardship, newest' }).getByRole('button', { name: /^Hardship, newest/ }).click();
    await expect(page.getByLabel('Sort the queue').inputValue()).resolves.toBe('newest');
    await expect(names()).resolves.toEqual([...arrival].reverse());
    // The keyboard walks the order shown: j opens the newest case, then the one before it; k goes back.
    await page.keyboard.press('j');
    await page.locator('.queue-row.selected').filter({ hasText: 'Kim Other' }).waitFor();
    await page.keyboard.press('j');
    await page.locator('.queue-row.selected').filter({ hasText: 'Jo Held' }).waitFor();
    await page.keyboard.press('k');
    await page.locator('.queue-row.selected').filter({ hasText: 'Kim Other' }).waitFor();
    await page.screenshot({ path: join(shots, 'queue-sort-1440.png') });

    const phone = await signIn(PHONE);
    await phone.getByTestId('saved-view').filter({ hasText: 'Hardship, newest' }).getByRole('button', { name: /^Hardship, newest/ }).click();
    await expect(phone.getByTestId('queue-row').locator('.row-customer').allInnerTexts()).resolves.toEqual([...arrival].reverse());
    await expect(phone.getByTestId('applied-view').textContent()).resolves.toBe('Applied view: Hardship, newest');
    expect(await phone.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(shots, 'saved-view-390.png') });
    // On a phone too the view is left with a tap: the order goes back to the deadline's.
    await phone.getByRole('button', { name: /^Clear view Hardship, newest/ }).click();
    await phone.getByTestId('applied-view').filter({ hasText: /^$/ }).waitFor({ state: 'attached' });
    await expect(phone.getByLabel('Sort the queue').inputValue()).resolves.toBe('deadline');
    await phone.getByTestId('saved-view').filter({ hasText: 'Hardship, newest' }).getByRole('button', { name: /^Hardship, newest/ }).click();
    await phone.getByTestId('applied-view').filter({ hasText: 'Applied view: Hardship, newest' }).waitFor();
    await phone.getByLabel('Sort the queue').selectOption({ label: 'Oldest first' });
    await phone.getByTestId('applied-view').filter({ hasText: /^$/ }).waitFor({ state: 'attached' });
    await phone.getByLabel('Sort the queue').selectOption({ label: 'Newest first' });
    expect(await phone.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(shots, 'queue-sort-390.png') });
  });

  it('fits the tag filter, tags and the bulk bar on a phone', async () => {
    const page = await signIn(PHONE);
    await page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', { name: /Hardship review/ }).click();
    await page.getByTestId('queue-row').first().getByRole('checkbox').click();
    await page.getByTestId('bulk-bar').getByText('1 selected').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(shots, 'tags-bulk-390.png') });
  });
});
