import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'pg';
import type { Locator, Page } from 'playwright-core';
import { TOPICS } from '@inbox/contracts';
import { OUR_NUMBER, PUBLIC_URL, checkPagesAndClose, startBrowserInbox, TWILIO_AUTH_TOKEN, VIEWPORT, type BrowserInbox } from '../support/browser';
import type { TwilioStandIn } from '../support/twilio-stand-in';
import { TwilioWebhooks } from '../support/builders';
import { eventually } from '../support/eventually';
import { inboundMessage, type TestInbox } from '../support/test-inbox';

const ACCOUNT_SID = 'AC00000000000000000000000000000002';
const ANN = { email: 'ann@test.local', password: 'ann-password-1', name: 'Ann Lee' };
const BEN = { email: 'ben@test.local', password: 'ben-password-1', name: 'Ben Ortiz' };

/**
 * The agents' workspace in a real chromium against a real inbox: sign in, a
 * signed Twilio SMS appears live, reply and watch its delivery status, and two
 * agents in two browsers see each other's claim.
 */
describe('agent workspace in the browser', () => {
  let shared: BrowserInbox;
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let screenshots: string;
  let admin: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: ACCOUNT_SID, staff: [ANN, BEN].map((agent) => ({ ...agent, role: 'agent' as const })) });
    ({ twilio, inbox, sql, screenshots, admin } = shared);
  }, 120_000);

  checkPagesAndClose(() => shared, { closePagesAfterEach: true });

  const newPage = (): Promise<Page> => shared.newPage();

  const webhooks = new TwilioWebhooks(() => inbox.url, { accountSid: ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, publicUrl: PUBLIC_URL, number: OUR_NUMBER });

  async function webhook(path: string, params: Record<string, string>) {
    expect((await webhooks.post(path, params)).status).toBeLessThan(300);
  }

  const sms = (from: string, body: string) => webhook('/webhooks/twilio/sms', webhooks.smsForm(from, body));

  async function signIn(who: { email: string; password: string }): Promise<Page> {
    const page = await shared.signIn(who);
    await page.getByTestId('queue-count').filter({ hasText: /^\d+$/ }).waitFor();
    return page;
  }

  const row = (page: Page, text: string) => page.getByTestId('queue-row').filter({ hasText: text });

  const until = (condition: () => boolean, ms = 5_000) => eventually(condition, ms, 'the condition');


  async function outboundSid(messageId: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql.query(`SELECT external_id FROM messages WHERE id = $1`, [messageId]);
      if (rows[0]?.external_id) return rows[0].external_id as string;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the reply never reached Twilio');
  }

  it('refuses a wrong password and signs in with the right one', async () => {
    const page = await newPage();
    await page.goto(inbox.url);
    await page.getByLabel('Email').fill(ANN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /wrong email or password/i }).waitFor();
    await page.getByLabel('Password').fill(ANN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await expect(page.locator('.me-name').textContent()).resolves.toBe(ANN.name);
  });

  it('shows an SMS complaint arriving live, then the reply’s delivery status moving, without a reload', async () => {
    const page = await signIn(ANN);
    await page.evaluate(() => ((globalThis as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
    const text = 'You charged my card twice for the same bill, please refund me';
    await sms('+61412300101', text);
    await row(page, text).waitFor({ timeout: 5_000 });

    // The case is read once: the reply and its delivery statuses arrive as events folded into the cached case.
    const caseReads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && /^\/api\/cases\/[^/]+$/.test(new URL(request.url()).pathname)) caseReads.push(request.url());
    });
    await row(page, text).click();
    const caseView = page.getByTestId('case-view');
    await caseView.getByTestId('message').filter({ hasText: text }).waitFor();
    await expect(page.getByTestId('reply-channel').locator('option:checked').textContent()).resolves.toMatch(/SMS · 0412 300 101/);

    const reply = 'Sorry about that — the duplicate charge is refunded within 2 business days.';
    await page.getByLabel('Reply text').fill(reply);
    await page.keyboard.press('Control+Enter');
    const outbound = caseView.locator('[data-direction="outbound"]').filter({ hasText: reply });
    await outbound.waitFor();
    await expect(outbound.getByTestId('delivery-status').getAttribute('data-status')).resolves.toBe('queued');

    const messageSid = await outboundSid((await outbound.getAttribute('data-message-id'))!);
    expect(twilio.requests.some((r) => r.form.Body === reply && r.form.To === '+61412300101')).toBe(true);
    await webhook('/webhooks/twilio/status', { MessageSid: messageSid, MessageStatus: 'sent', AccountSid: ACCOUNT_SID });
    await outbound.locator('[data-testid="delivery-status"][data-status="sent"]').waitFor({ timeout: 5_000 });
    await webhook('/webhooks/twilio/status', { MessageSid: messageSid, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID });
    await outbound.locator('[data-testid="delivery-status"][data-status="delivered"]').waitFor({ timeout: 5_000 });
    await expect(outbound.getByTestId('delivery-status').textContent()).resolves.toContain('Delivered');
    expect(caseReads).toHaveLength(1);

    expect(await page.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  });

  it('shows a new complaint live to two agents; one claims it and the other sees it taken', async () => {
    const [ann, ben] = await Promise.all([signIn(ANN), signIn(BEN)]);
    const text = 'My direct debit was taken early and now I have an overdraft fee';
    // Pushed to both open screens without a reload (how fast, from the webhook's answer: `npm run bench`, timings).
    await sms('+61412300102', text);
    await Promise.all([row(ann, text).waitFor({ timeout: 15_000 }), row(ben, text).waitFor({ timeout: 15_000 })]);

    await expect(row(ben, text).getByTestId('row-assignee').textContent()).resolves.toBe('Unassigned');
    await row(ann, text).click();
    await ann.getByTestId('case-view').getByTestId('message').filter({ hasText: text }).waitFor();
    await ann.keyboard.press('c');
    await ann.getByTestId('case-assignee').filter({ hasText: 'You' }).waitFor();

    // Ben's queue shows the case taken, and the case no longer offers him a claim.
    await row(ben, text).getByTestId('row-assignee').filter({ hasNotText: 'Unassigned' }).waitFor({ timeout: 5_000 });
    await row(ben, text).click();
    await ben.getByTestId('case-view').getByTestId('message').filter({ hasText: text }).waitFor();
    await expect(ben.locator('[data-action="claim"]').isDisabled()).resolves.toBe(true);
    await expect(ben.getByTestId('case-assignee').textContent()).resolves.toContain(ANN.name);

    // Collision detection: each sees the other in the case, and Ben sees Ann typing.
    await ann.getByTestId('presence').filter({ hasText: `${BEN.name} is viewing` }).waitFor({ timeout: 10_000 });
    await ann.getByLabel('Reply text').fill('Checking your account now');
    await ben.getByTestId('presence').filter({ hasText: `${ANN.name} is typing` }).waitFor({ timeout: 10_000 });
  });

  it('lets exactly one of two agents who claim at the same moment win, and tells the other who has it', async () => {
    const [ann, ben] = await Promise.all([signIn(ANN), signIn(BEN)]);
    const text = 'Nobody answers about my home loan hardship application';
    await sms('+61412300103', text);
    for (const page of [ann, ben]) {
      await row(page, text).click();
      await page.locator('[data-action="claim"]:not([disabled])').waitFor();
    }
    await Promise.all([ann.locator('[data-action="claim"]').click(), ben.locator('[data-action="claim"]').click()]);

    // One of them holds the case. The other is told who has it: by the refusal's toast when their claim reached
    // the server second, or, when the winner's update reached their page first, by the case's assignee.
    let rows: Array<{ name: string }> = [];
    for (let tries = 0; rows.length === 0 && tries < 100; tries++) {
      ({ rows } = await sql.query(`SELECT u.name FROM cases c JOIN users u ON u.id = c.assignee_id JOIN messages m ON m.case_id = c.id WHERE m.text = $1`, [text]));
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toHaveLength(1);
    const winner = rows[0].name === ANN.name ? ann : ben;
    const loser = winner === ann ? ben : ann;
    await winner.getByTestId('case-assignee').filter({ hasText: 'You' }).waitFor();
    await loser.getByTestId('case-assignee').filter({ hasText: rows[0].name }).waitFor();
    expect(await loser.locator('.toast').filter({ hasText: 'The case is yours' }).count()).toBe(0);
  });

  it('works a case from the keyboard: canned response, internal note, knowledge base, escalation in the history', async () => {
    expect((await inbox.api('/api/canned-responses', { token: admin, body: { title: 'Refund on its way', body: 'Your refund for {{case.reference}} is on its way. — {{agent.name}}' } })).status).toBe(201);
    const article = { title: 'Duplicate card charge refunded', body: 'A duplicate charge from the same merchant is reversed by us within 2 business days; no form is needed.', category: 'card/fees' };
    expect((await inbox.api('/api/knowledge', { token: admin, body: article })).status).toBe(201);

    const page = await signIn(ANN);
    await row(page, 'You charged my card twice').click();
    const caseView = page.getByTestId('case-view');
    const reference = (await caseView.locator('.case-ref').first().textContent())!;
    await caseView.getByTestId('message').first().waitFor();

    await page.keyboard.press('p');
    await page.getByRole('dialog', { name: 'Canned responses' }).getByText('Refund on its way').click();
    await expect(page.getByLabel('Reply text').inputValue()).resolves.toBe(`Your refund for ${reference} is on its way. — ${ANN.name}`);
    await page.getByLabel('Reply text').fill('');

    await page.getByTestId('knowledge-tab').click();
    const panel = page.getByTestId('knowledge-panel');
    await panel.getByLabel('Search the knowledge base').fill('duplicate charge');
    await panel.getByLabel('Search the knowledge base').press('Enter');
    await panel.getByText(article.title).waitFor();
    await panel.getByRole('button', { name: 'Insert into reply' }).first().click();
    await expect(page.getByLabel('Reply text').inputValue()).resolves.toBe(article.body);
    await page.getByLabel('Reply text').fill('');
    await page.getByLabel('Reply text').blur();

    await page.keyboard.press('n');
    const note = 'Customer is a long-standing client; refund approved by Maria in cards.';
    await page.getByLabel('Note text').fill(note);
    await page.keyboard.press('Control+Enter');
    await caseView.getByTestId('note').filter({ hasText: note }).waitFor();
    const { rows: sent } = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE text = $1`, [note]);
    expect(sent[0].n).toBe(0); // a note never becomes a message to the customer

    await page.getByLabel('Note text').blur();
    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: 'Escalate' });
    await dialog.getByLabel('Reason').fill('Customer threatens to go to AFCA');
    await dialog.getByRole('button', { name: 'Escalate' }).click();
    await caseView.locator('[data-testid="history-event"][data-type="case.escalated"]').filter({ hasText: 'Escalated to supervisors by Ann Lee' }).waitFor();
    await caseView.getByTestId('case-status').filter({ hasText: 'Escalated' }).waitFor();

    // The help overlay lists the shortcuts that work here.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const text of ['Next case in the queue', 'Write an internal note', 'Escalate', 'Search the knowledge base']) await help.getByText(text, { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('resolves a case with the IDR response on the customer’s channel, drops it from the queue, and reopens it', async () => {
    const page = await signIn(ANN);
    const text = 'My direct debit was taken early';
    await row(page, text).click();
    const caseView = page.getByTestId('case-view');
    await caseView.getByTestId('message').first().waitFor();
    const before = twilio.requests.length;

    // The agent corrects what triage decided; the case's category follows.
    await page.locator('[data-action="more"]').click();
    await page.getByRole('menuitem', { name: 'Correct classification' }).click();
    const correct = page.getByRole('dialog', { name: 'Correct classification' });
    await correct.getByLabel('Product').fill('direct_debit');
    await correct.getByLabel('Issue').fill('early_debit');
    await correct.getByRole('button', { name: 'Correct classification' }).click();
    await correct.waitFor({ state: 'detached' });
    await caseView.locator('.case-title .chip').filter({ hasText: 'Direct debit/early debit' }).waitFor();

    // Only the assignee (Ann, who claimed it) or a supervisor resolves: Ben's case view says so, in the API's words.
    const ben = await signIn(BEN);
    await row(ben, text).click();
    await ben.getByTestId('case-policy-note').filter({ hasText: 'Someone else holds this case: only its assignee or a supervisor can resolve it.' }).waitFor();
    await expect(ben.locator('[data-action="resolve"]').isDisabled()).resolves.toBe(true);
    await ben.close();
    await expect(caseView.getByTestId('case-policy-note').count()).resolves.toBe(0);

    await page.keyboard.press('d');
    const dialog = page.getByRole('dialog', { name: 'Resolve' });
    await dialog.getByLabel('Outcome').selectOption('upheld');
    await dialog.getByLabel('Remedy').selectOption('fee_refund_or_waiver');
    await dialog.getByLabel('Findings and reasons').fill('The debit was taken two days early because of our error; the overdraft fee is refunded.');
    await dialog.getByLabel('Compensation or refund (AUD)').fill('25');
    // First the exact text and where it goes; nothing is sent until the second press.
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByTestId('send-preview');
    await preview.filter({ hasText: 'To +61412300102 by SMS' }).waitFor();
    const previewText = await preview.locator('pre').textContent();
    expect(previewText).toContain('The debit was taken two days early because of our error');
    expect(previewText).toMatch(/AFCA/);
    await page.screenshot({ path: join(screenshots, 'resolve-preview.png') });
    expect(twilio.requests.slice(before).some((r) => /AFCA/.test(r.form.Body ?? ''))).toBe(false);
    await dialog.getByRole('button', { name: 'Send — Resolve' }).click();
    await dialog.waitFor({ state: 'detached' });

    await caseView.getByTestId('case-status').filter({ hasText: 'Resolved' }).waitFor();
    await caseView.locator('[data-testid="history-event"][data-type="case.resolved"]').filter({ hasText: 'Resolved by Ann Lee — upheld, $25.00 paid' }).waitFor();
    await row(page, text).waitFor({ state: 'detached' });
    // The IDR response went out as an SMS to the customer.
    await caseView.locator('[data-direction="outbound"]').filter({ hasText: /AFCA/ }).first().waitFor();
    await until(() => twilio.requests.slice(before).some((r) => r.form.To === '+61412300102' && /AFCA/.test(r.form.Body ?? '')));

    await page.keyboard.press('o');
    await page.getByRole('dialog', { name: 'Reopen' }).getByRole('button', { name: 'Reopen' }).click();
    await caseView.locator('[data-testid="history-event"][data-type="case.reopened"]').waitFor();
    await row(page, text).waitFor();
  });

  it('shows an address the customer only claimed as unverified, and makes it theirs when the agent confirms it', async () => {
    const text = 'I was charged twice for my home loan repayment this month';
    await inbox.bus.publish(TOPICS.inbound, 'webchat:visitor-claims', inboundMessage({
      channel: 'webchat',
      account: 'webchat',
      sender: { address: 'visitor-claims', displayName: 'Noah Claim' },
      text,
      contacts: [{ channel: 'email', address: 'noah.claim@example.com' }],
    }));
    const page = await signIn(ANN);
    await row(page, text).click();
    const panel = page.getByTestId('customer-panel');
    const claim = panel.getByTestId('unverified-claim').filter({ hasText: 'noah.claim@example.com' });
    await claim.getByText('unverified').waitFor();
    await page.screenshot({ path: join(screenshots, 'unverified-claim.png') });
    page.once('dialog', (dialog) => void dialog.accept());
    await claim.getByRole('button', { name: 'Confirm' }).click();
    await claim.waitFor({ state: 'detached' });
    await panel.locator('.identities li').filter({ hasText: 'noah.claim@example.com' }).filter({ hasText: 'Email' }).waitFor();
    const { rows } = await sql.query(`SELECT c.customer_id = i.customer_id AS same FROM identities i, identities c WHERE i.address = 'noah.claim@example.com' AND c.address = 'visitor-claims'`);
    expect(rows).toEqual([{ same: true }]);
  });

  it('walks and filters the queue from the keyboard, and each key of the README’s table does what it says', async () => {
    const texts = ['Keyboard walk one: you charged me twice', 'Keyboard walk two: my card was blocked for no reason', 'Keyboard walk three: nobody answers my emails'];
    for (const [i, text] of texts.entries()) await sms(`+6141230020${i}`, text);
    const other = 'Another complaint entirely: the branch lost my documents';
    await sms('+61412300209', other);
    const page = await signIn(ANN);
    for (const text of [...texts, other]) await row(page, text).waitFor({ timeout: 15_000 });
    const unfiltered = await page.getByTestId('queue-row').count();
    const focused = (label: string) => page.locator(`[aria-label="${label}"]:focus`).waitFor();
    const atCase = (id: string | null) => page.waitForURL((url) => url.hash.endsWith(`/${id}`));

    // `/` filters the queue by text; Esc clears the filter.
    await page.keyboard.press('/');
    await focused('Filter the queue');
    await page.keyboard.type('Keyboard walk');
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(3);
    await page.keyboard.press('Escape');
    await row(page, other).waitFor();
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(unfiltered);

    // `j` / `k`: next and previous case, in the queue's order; `g` back to the queue. The order is read once it
    // has settled: a case's classification and deadlines can arrive after its row (a loaded CI run saw it move).
    const queueOrder = async () => (await Promise.all((await page.getByTestId('queue-row').all()).map((r) => r.getAttribute('data-case-id')))).join(',');
    for (let last = '', stableSince = Date.now(); ; await page.waitForTimeout(250)) {
      const now = await queueOrder();
      if (now !== last) [last, stableSince] = [now, Date.now()];
      else if (Date.now() - stableSince >= 1_500) break;
    }
    const ids = (await queueOrder()).split(',').slice(0, 2);
    await page.keyboard.press('j');
    await atCase(ids[0]);
    await page.keyboard.press('j');
    await atCase(ids[1]);
    await page.keyboard.press('k');
    await atCase(ids[0]);
    await page.keyboard.press('g');
    await page.waitForURL((url) => url.hash === '#/queue');

    // On one of the new cases: `r` and `n` focus the composer, `i` and `f` switch the side panel.
    await row(page, texts[1]).click();
    const caseView = page.getByTestId('case-view');
    await caseView.getByTestId('message').filter({ hasText: texts[1] }).waitFor();
    await page.keyboard.press('r');
    await focused('Reply text');
    await page.getByLabel('Reply text').blur();
    await page.keyboard.press('n');
    await focused('Note text');
    await page.getByLabel('Note text').blur();
    await page.keyboard.press('f');
    await page.getByTestId('knowledge-panel').waitFor();
    await focused('Search the knowledge base');
    await page.getByLabel('Search the knowledge base').blur();
    await page.keyboard.press('i');
    await page.getByTestId('customer-panel').waitFor();

    // `t` and `u` open their dialogs (Esc closes them unsent). The automatic acknowledgement went out, so
    // Acknowledge is not offered and `a` does nothing: the `t` pressed after it finds no dialog already open.
    await expect(page.locator('[data-action="acknowledge"]').count()).resolves.toBe(0);
    await page.keyboard.press('a');
    // Transfer and Mark unfounded are the assignee's: `c` claims the case first.
    await page.keyboard.press('c');
    await page.getByTestId('case-assignee').filter({ hasText: 'You' }).waitFor();
    for (const [key, name] of [['t', 'Transfer'], ['u', 'Mark unfounded']] as const) {
      await page.keyboard.press(key);
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      await expect(page.getByRole('dialog').count()).resolves.toBe(1);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }

    // The filters: Mine has the case just claimed, Unassigned has the other two and not it.
    await page.getByRole('tab', { name: /^Mine/ }).click();
    await row(page, texts[1]).waitFor();
    await expect(row(page, texts[0]).count()).resolves.toBe(0);
    await page.getByRole('tab', { name: /^Unassigned/ }).click();
    await row(page, texts[0]).waitFor();
    await row(page, texts[2]).waitFor();
    await expect(row(page, texts[1]).count()).resolves.toBe(0);
    await page.getByRole('tab', { name: /^All open/ }).click();
    for (const text of texts) await row(page, text).waitFor();
  });

  it('shows a customer without a name by their address in the queue, the case and the API, and a web chat visitor by what they gave', async () => {
    const unnamed = 'Nobody told me the term deposit would roll over automatically';
    await sms('+61412300160', unnamed);
    const visitorText = 'The chat said my dispute was lodged but there is no reference';
    await inbox.bus.publish(TOPICS.inbound, 'webchat:wv_zN38qPfA0LrT', inboundMessage({
      channel: 'webchat',
      account: 'webchat',
      sender: { address: 'wv_zN38qPfA0LrT' },
      contacts: [{ channel: 'email', address: 'lee.visitor@example.org' }],
      text: visitorText,
    }));
    const silentText = 'Is anyone there? I have been waiting for ten minutes';
    await inbox.bus.publish(TOPICS.inbound, 'webchat:wv_Q9silent000', inboundMessage({ channel: 'webchat', account: 'webchat', sender: { address: 'wv_Q9silent000' }, text: silentText }));

    const list = await inbox.api<{ items: Array<{ preview: string; customerName: string | null; customerAddress: string | null }> }>('/api/cases?status=open&limit=200', { token: admin });
    const byPreview = (text: string) => list.body.items.find((c) => c.preview.startsWith(text.slice(0, 30)))!;
    expect(byPreview(unnamed)).toMatchObject({ customerName: null, customerAddress: '0412 300 160' });
    expect(byPreview(visitorText)).toMatchObject({ customerName: null, customerAddress: 'lee.visitor@example.org (unverified)' });
    expect(byPreview(silentText)).toMatchObject({ customerName: null, customerAddress: 'Web chat visitor' });

    const page = await signIn(ANN);
    await expect(row(page, unnamed).locator('.row-customer').textContent()).resolves.toBe('0412 300 160');
    await expect(row(page, visitorText).locator('.row-customer').textContent()).resolves.toBe('lee.visitor@example.org (unverified)');
    await expect(row(page, silentText).locator('.row-customer').textContent()).resolves.toBe('Web chat visitor');

    await row(page, visitorText).click();
    const caseView = page.getByTestId('case-view');
    await caseView.getByTestId('message').filter({ hasText: visitorText }).waitFor();
    await expect(caseView.locator('.case-name').textContent()).resolves.toBe('lee.visitor@example.org (unverified)');
    await loaded(page.getByTestId('customer-panel'));
    await expect(page.getByTestId('customer-panel').locator('h2').textContent()).resolves.toBe('lee.visitor@example.org (unverified)');
    // The visitor's token is nowhere on the screen: not in the header, the timeline, the customer card or the reply channel.
    expect(await page.locator('body').innerText()).not.toContain('wv_');
    expect(await page.getByTestId('reply-channel').innerText()).not.toContain('wv_');

    await row(page, unnamed).click();
    await caseView.getByTestId('message').filter({ hasText: unnamed }).waitFor();
    await expect(caseView.locator('.case-name').textContent()).resolves.toBe('0412 300 160');
  });

  it('takes screenshots of the queue and of a case at 1366×768', async () => {
    // A realistic morning: complaints on several channels from named customers.
    const seeds = [
      { channel: 'email' as const, address: 'olivia.nguyen@example.com', name: 'Olivia Nguyen', text: 'Complaint: my credit card annual fee was charged although you waived it in March' },
      { channel: 'telegram' as const, address: '482913377', name: 'Dmitri Volkov', text: 'Перевод за границу не дошёл уже неделю, деньги списаны' },
      { channel: 'whatsapp' as const, address: '+61412300150', name: 'Priya Shah', text: 'The branch refused to let me close my late father’s account without an appointment' },
      { channel: 'webchat' as const, address: 'visitor-7f3a', name: 'Liam Carter', text: 'Your app keeps logging me out and I missed a payment because of it' },
      { channel: 'voice' as const, address: '+61412300151', name: 'Grace Kelly', text: 'Voicemail: I was promised a call back about my insurance claim three times' },
    ];
    for (const seed of seeds) {
      await inbox.bus.publish(TOPICS.inbound, `${seed.channel}:${seed.address}`, inboundMessage({
        channel: seed.channel,
        account: seed.channel === 'email' ? 'complaints@bank.example' : OUR_NUMBER,
        sender: { address: seed.address, displayName: seed.name },
        text: seed.text,
      }));
    }
    // Twilio reports the automatic acknowledgements delivered, as it would.
    const { rows: queued } = await sql.query(`SELECT external_id FROM messages WHERE direction = 'outbound' AND channel = 'sms' AND delivery_status = 'queued' AND external_id IS NOT NULL`);
    for (const { external_id: sid } of queued as Array<{ external_id: string }>) {
      await webhook('/webhooks/twilio/status', { MessageSid: sid, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID });
    }
    const page = await signIn(ANN);
    await row(page, seeds[0].text.slice(0, 30)).waitFor();
    await page.screenshot({ path: join(screenshots, 'queue.png') });

    await row(page, 'You charged my card twice').click();
    await page.getByTestId('case-view').locator('[data-status="delivered"]').first().waitFor();
    await page.getByTestId('case-view').locator('[data-status="queued"]').waitFor({ state: 'detached' });
    await loaded(page.getByTestId('customer-panel'));
    await page.screenshot({ path: join(screenshots, 'case.png') });

    for (const file of ['queue.png', 'case.png']) {
      const png = await readFile(join(screenshots, file));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // IHDR: width and height of the image, big-endian, at bytes 16–23.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    }
  });
});

/** Until nothing in `panel` still says "Loading…" (its customer, case fields and customer fields load on their own). */
async function loaded(panel: Locator): Promise<void> {
  const loading = panel.getByText('Loading…');
  while ((await loading.count()) > 0) await loading.first().waitFor({ state: 'detached' });
}
