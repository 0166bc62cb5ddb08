import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, OUR_NUMBER, startBrowserInbox, type BrowserInbox } from '../support/browser';

const ACCOUNT_SID = 'AC00000000000000000000000000000018';
const SUE = { email: 'sue@manage.test', password: 'sue-password-1', name: 'Sue Park' };
const AMY = { email: 'amy@manage.test', password: 'amy-password-1', name: 'Amy Chen' };
const ADA = { email: 'ada@manage.test', password: 'ada-password-1', name: 'Ada Admin' };

/**
 * The screens for what used to need the API, in a real chromium against a real
 * inbox: the complaints register and its CSV, canned responses written from
 * the keyboard, knowledge articles written and edited, templates and holiday
 * overrides, an incident's update after a confirmation. The browser runs in
 * UTC; every date is the firm's (Sydney), labelled.
 */
describe('manage screens in the browser', () => {
  let shared: BrowserInbox;
  let sql: Client;
  let shots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({
      accountSid: ACCOUNT_SID,
      staff: [
        { ...SUE, role: 'supervisor' },
        { ...AMY, role: 'agent' },
        { ...ADA, role: 'admin' },
      ],
    });
    ({ sql } = shared);
    // SCREENSHOTS_DIR keeps the screenshots (1440 and 390 px wide) for a person to look at; otherwise the harness's temp dir.
    shots = process.env.SCREENSHOTS_DIR ?? shared.screenshots;
    for (const [i, text] of ['I want to complain: the annual fee was charged twice', 'Complaint: my card was declined and nobody called back', 'You closed my account without telling me'].entries()) {
      await sms(`+6141277000${i}`, text);
    }
  }, 120_000);

  checkPagesAndClose(() => shared);

  const sms = (from: string, body: string) => shared.sms(from, body);

  const signIn = (who: { email: string; password: string }, hash: string, width = 1440) =>
    shared.signIn(who, hash, { acceptDownloads: true, timezoneId: 'UTC', viewport: { width, height: width > 500 ? 900 : 844 } });

  /** The same screen at a desktop's and a phone's width. */
  async function shoot(who: { email: string; password: string }, hash: string, name: string, ready: (page: Page) => Promise<unknown>) {
    for (const width of [1440, 390]) {
      const page = await signIn(who, hash, width);
      await ready(page);
      await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
      // Nothing is wider than the screen: no sideways scrolling of the page itself.
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.context().close();
    }
  }

  it('lists the register with the spec’s filters in the firm’s days, unnamed customers by their number, and downloads the CSV with the session, never a 401', async () => {
    const page = await signIn(AMY, '#/manage/register');
    const table = page.getByTestId('register-table');
    await table.getByTestId('register-row').first().waitFor();
    await expect(page.getByTestId('register-count').textContent()).resolves.toBe('Showing 1–3 of 3');
    // A customer without a name is shown by their number as people write it, not a dash.
    await table.getByTestId('register-row').filter({ hasText: '0412 770 000' }).waitFor();
    await page.getByLabel('Channel').selectOption('email');
    await page.getByTestId('register-count').filter({ hasText: 'No complaint matches.' }).waitFor();
    await page.getByLabel('Channel').selectOption('sms');
    await page.getByTestId('register-count').filter({ hasText: 'Showing 1–3 of 3' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-csv').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    // The received day is the firm's (Sydney) day, whatever the browser's zone.
    const [{ day }] = (await sql.query(`SELECT to_char(min(received_at) AT TIME ZONE 'Australia/Sydney', 'FMDD Mon YYYY') AS day FROM cases`)).rows;
    await table.getByText(day).first().waitFor();
    await shoot(SUE, '#/manage/register', 'register', (p) => p.getByTestId('register-row').first().waitFor());
  });

  it('writes a canned response from the keyboard alone, for one team, and edits a knowledge article', async () => {
    const page = await signIn(SUE, '#/manage/canned');
    await page.getByRole('button', { name: 'New canned response' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Refund on its way');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dear {{customer.name}}, your refund for {{case.reference}} is on its way.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const item = page.getByTestId('canned-item').filter({ hasText: 'Refund on its way' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Every team');
    // A typo in a placeholder is refused and said in the form.
    await item.getByRole('button', { name: 'Edit' }).click();
    const editing = page.getByTestId('canned-item').filter({ has: page.getByRole('button', { name: 'Save' }) });
    await editing.getByLabel('Text').fill('Dear {{customer.nmae}}');
    await editing.getByRole('button', { name: 'Save' }).click();
    await editing.getByRole('alert').filter({ hasText: /customer\.nmae/ }).waitFor();
    await editing.getByRole('button', { name: 'Cancel' }).click();
    await item.waitFor();

    await page.getByRole('link', { name: 'Knowledge base' }).click();
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByLabel('Title').fill('Annual fee charged twice');
    await page.getByLabel('Text').fill('Refund the second fee and apologise.');
    await page.getByRole('button', { name: 'Publish' }).click();
    const article = page.getByTestId('knowledge-item').filter({ hasText: 'Annual fee charged twice' });
    await article.waitFor();
    await article.getByRole('button', { name: 'Edit' }).click();
    const editingArticle = page.getByTestId('knowledge-item').filter({ has: page.getByRole('button', { name: 'Save' }) });
    await editingArticle.getByLabel('Text').fill('Refund the second fee, apologise, and check the waiver flag.');
    await editingArticle.getByRole('button', { name: 'Save' }).click();
    await article.filter({ hasText: 'check the waiver flag' }).waitFor();
    await shoot(SUE, '#/manage/canned', 'canned', (p) => p.getByTestId('canned-item').first().waitFor());
    await shoot(SUE, '#/manage/knowledge', 'knowledge', (p) => p.getByTestId('knowledge-item').first().waitFor());
  });

  it('lets an admin add and delete a holiday override and read the templates; an agent reads them only', async () => {
    const page = await signIn(ADA, '#/manage/templates');
    await page.getByTestId('holidays-table').locator('tbody tr').first().waitFor();
    const form = page.getByRole('form', { name: 'Add an override' });
    await form.getByLabel('Date').fill('2027-03-15');
    await form.getByLabel('Name').fill('Day of mourning');
    await form.getByRole('button', { name: 'Add override' }).click();
    const override = page.getByTestId('holiday-override').filter({ hasText: 'Day of mourning' });
    await override.waitFor();
    page.once('dialog', (d) => void d.accept());
    await override.getByRole('button', { name: 'Delete' }).click();
    await override.waitFor({ state: 'detached' });
    await shoot(ADA, '#/manage/templates', 'templates', async (p) => {
      await p.getByTestId('holidays-table').locator('tbody tr').first().waitFor();
      await p.getByLabel('Template', { exact: true }).waitFor();
    });

    const agent = await signIn(AMY, '#/manage/templates');
    await agent.getByTestId('holidays-table').locator('tbody tr').first().waitFor();
    await agent.getByLabel('Template', { exact: true }).selectOption({ label: 'IDR response · en' });
    await expect(agent.getByLabel('Template text', { exact: true }).inputValue()).resolves.toContain('{{afcaBlock}}');
    await expect(agent.getByRole('button', { name: 'Save new version' }).count()).resolves.toBe(0);
    await expect(agent.getByRole('form', { name: 'Add an override' }).count()).resolves.toBe(0);
    await expect(agent.getByRole('link', { name: 'Incidents' }).count()).resolves.toBe(0);
  });

  it('shows an incident’s cases and updates, asks before sending to everyone, records the update, and closes it', async () => {
    const [{ id: incidentId }] = (
      await sql.query(`INSERT INTO incidents (key, title, window_started_at) VALUES ('term:fee', 'Annual fee charged twice', now() - interval '5 minutes') RETURNING id`)
    ).rows;
    await sql.query(`INSERT INTO incident_cases (incident_id, case_id) SELECT $1, id FROM cases`, [incidentId]);
    const before = (await sql.query(`SELECT status, first_response_at FROM cases ORDER BY id`)).rows;
    const page = await signIn(SUE, '#/manage/incidents');
    const detail = page.getByTestId('incident-detail');
    await detail.getByRole('heading', { name: 'Affected cases (3)' }).waitFor();
    await detail.getByLabel('New update to every affected customer').fill('We have found the double annual fee and are reversing it today.');
    await detail.getByRole('button', { name: 'Send update…' }).click();
    const confirm = detail.getByRole('alertdialog', { name: 'Confirm the update' });
    await confirm.filter({ hasText: 'Send this to 3 customers, each on their own channel?' }).waitFor();
    await confirm.getByRole('button', { name: 'Send to 3' }).click();
    await detail.getByTestId('incident-update').filter({ hasText: 'sent to 3' }).waitFor();
    expect((await sql.query(`SELECT status, first_response_at FROM cases ORDER BY id`)).rows).toEqual(before);
    await shoot(SUE, '#/manage/incidents', 'incidents', (p) => p.getByTestId('incident-update').first().waitFor());
    page.once('dialog', (d) => void d.accept());
    await detail.getByRole('button', { name: 'Close incident' }).click();
    await page.getByTestId('incident-row').filter({ hasText: 'Closed' }).waitFor();
  });

  it('lets an admin write routing rules from the keyboard and reorder them, and a new case goes to the first rule’s team', async () => {
    const admin = await shared.inbox.login(ADA.email, ADA.password);
    for (const name of ['Hardship', 'Cards']) expect((await shared.inbox.api('/api/teams', { token: admin, body: { name } })).status).toBe(201);
    const supervisor = await signIn(SUE, '#/manage/register');
    await supervisor.getByTestId('register-row').first().waitFor();
    await expect(supervisor.getByRole('link', { name: 'Routing rules' }).count()).resolves.toBe(0);

    const page = await signIn(ADA, '#/manage/routing');
    await page.getByText('No routing rule yet').waitFor();
    const rules = page.getByTestId('routing-rule');
    const write = async (name: string, fill: (form: Page) => Promise<void>, team: string) => {
      await page.getByRole('button', { name: 'New routing rule' }).focus();
      await page.keyboard.press('Enter');
      // The name field has the focus.
      await page.keyboard.type(name);
      await fill(page);
      await page.getByLabel('Put the case in team').selectOption({ label: team });
      await page.getByLabel('Words in the text').focus();
      // Enter in a field saves the form.
      await page.keyboard.press('Enter');
      await rules.filter({ hasText: name }).waitFor();
    };
    await write('Hardship words', (p) => p.getByLabel('Words in the text').fill('hardship, cannot pay'), 'Hardship');
    await write('Our SMS number', async (p) => {
      await p.getByLabel('Channel').selectOption('sms');
      await p.getByLabel('Came to (mailbox, number or page)').fill(OUR_NUMBER);
    }, 'Cards');
    await expect(rules.allTextContents()).resolves.toEqual([expect.stringContaining('1. Hardship words'), expect.stringContaining('2. Our SMS number')]);
    await expect(rules.nth(1).textContent()).resolves.toContain('A new case by SMS, to (02) 5555 0199 goes to Cards.');
    // Reordered from the keyboard: the number's rule is now tried first.
    await page.getByRole('button', { name: 'Move “Our SMS number” up' }).focus();
    await page.keyboard.press('Enter');
    await rules.first().filter({ hasText: '1. Our SMS number' }).waitFor();
    // A rule without any condition is refused, said in the form.
    await page.getByRole('button', { name: 'Edit “Hardship words”' }).click();
    await page.getByLabel('Words in the text').fill(' ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least one condition' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await sms('+61412779001', 'Complaint: I am in hardship and cannot pay the fee you charged twice');
    const teamOfCase = async () =>
      (await sql.query(`SELECT t.name FROM messages m JOIN cases c ON c.id = m.case_id JOIN teams t ON t.id = c.team_id WHERE m.sender_address = '+61412779001'`)).rows[0]?.name;
    const deadline = Date.now() + 10_000;
    while (!(await teamOfCase()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await teamOfCase()).toBe('Cards');
    await shoot(ADA, '#/manage/routing', 'routing', (p) => p.getByTestId('routing-rule').nth(1).waitFor());
  });
});
