import { join } from 'node:path';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { checkPagesAndClose, startBrowserInbox, type BrowserInbox } from '../support/browser';
import type { TestInbox } from '../support/test-inbox';

const MIA = { email: 'mia@macros.local', password: 'mia-password-1', name: 'Mia Macro' };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What the page functions read of the browser (this project's tests compile without the DOM library). */
type Browserish = { document: { documentElement: { scrollWidth: number } } };

/** Macros in chromium: write one in Manage, apply it from the composer after reading its filled reply, apply one and escalate in bulk. */
describe('macros in the browser', () => {
  let shared: BrowserInbox;
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let shots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000031', staff: [{ ...MIA, role: 'agent' }] });
    ({ inbox, sql, admin, shots } = shared);
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });

  const signIn = (hash: string, viewport = WIDE) => shared.signIn(MIA, hash, { viewport });
  const row = (page: Page, text: string) => page.getByTestId('queue-row').filter({ hasText: text });
  const fitsWidth = async (page: Page) =>
    expect(await page.evaluate(() => (globalThis as unknown as Browserish).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  it('writes a macro step by step in Manage, and refuses a step the server does not accept, saying which', async () => {
    const page = await signIn('#/manage/macros');
    await page.getByRole('link', { name: 'Macros' }).waitFor();
    await page.getByRole('button', { name: 'New macro' }).click();
    const form = page.getByRole('form', { name: 'Macro' });
    await form.getByLabel('Name').fill('Fee refund under way');
    const add = async (label: string) => form.getByLabel('Add a step').selectOption({ label });
    await add('Assign');
    await add('Reply to the customer');
    await form.getByLabel('Reply text').fill('Dear {{customer.firstName}}, we are refunding the fee on {{case.reference}}. {{agent.nmae}}');
    await add('Add a tag');
    await form.getByLabel('Tag name').fill('Fee refund');
    await add('Internal note');
    await form.getByLabel('Note text').fill('Refund requested from the cards team');
    await add('Change status');
    await form.getByLabel('Reason').fill('Refund above my limit');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByRole('alert').filter({ hasText: 'Step 2: unknown placeholder {{agent.nmae}}' }).waitFor();
    await form.getByLabel('Reply text').fill('Dear {{customer.firstName}}, we are refunding the fee on {{case.reference}}. {{agent.name}}');
    await page.screenshot({ path: join(shots, 'macro-editor-1440.png'), fullPage: true });
    await form.getByRole('button', { name: 'Create' }).click();
    const item = page.getByTestId('macro-item').filter({ hasText: 'Fee refund under way' });
    await item.getByText('Escalate to supervisors — “Refund above my limit”').waitFor();
    await item.getByText('Only you').waitFor();
    const { rows } = await sql.query(`SELECT scope, actions FROM macros WHERE name = 'Fee refund under way'`);
    expect(rows).toEqual([{ scope: 'personal', actions: expect.arrayContaining([{ type: 'tag', tag: 'Fee refund' }]) }]);
    expect(rows[0].actions.map((a: { type: string }) => a.type)).toEqual(['assign', 'reply', 'tag', 'note', 'change_status']);
    await page.screenshot({ path: join(shots, 'macros-tab-1440.png') });
  });

  it('applies a macro from the composer (m) after showing the reply filled for the case', async () => {
    const c = await shared.newCase('+61455800001', 'Hana Refund', 'I want to complain: the annual fee on my card was charged twice');
    const page = await signIn('#/queue');
    await row(page, 'Hana Refund').click();
    await page.locator('.case-header').getByText(c.reference).waitFor();
    await page.keyboard.press('m');
    const picker = page.getByTestId('macro-picker');
    await picker.getByLabel('Find a macro').fill('refund');
    // Enter takes the first macro shown: wait until the list has loaded (a loaded runner was slower than the keys).
    await picker.getByRole('button', { name: /Fee refund under way/ }).waitFor();
    await page.keyboard.press('Enter');
    const filled = `Dear Hana, we are refunding the fee on ${c.reference}. Mia Macro`;
    await picker.getByTestId('macro-reply-preview').filter({ hasText: filled }).waitFor();
    await page.screenshot({ path: join(shots, 'macro-composer-preview-1440.png') });
    await picker.getByTestId('macro-apply').click();
    await picker.waitFor({ state: 'detached' });
    // The timeline shows the reply, and who applied the macro.
    await page.getByText(filled).first().waitFor();
    await page.getByText('Macro “Fee refund under way” applied by Mia Macro').waitFor();
    await page.screenshot({ path: join(shots, 'macro-applied-1440.png') });

    // Beside the automatic acknowledgement, the agent's reply on the case's channel.
    const { rows: messages } = await sql.query(`SELECT channel, text FROM messages WHERE case_id = $1 AND direction = 'outbound' AND author_user_id IS NOT NULL`, [c.id]);
    expect(messages).toEqual([{ channel: 'sms', text: filled }]);
    const { rows: state } = await sql.query(
      `SELECT c.status, u.name AS assignee, ARRAY(SELECT t.name FROM case_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.case_id = c.id) AS tags,
              ARRAY(SELECT n.text FROM case_notes n WHERE n.case_id = c.id) AS notes
         FROM cases c JOIN users u ON u.id = c.assignee_id WHERE c.id = $1`,
      [c.id],
    );
    expect(state).toEqual([{ status: 'escalated', assignee: MIA.name, tags: ['Fee refund'], notes: ['Refund requested from the cards team'] }]);
  });

  it('applies a macro to picked rows and escalates them in bulk, listing the step that did not apply and why', async () => {
    const free = await shared.newCase('+61455800011', 'Ivy Instalment', 'I complained about the late fees on my loan and nobody answered');
    const held = await shared.newCase('+61455800012', 'Jo Held', 'Complaint: the branch charged me a fee to close my account');
    expect((await inbox.api(`/api/cases/${held.id}/claim`, { token: admin, body: {} })).status).toBe(200);
    const macro = await inbox.api<{ id: string }>('/api/macros', {
      token: admin,
      body: { name: 'Fees triage', scope: 'everyone', actions: [{ type: 'tag', tag: 'Fees' }, { type: 'assign', to: 'me' }] },
    });
    expect(macro.status).toBe(201);

    const page = await signIn('#/queue');
    await page.getByTestId('queue-count').filter({ hasText: /^\d+$/ }).waitFor();
    for (const name of ['Ivy Instalment', 'Jo Held']) await row(page, name).getByRole('checkbox').click();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('2 selected').waitFor();
    await bar.getByLabel('Apply a macro to the selected cases').selectOption({ label: 'Fees triage' });
    const problems = page.getByTestId('bulk-refused');
    await problems.getByText(`${held.reference} (in part): step 2 (assign): This case is already being handled by`).waitFor();
    for (const name of ['Ivy Instalment', 'Jo Held']) await row(page, name).getByTestId('tag-chip').filter({ hasText: 'Fees' }).waitFor();
    await page.screenshot({ path: join(shots, 'macro-bulk-1440.png') });

    // The case done in part stays picked, to be dealt with next; pick the other again and escalate both with a reason.
    await bar.getByText('1 selected').waitFor();
    await expect(row(page, 'Jo Held').getByRole('checkbox').isChecked()).resolves.toBe(true);
    await row(page, 'Ivy Instalment').getByRole('checkbox').click();
    await bar.getByText('2 selected').waitFor();
    await bar.getByLabel('Change the status of the selected cases').selectOption({ label: 'Escalate to supervisors…' });
    await bar.getByLabel('Why the selected cases are escalated').fill('Fee policy question for supervisors');
    await page.screenshot({ path: join(shots, 'bulk-escalate-1440.png') });
    await bar.getByRole('button', { name: 'Escalate' }).click();
    await page.getByText('Escalated to supervisors: 2 cases').waitFor();
    const { rows } = await sql.query(`SELECT status FROM cases WHERE id = ANY($1::uuid[])`, [[free.id, held.id]]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['escalated', 'escalated']);
    const { rows: events } = await sql.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1::uuid[]) AND type = 'macro.applied'`, [[free.id, held.id]]);
    expect(events).toEqual([{ n: 2 }]);
  });

  it('fits the macro editor, the composer preview and the bulk bar on a phone', async () => {
    const c = await shared.newCase('+61455800021', 'Kim Phone', 'I want to complain about a fee charged on my card twice');
    const manage = await signIn('#/manage/macros', PHONE);
    await manage.getByTestId('macro-item').first().waitFor();
    await manage.getByTestId('macro-item').filter({ hasText: 'Fee refund under way' }).getByRole('button', { name: 'Edit' }).click();
    await manage.getByRole('form', { name: 'Macro' }).getByTestId('macro-step').nth(4).waitFor();
    await fitsWidth(manage);
    await manage.screenshot({ path: join(shots, 'macro-editor-390.png') });

    const page = await signIn(`#/cases/${c.id}`, PHONE);
    await page.getByTestId('macro-button').click();
    await page.getByTestId('macro-picker').getByRole('button', { name: /Fee refund under way/ }).click();
    await page.getByTestId('macro-reply-preview').filter({ hasText: `Dear Kim, we are refunding the fee on ${c.reference}.` }).waitFor();
    await fitsWidth(page);
    await page.screenshot({ path: join(shots, 'macro-composer-preview-390.png') });
    await page.screenshot({ path: join(shots, 'macro-composer-preview-390-full.png'), fullPage: true });

    const queue = await signIn('#/queue', PHONE);
    await row(queue, 'Kim Phone').getByRole('checkbox').click();
    await queue.getByTestId('bulk-bar').getByText('1 selected').waitFor();
    await fitsWidth(queue);
    await queue.screenshot({ path: join(shots, 'macro-bulk-390.png') });
  });

  it('writes a step that sets a case field, with the field’s own options, and previews it in the composer', async () => {
    const field = await inbox.api<{ id: string }>('/api/custom-fields', {
      token: admin,
      body: { key: 'product_line', label: 'Product line', kind: 'list', appliesTo: 'case', options: ['Home loan', 'Credit card'] },
    });
    expect(field.status).toBe(201);
    await inbox.api('/api/custom-fields', { token: admin, body: { key: 'segment', label: 'Segment', kind: 'text', appliesTo: 'customer' } });

    for (const [viewport, width] of [[WIDE, 1440], [PHONE, 390]] as const) {
      const page = await signIn('#/manage/macros', viewport);
      await page.getByRole('button', { name: 'New macro' }).click();
      const form = page.getByRole('form', { name: 'Macro' });
      await form.getByLabel('Name').fill(`Home loan dispute ${width}`);
      await form.getByLabel('Add a step').selectOption({ label: 'Set a field' });
      // Only case fields are offered.
      await expect(form.getByLabel('Field').locator('option').allTextContents()).resolves.toEqual(['Choose a case field…', 'Product line']);
      await form.getByLabel('Field').selectOption({ label: 'Product line' });
      await form.getByLabel('Product line').selectOption({ label: 'Home loan' });
      if (width === 390) await fitsWidth(page);
      await page.screenshot({ path: join(shots, `macro-set-field-${width}.png`), fullPage: true });
      await form.getByRole('button', { name: 'Create' }).click();
      await page.getByTestId('macro-item').filter({ hasText: `Home loan dispute ${width}` }).getByText('Set Product line to Home loan').waitFor();
    }
    const { rows } = await sql.query(`SELECT actions FROM macros WHERE name = 'Home loan dispute 1440'`);
    expect(rows).toEqual([{ actions: [{ type: 'set_field', fieldId: field.body.id, value: 'Home loan' }] }]);

    const c = await shared.newCase('+61455800031', 'Lee Loan', 'I want to complain about the fees on my home loan');
    const page = await signIn(`#/cases/${c.id}`);
    await page.getByTestId('macro-button').click();
    const picker = page.getByTestId('macro-picker');
    await picker.getByRole('button', { name: /Home loan dispute 1440/ }).getByText('Set Product line to Home loan').waitFor();
  });
});
