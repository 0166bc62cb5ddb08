import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Client } from 'pg';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { buildDictionaryWorkbook, sampleDictionary } from '../support/asic-dictionary-workbook';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';
import { inboundMessage, type TestInbox } from '../support/test-inbox';

const ACCOUNT_SID = 'AC00000000000000000000000000000024';
const CARA = { email: 'cara@test.local', password: 'cara-password-1', name: 'Cara Officer' };
/** Where the screenshots the lead looks at go (outside the repository). */
const SHOTS = process.env.SCREENSHOTS_DIR;

/** The half-year before the current one: the one a firm lodges now. */
function lastHalfYear(today = new Date()): { from: string; to: string } {
  const year = today.getFullYear();
  return today.getMonth() < 6 ? { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` } : { from: `${year}-01-01`, to: `${year}-06-30` };
}

/**
 * The compliance officer's ASIC IDR screen in a real chromium: load ASIC's
 * dictionary workbook, see the shipped one flagged UNVERIFIED, validate the
 * half-year, map a value from the failure list, follow a failure to its case
 * and fix it there, and download the file once it passes.
 */
describe('ASIC IDR data in the browser', () => {
  let shared: BrowserInbox;
  let inbox: TestInbox;
  let sql: Client;
  const period = lastHalfYear();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: ACCOUNT_SID, env: { ASIC_REPORTING_ENTITY: 'Example Bank Ltd' }, staff: [{ ...CARA, role: 'supervisor' }] });
    ({ inbox, sql } = shared);
    const day = (offset: number) => new Date(Date.parse(`${period.from}T01:00:00Z`) + offset * 86_400_000).toISOString();
    const data: Array<[string, Partial<InboundMessage>]> = [
      ['a', { channel: 'sms', sender: { address: '+61413200001' }, receivedAt: day(10), text: 'I am unhappy: you charged me a fee I never agreed to' }],
      ['b', { channel: 'email', account: 'complaints@bank.example', sender: { address: 'b@example.com' }, receivedAt: day(40), text: 'I am unhappy that my card was charged twice' }],
      ['c', { channel: 'email', account: 'complaints@bank.example', sender: { address: 'c@example.com' }, receivedAt: day(70), text: 'I am unhappy with your app, it keeps logging me out' }],
    ];
    for (const [name, overrides] of data) {
      const message = inboundMessage(overrides);
      await inbox.bus.publish(TOPICS.inbound, name, message);
      ids[name] = (await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId])).rows[0].case_id;
    }
    const patch = (name: string, body: Record<string, unknown>) => inbox.api(`/api/cases/${ids[name]}/compliance`, { method: 'PATCH', token: shared.admin, body });
    await patch('a', { products: ['card'], issues: ['fees'] });
    await patch('b', { products: ['card'], issues: ['incorrect_transaction'] });
    // C-000003 has no issue recorded: a failure the officer fixes on the case.
    await patch('c', { products: ['account'], issues: [] });
  }, 180_000);

  checkPagesAndClose(() => shared);

  it('loads a dictionary, maps a value, follows a failure to its case, fixes it, and downloads the file', async () => {
    const page = await shared.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    await page.goto(`${inbox.url}/#/compliance`);
    await page.getByLabel('Email').fill(CARA.email);
    await page.getByLabel('Password').fill(CARA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const screen = page.getByTestId('compliance-screen');
    await screen.waitFor();
    // Before anything is loaded, only the shipped dictionary, flagged UNVERIFIED.
    await page.getByTestId('unverified-badge').waitFor();
    await page.getByTestId('mapping-unverified').waitFor();

    // Load ASIC's workbook (built with exceljs, as a compliance officer fills it), in force for this half-year.
    const spec = sampleDictionary();
    const workbook = await buildDictionaryWorkbook({ ...spec, about: { ...spec.about, Version: 'asic-test-1', 'Applies from': period.from } });
    await page.getByTestId('dictionary-file').setInputFiles({ name: 'asic-idr-template.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook });
    await page.locator('.toast').filter({ hasText: 'Dictionary asic-test-1 loaded' }).waitFor();
    await page.getByTestId('dictionaries').getByText('Verified', { exact: true }).waitFor();

    // Earlier mapping work of the officer, through the same API the screen uses; the channel "email" is left for the screen.
    const put = (source: string, entries: Array<[string, string]>) =>
      inbox.api(`/api/reports/asic-idr/dictionaries/asic-test-1/mapping`, { method: 'PUT', token: shared.admin, body: { source, entries: entries.map(([value, code]) => ({ value, code })) } });
    expect((await put('status', [['open', '1'], ['closed', '2']])).status).toBe(200);
    await put('channel', [['sms', '12']]);
    await put('products', [['card', 'P01'], ['account', 'P02']]);
    await put('issues', [['fees', 'I01'], ['incorrect_transaction', 'I03'], ['service_quality', 'I02']]);
    await put('about_representative', [['true', 'Y'], ['false', 'N']]);

    await page.getByTestId('period').selectOption(period.from);
    await page.getByTestId('validate').click();
    const validation = page.getByTestId('validation');
    await validation.getByTestId('invalid').waitFor();
    const failures = page.getByTestId('failures');
    await failures.getByText('"email" is not mapped to a code of table CHANNEL').first().waitFor();
    await failures.locator('tr').filter({ hasText: 'C-000003' }).filter({ hasText: 'Issues' }).getByText('required').waitFor();
    expect(await page.getByTestId('download').isDisabled()).toBe(true);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'compliance-1440.png'), fullPage: true });

    // The value without a code: straight to its row in the mapping.
    await page.getByTestId('unmapped').getByRole('button', { name: /Channel: email/ }).click();
    const mapping = page.getByTestId('mapping');
    // The mapping shows what the validation just used (the officer's earlier work included).
    expect(await mapping.getByLabel('Code for sms').inputValue()).toBe('12');
    await mapping.getByLabel('Code for email').selectOption('11');
    await mapping.getByTestId('save-mapping').click();
    await page.locator('.toast').filter({ hasText: 'Channel: mapping saved' }).waitFor();
    await failures.getByText('"email" is not mapped').first().waitFor({ state: 'detached' });

    // The complaint without an issue: fixed on the case.
    await failures.locator('tr').filter({ hasText: 'C-000003' }).getByRole('link', { name: 'Fix on the case' }).click();
    await page.getByTestId('case-view').waitFor();
    // The case shows how its IDR deadline was counted (RG 271.56 Note).
    expect(await page.getByTestId('respond-by-rule').getAttribute('title')).toMatch(/30 days from \d{2}\/\d{2}\/\d{4} \(RG 271\.56, Table 2\); (a business day|rolled from)/);
    await page.locator('[data-action="more"]').click();
    await page.getByRole('menuitem', { name: 'Reporting details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reporting details' });
    await dialog.getByLabel('Issues').fill('service quality');
    await dialog.getByRole('button', { name: 'Reporting details' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.goBack();
    await page.getByTestId('compliance-screen').waitFor();
    await page.getByTestId('period').selectOption(period.from);
    await page.getByTestId('validate').click();
    await page.getByTestId('valid').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`asic-idr-${period.from}-${period.to}-asic-test-1.csv`);
    const text = await readFile((await file.path())!, 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(spec.headers.join(','));
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['C-000001,Example Bank Ltd,1,12', 'C-000002,Example Bank Ltd,1,11', 'C-000003,Example Bank Ltd,1,11']);
    expect(lines[3].split(',')[8]).toBe('I02');
  });

  it('reads on a phone: the cards stack and the failure list stays usable at 390 px', async () => {
    await inbox.api(`/api/cases/${ids.a}/compliance`, { method: 'PATCH', token: shared.admin, body: { issues: [] } });
    const page = await shared.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${inbox.url}/#/compliance`);
    await page.getByLabel('Email').fill(CARA.email);
    await page.getByLabel('Password').fill(CARA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('compliance-screen').waitFor();
    await page.getByTestId('period').selectOption(period.from);
    await page.getByTestId('validate').click();
    await page.getByTestId('invalid').waitFor();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'compliance-390.png'), fullPage: true });
    await page.getByTestId('mapping').scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'compliance-390-mapping.png') });
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
