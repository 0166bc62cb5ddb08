import { join } from 'node:path';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';
import { inboundMessage, type TestInbox } from '../support/test-inbox';

const SAM = { email: 'sam@split.local', password: 'sam-password-1', name: 'Sam Ward' };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What the page functions read of the browser (this project's tests compile without the DOM library). */
type Browserish = { location: { hash: string }; document: { documentElement: { scrollWidth: number } } };

/** One complaint, one case in chromium: intake's suggestion, moving a message to a new case by keyboard, merging back and undoing. */
describe('case split and merge in the browser', () => {
  let shared: BrowserInbox;
  let inbox: TestInbox;
  let sql: Client;
  let shots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000023', staff: [{ ...SAM, role: 'supervisor' }] });
    ({ inbox, sql } = shared);
    shots = shared.shots;
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  async function writes(overrides: Partial<InboundMessage>): Promise<{ id: string; caseId: string }> {
    const m = inboundMessage(overrides);
    await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const { rows } = await sql.query(`SELECT id, case_id FROM messages WHERE external_id = $1`, [m.externalId]);
    return { id: rows[0].id, caseId: rows[0].case_id };
  }
  async function twoComplaints(phone: string, name: string) {
    const card = await writes({ sender: { address: phone, displayName: name }, text: 'I want to complain: my credit card was charged an annual fee twice', receivedAt: daysAgo(9) });
    const loan = await writes({ sender: { address: phone }, text: 'And separately, my home loan repayment was taken twice this month', receivedAt: daysAgo(2) });
    expect(loan.caseId).toBe(card.caseId);
    return { card, loan, caseId: card.caseId };
  }

  async function openCase(caseId: string, viewport = WIDE): Promise<Page> {
    const page = await shared.newPage({ viewport });
    await page.goto(`${inbox.url}/#/cases/${caseId}`);
    await page.getByLabel('Email').fill(SAM.email);
    await page.getByLabel('Password').fill(SAM.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await page.getByTestId('case-view').waitFor();
    return page;
  }
  const reference = async (caseId: string) => (await sql.query(`SELECT reference FROM cases WHERE id = $1`, [caseId])).rows[0].reference as string;

  it('shows the suggestion, moves the message to a new case with the keyboard, merges it back and undoes the merge', async () => {
    const { card, loan, caseId } = await twoComplaints('+61466600001', 'Rita Split');
    const original = await reference(caseId);
    const page = await openCase(caseId);
    const banner = page.getByTestId('split-suggestion');
    await banner.filter({ hasText: 'reads as another complaint' }).filter({ hasText: 'mortgage' }).waitFor();
    await page.screenshot({ path: join(shots, 'case-split-suggestion-1440.png') });

    // Keyboard only: focus the tool, open the dialog, tick the loan message, send.
    await page.getByRole('button', { name: 'Move to a new case…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Move to a new case' });
    await dialog.waitFor();
    const boxes = dialog.getByRole('checkbox');
    await expect(boxes.count()).resolves.toBe(2);
    await expect(boxes.nth(0).evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(boxes.nth(1).isChecked()).resolves.toBe(true);
    await page.screenshot({ path: join(shots, 'case-split-dialog-1440.png') });
    // Both ticked would take every message: the dialog says so and will not send.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await dialog.getByRole('alert').filter({ hasText: 'Leave at least one message here' }).waitFor();
    await expect(dialog.getByRole('button', { name: /to a new case$/ }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Move 1 to a new case' }).focus();
    await page.keyboard.press('Enter');

    await page.locator('.toast').filter({ hasText: 'Moved to C-' }).waitFor();
    const split = (await sql.query(`SELECT id, reference FROM cases WHERE split_from_case_id = $1`, [caseId])).rows[0] as { id: string; reference: string };
    await page.waitForFunction((id) => (globalThis as unknown as Browserish).location.hash === `#/cases/${id}`, split.id);
    await expect(page.locator('.case-ref').textContent()).resolves.toBe(split.reference);
    await page.getByTestId('timeline').filter({ hasText: 'home loan repayment' }).waitFor();
    await page.getByTestId('timeline').filter({ hasText: `moved from ${original} to ${split.reference}` }).waitFor();
    expect((await sql.query(`SELECT case_id FROM messages WHERE id = $1`, [loan.id])).rows[0].case_id).toBe(split.id);
    await page.screenshot({ path: join(shots, 'case-split-done-1440.png') });

    // Merge the new case back into the original: the customer's other open case is offered.
    await page.getByRole('button', { name: 'Merge into…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge into another case' });
    await merge.getByRole('radio').first().waitFor();
    await expect(merge.getByRole('radio').count()).resolves.toBe(1);
    await page.screenshot({ path: join(shots, 'case-merge-dialog-1440.png') });
    await merge.getByRole('button', { name: `Merge into ${original}` }).click();
    await page.waitForFunction((id) => (globalThis as unknown as Browserish).location.hash === `#/cases/${id}`, caseId);
    await page.getByTestId('timeline').filter({ hasText: `${split.reference} merged into ${original}` }).waitFor();
    expect((await sql.query(`SELECT case_id FROM messages WHERE id = ANY($1::uuid[]) ORDER BY received_at`, [[card.id, loan.id]])).rows.map((r) => r.case_id)).toEqual([caseId, caseId]);

    // The merged case links to the survivor, and the merge can be undone there.
    await page.goto(`${inbox.url}/#/cases/${split.id}`);
    const merged = page.locator('.one-case-banner').filter({ hasText: `Merged into ${original}` });
    await merged.waitFor();
    await page.screenshot({ path: join(shots, 'case-merged-1440.png') });
    await merged.getByRole('button', { name: 'Undo merge' }).click();
    await page.locator('.toast').filter({ hasText: `${split.reference} is its own case again` }).waitFor();
    await merged.waitFor({ state: 'detached' });
    expect((await sql.query(`SELECT status, merged_into_case_id FROM cases WHERE id = $1`, [split.id])).rows[0]).toEqual({ status: 'open', merged_into_case_id: null });
  });

  it('fits a phone: the suggestion, the tools and the dialog at 390 px', async () => {
    const { caseId } = await twoComplaints('+61466600002', 'Omar Phone');
    const page = await openCase(caseId, PHONE);
    await page.getByTestId('split-suggestion').waitFor();
    await page.screenshot({ path: join(shots, 'case-split-suggestion-390.png') });
    await page.getByTestId('split-suggestion').getByRole('button', { name: 'Move it to a new case…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move to a new case' });
    await expect(dialog.getByRole('checkbox').nth(1).isChecked()).resolves.toBe(true);
    const width = await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(shots, 'case-split-dialog-390.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('split-suggestion').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('split-suggestion').waitFor({ state: 'detached' });
    expect((await sql.query(`SELECT status FROM split_suggestions WHERE case_id = $1`, [caseId])).rows).toEqual([{ status: 'dismissed' }]);
  });
});
