import { join } from 'node:path';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';
import type { TestInbox } from '../support/test-inbox';

const ADA = { email: 'ada@fields.local', password: 'ada-password-1', name: 'Ada Admin' };
const FAY = { email: 'fay@fields.local', password: 'fay-password-1', name: 'Fay Fields' };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What the page functions read of the browser (this project's tests compile without the DOM library). */
type Browserish = { document: { documentElement: { scrollWidth: number } } };

/** Custom fields in chromium: an admin defines a list field, an agent sets it on a case and filters the queue by it. */
describe('custom fields in the browser', () => {
  let shared: BrowserInbox;
  let inbox: TestInbox;
  let sql: Client;
  let shots: string;
  let loan: { id: string; reference: string };

  beforeAll(async () => {
    shared = await startBrowserInbox({
      accountSid: 'AC00000000000000000000000000000031',
      staff: [
        { ...ADA, role: 'admin' },
        { ...FAY, role: 'agent' },
      ],
    });
    ({ inbox, sql, shots } = shared);
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });

  const row = (page: Page, text: string) => page.getByTestId('queue-row').filter({ hasText: text });

  it('defines a list field in Manage → Fields, sets it on a case from the side panel, and filters the queue by it', async () => {
    loan = await shared.newCase('+61455710001', 'Lena Loan', 'I want to complain: my home loan repayment was taken twice');
    await shared.newCase('+61455710002', 'Carl Card', 'Complaint: my credit card was blocked without notice');
    const fay = await inbox.login(FAY.email, FAY.password);
    expect((await inbox.api(`/api/cases/${loan.id}/claim`, { token: fay, body: {} })).status).toBe(200);

    // The admin defines the field: the key follows the label as it is typed.
    const admin = await shared.signIn(ADA, '#/manage/fields', { viewport: WIDE });
    await admin.getByRole('button', { name: 'New field' }).click();
    await admin.getByRole('textbox', { name: 'Label' }).fill('Product line');
    await expect(admin.getByRole('textbox', { name: 'Key' }).inputValue()).resolves.toBe('product_line');
    await admin.getByLabel('Kind').selectOption('list');
    await admin.getByLabel('Options, one a line').fill('Home loan\nCredit card\nSavings');
    await admin.getByLabel('Help for agents (optional)').fill('The product the complaint is about');
    await admin.screenshot({ path: join(shots, 'custom-fields-new-1440.png') });
    await admin.getByRole('button', { name: 'Create' }).click();
    await admin.getByTestId('custom-field').filter({ hasText: 'Product line' }).getByText('Options: Home loan, Credit card, Savings').waitFor();
    await admin.screenshot({ path: join(shots, 'custom-fields-manage-1440.png') });

    // The agent sets it on the case they hold, from the case's side panel.
    const page = await shared.signIn(FAY, `#/cases/${loan.id}`, { viewport: WIDE });
    const panel = page.getByTestId('customer-panel').getByTestId('case-fields');
    await panel.getByRole('button', { name: 'Edit Product line' }).click();
    await panel.getByLabel('Product line', { exact: true }).selectOption('Home loan');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByTestId('field-value-product_line').filter({ hasText: 'Home loan' }).waitFor();
    await page.getByText('Product line set to “Home loan” by Fay Fields').first().waitFor();
    const { rows: events } = await sql.query(`SELECT payload->'data'->>'to' AS "to" FROM case_events WHERE case_id = $1 AND type = 'case.field_set'`, [loan.id]);
    expect(events).toEqual([{ to: 'Home loan' }]);

    // Filter the queue by the field: only the home-loan case stays; saved as a view, its count is live.
    await page.getByRole('button', { name: '+ Field' }).click();
    await page.getByRole('group', { name: 'Filter by field' }).getByLabel('Field').selectOption({ label: 'Product line' });
    await page.getByRole('group', { name: 'Filter by field' }).getByLabel('Product line', { exact: true }).selectOption('Home loan');
    await page.screenshot({ path: join(shots, 'custom-fields-condition-1440.png') });
    await page.getByRole('group', { name: 'Filter by field' }).getByRole('button', { name: 'Add' }).click();
    await page.getByTestId('field-condition').filter({ hasText: 'Product line: Home loan' }).waitFor();
    await row(page, 'Carl Card').waitFor({ state: 'detached' });
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(1);
    await page.getByRole('button', { name: '+ Save view' }).click();
    await page.getByLabel('View name').fill('Home loans');
    await page.keyboard.press('Enter');
    const view = page.getByTestId('saved-view').filter({ hasText: 'Home loans' });
    await view.getByTestId('saved-view-count').filter({ hasText: /^1$/ }).waitFor();
    await page.screenshot({ path: join(shots, 'custom-fields-case-1440.png') });

    // Another case gets the value elsewhere (a supervisor's change, pushed): the view's count moves without a reload.
    const { rows: fields } = await sql.query(`SELECT id FROM custom_fields WHERE key = 'product_line'`);
    const carl = (await sql.query(`SELECT c.id FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE cu.display_name = 'Carl Card'`)).rows[0];
    expect((await inbox.api(`/api/cases/${carl.id}/fields/${fields[0].id}`, { method: 'PUT', token: shared.admin, body: { value: 'Home loan' } })).status).toBe(200);
    await view.getByTestId('saved-view-count').filter({ hasText: /^2$/ }).waitFor();
    await row(page, 'Carl Card').waitFor();
  });

  it('fits the field filter and the case’s fields on a phone', async () => {
    const page = await shared.signIn(FAY, '#/queue', { viewport: PHONE });
    await page.getByTestId('queue-count').filter({ hasText: /^\d+$/ }).waitFor();
    await page.getByTestId('saved-view').filter({ hasText: 'Home loans' }).getByRole('button', { name: /^Home loans/ }).click();
    await page.getByTestId('field-condition').filter({ hasText: 'Product line: Home loan' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(shots, 'custom-fields-queue-390.png') });
    await page.goto(`${inbox.url}/#/cases/${loan.id}`);
    // No side panel on a phone: the case's fields fold out under its header.
    await page.locator('.case-fields-phone summary').filter({ hasText: 'Case fields (1)' }).click();
    const panel = page.locator('.case-fields-phone').getByTestId('case-fields');
    await panel.getByTestId('field-value-product_line').filter({ hasText: 'Home loan' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(shots, 'custom-fields-case-390.png') });
  });

  it('sets a customer field on the customer page and lists who changed it', async () => {
    const made = await inbox.api<{ id: string }>('/api/custom-fields', {
      token: shared.admin,
      body: { key: 'customer_since', label: 'Customer since', kind: 'date', appliesTo: 'customer', help: 'The day their first account was opened' },
    });
    expect(made.status).toBe(201);
    const { rows } = await sql.query(`SELECT customer_id FROM cases WHERE id = $1`, [loan.id]);
    const page = await shared.signIn(FAY, `#/customers/${rows[0].customer_id}`, { viewport: WIDE });
    const fields = page.getByTestId('customer-screen').getByTestId('customer-fields');
    await fields.getByRole('button', { name: 'Edit Customer since' }).click();
    // The firm's date input: typed day first, kept as YYYY-MM-DD.
    await fields.getByLabel('Customer since', { exact: true }).fill('5/3/2019');
    await fields.getByRole('button', { name: 'Save' }).click();
    await fields.getByTestId('field-value-customer_since').filter({ hasText: '05/03/2019' }).waitFor();
    await page.getByRole('list', { name: 'Changes to the customer\'s fields' }).getByText(/Customer since: empty → 05\/03\/2019, by Fay Fields/).waitFor();
    const { rows: values } = await sql.query(`SELECT value #>> '{}' AS value FROM customer_field_values WHERE customer_id = $1`, [rows[0].customer_id]);
    expect(values).toEqual([{ value: '2019-03-05' }]);
    await page.screenshot({ path: join(shots, 'custom-fields-customer-1440.png') });

    const admin = await shared.signIn(ADA, '#/manage/fields', { viewport: PHONE });
    await admin.getByTestId('custom-field').filter({ hasText: 'Customer since' }).waitFor();
    expect(await admin.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await admin.screenshot({ path: join(shots, 'custom-fields-manage-390.png'), fullPage: true });
  });
});
