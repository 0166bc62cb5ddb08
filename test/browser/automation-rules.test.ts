import { join } from 'node:path';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';
import { caseSettled } from '../support/settled';
import type { TestInbox } from '../support/test-inbox';

const RAVI = { email: 'ravi@rules.local', password: 'ravi-password-1', name: 'Ravi Rules' };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What the page functions read of the browser (this project's tests compile without the DOM library). */
type Browserish = { document: { documentElement: { scrollWidth: number } } };

/** Automation in chromium: an admin makes a rule in the Rules tab, a message sets it off, and its run is in the rule's log and on the case's timeline; business hours set on a phone. */
describe('automation rules and business hours in the browser', () => {
  let shared: BrowserInbox;
  let inbox: TestInbox;
  let sql: Client;
  let shots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000023', staff: [{ ...RAVI, role: 'admin' }] });
    ({ inbox, sql, shots } = shared);
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });

  const signIn = (hash: string, viewport = WIDE): Promise<Page> => shared.signIn(RAVI, hash, { viewport });

  it('creates a rule, and shows its run in the rule’s log and on the case’s timeline', async () => {
    const page = await signIn('#/manage/rules');
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'Rule' });
    await form.getByLabel('Rule name').fill('Tag SMS enquiries');
    await form.getByLabel('Starts').selectOption({ label: 'A customer’s message comes in' });
    await form.getByLabel('Channel').selectOption({ label: 'SMS' });
    await form.getByLabel('Kind').selectOption({ label: 'Enquiry' });
    await form.getByLabel('Tag', { exact: true }).fill('Enquiry');
    await form.getByRole('button', { name: 'Add an action' }).click();
    await form.getByLabel('Action 2', { exact: true }).selectOption({ label: 'Set priority' });
    await form.getByLabel('Priority').selectOption({ label: 'P1 (most urgent)' });
    await page.screenshot({ path: join(shots, 'rule-editor-1440.png') });
    await form.getByRole('button', { name: 'Create rule' }).click();
    const rule = page.getByTestId('automation-rule').filter({ hasText: 'Tag SMS enquiries' });
    await rule.getByText('when a customer’s message comes in, if by SMS, classified enquiry: tag “Enquiry”, then set priority P1.').waitFor();

    const { id, reference } = await shared.newCase('+61455800001', 'Nora Night', 'What are your branch opening hours on Saturday?');
    // Every reaction to the message is over, the rule's run included.
    await caseSettled((q, p) => sql.query(q, p).then((r) => r.rows), id);

    await rule.getByRole('button', { name: 'Log of “Tag SMS enquiries”' }).click();
    const log = rule.getByTestId('rule-log');
    await log.getByText(reference).waitFor();
    await log.getByText('a message came in').waitFor();
    await log.getByText('Set priority: done — P1').waitFor();
    await page.screenshot({ path: join(shots, 'rule-log-1440.png') });

    await log.getByRole('link', { name: reference }).click();
    const run = page.getByTestId('history-event').and(page.locator('[data-type="rule.ran"]'));
    await run.getByText('Rule “Tag SMS enquiries” ran — a message came in: Add tag, Set priority').waitFor();
    await page.getByTestId('queue-row').filter({ hasText: 'Nora Night' }).getByTestId('row-priority').filter({ hasText: 'P1' }).waitFor();
    await page.screenshot({ path: join(shots, 'rule-run-on-case-1440.png') });
  });

  it('makes a rule with field conditions: a list field’s value and a number range, in the case form’s own inputs', async () => {
    const token = await inbox.login(RAVI.email, RAVI.password);
    for (const body of [
      { key: 'product', label: 'Product', kind: 'list', appliesTo: 'case', options: ['Home loan', 'Credit card'] },
      { key: 'disputed_amount', label: 'Disputed amount', kind: 'number', appliesTo: 'case' },
    ]) {
      expect((await inbox.api('/api/custom-fields', { token, body })).status).toBe(201);
    }
    for (const [viewport, width] of [[WIDE, 1440], [PHONE, 390]] as const) {
      const page = await signIn('#/manage/rules', viewport);
      await page.getByRole('button', { name: 'New rule' }).click();
      const form = page.getByRole('form', { name: 'Rule' });
      await form.getByLabel('Rule name').fill(`Big home loan disputes ${width}`);
      await form.getByLabel('Starts').selectOption({ label: 'A case field is set or cleared' });
      await form.getByRole('button', { name: 'Add a field condition' }).click();
      await form.getByLabel('Field condition 1', { exact: true }).selectOption({ label: 'Product' });
      await form.getByLabel('Product', { exact: true }).selectOption({ label: 'Home loan' });
      await form.getByRole('button', { name: 'Add a field condition' }).click();
      await form.getByLabel('Field condition 2', { exact: true }).selectOption({ label: 'Disputed amount' });
      await form.getByLabel('Disputed amount from').fill('1000');
      await form.getByLabel('Tag', { exact: true }).fill('Big loan');
      if (width === 390) expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.screenshot({ path: join(shots, `rule-field-conditions-${width}.png`), fullPage: true });
      await form.getByRole('button', { name: 'Create rule' }).click();
      await page
        .getByTestId('automation-rule')
        .filter({ hasText: `Big home loan disputes ${width}` })
        .getByText('when a case field is set or cleared, if Product: Home loan, Disputed amount: from 1000: tag “Big loan”.')
        .waitFor();
    }
    const { rows } = await sql.query(`SELECT conditions FROM automation_rules WHERE name = 'Big home loan disputes 1440'`);
    expect(rows[0].conditions.fields).toEqual([{ fieldId: expect.any(String), equals: 'Home loan' }, { fieldId: expect.any(String), min: 1000 }]);
  });

  it('sets a team’s business hours and lists the rules on a phone', async () => {
    const page = await signIn('#/manage/hours', PHONE);
    const team = page.getByTestId('team-hours').first();
    await team.getByLabel('Monday').fill('08:30-17:30');
    await team.getByLabel('Saturday').fill('10:00–13:00');
    await team.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText(/business hours saved/).waitFor();
    const { rows } = await sql.query(`SELECT weekly FROM team_business_hours`);
    expect(rows[0].weekly).toMatchObject({ mon: [{ open: '08:30', close: '17:30' }], sat: [{ open: '10:00', close: '13:00' }], sun: [] });
    // A day that cannot be read is named, and nothing is saved.
    await team.getByLabel('Sunday').fill('ten till two');
    await team.getByRole('button', { name: 'Save hours' }).click();
    await team.getByText('Sunday: “ten till two” is not an opening like 09:00–17:00').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(shots, 'business-hours-390.png'), fullPage: true });

    await page.goto(`${inbox.url}/#/manage/rules`);
    await page.getByTestId('automation-rule').filter({ hasText: 'Tag SMS enquiries' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(shots, 'rules-390.png') });
    // The editor fits the phone too.
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByRole('form', { name: 'Rule' }).getByLabel('Starts').selectOption({ label: 'No agent reply for…' });
    await page.getByRole('form', { name: 'Rule' }).getByLabel('Counted in').selectOption({ label: 'business hours' });
    expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(shots, 'rule-editor-390.png'), fullPage: true });
  });
});
