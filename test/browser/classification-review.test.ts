import { join } from 'node:path';
import type { Client } from 'pg';
import { addDays, civilDateOf, formatCivilDate } from '@inbox/compliance';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { checkPagesAndClose, OUR_NUMBER, PUBLIC_URL, startBrowserInbox, TWILIO_AUTH_TOKEN, type BrowserInbox } from '../support/browser';
import { signTwilioWebhook, type TwilioStandIn } from '../support/twilio-stand-in';
import { inboundMessage, type TestInbox } from '../support/test-inbox';

const ACCOUNT_SID = 'AC00000000000000000000000000000025';
const SUE = { email: 'sue@review.local', password: 'sue-password-1', name: 'Sue Park' };
const AMY = { email: 'amy@review.local', password: 'amy-password-1', name: 'Amy Chen' };
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * Classification quality in a real chromium (issue 25): a supervisor sees the sampling and overturn rates on
 * the dashboard, reviews a day's sample of not-a-complaint decisions, overturns one (it becomes a complaint
 * case, acknowledged by SMS) and upholds another; an agent sees a doubtful complaint flagged "Check the
 * classification" and keeps it. Screenshots at 1440 and 390 px wide.
 */
describe('classification review in the browser', () => {
  let shared: BrowserInbox;
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let screenshots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({
      accountSid: ACCOUNT_SID,
      env: { CLASSIFICATION_REVIEW_SHARE: '1', CLASSIFICATION_REVIEW_MIN_PER_DAY: '0' },
      staff: [
        { ...SUE, role: 'supervisor' },
        { ...AMY, role: 'agent' },
      ],
    });
    ({ twilio, inbox, sql, screenshots } = shared);
  }, 120_000);

  checkPagesAndClose(() => shared);

  const signIn = (who: { email: string; password: string }, hash: string, viewport = WIDE) => shared.signIn(who, hash, { viewport });

  const smsTo = (to: string) => twilio.requests.filter((r) => r.path.endsWith('/Messages.json') && r.form.To === to).map((r) => r.form.Body);

  it('reviews a day’s sample: the rates on the dashboard, an overturn that opens an acknowledged complaint, an uphold', async () => {
    const day = formatCivilDate(addDays(civilDateOf(new Date(), 'Australia/Sydney'), -10));
    const at = (minute: number) => new Date(Date.parse(`${day}T09:00:00+10:00`) + minute * 60_000).toISOString();
    const feePhone = '+61412251001';
    const messages: InboundMessage[] = [
      inboundMessage({ channel: 'sms', sender: { address: feePhone }, text: 'Could you tell me who I should speak to about the fee on my statement?', receivedAt: at(0) }),
      inboundMessage({ channel: 'sms', sender: { address: '+61412251002' }, text: 'What time does the Chatswood branch close on Friday?', receivedAt: at(5) }),
      inboundMessage({ channel: 'email', account: 'complaints@bank.example', sender: { address: 'ola@mail.test' }, text: 'Lovely service at the Bondi branch today, thank you!', receivedAt: at(9) }),
      inboundMessage({ channel: 'telegram', account: 'bank_bot', sender: { address: '5123401' }, text: 'ok got it', receivedAt: at(12) }),
      inboundMessage({ channel: 'sms', sender: { address: '+61412251005' }, text: 'thanks', receivedAt: at(20) }),
    ];
    for (const m of messages) await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const kinds = (await sql.query(`SELECT text, classification->>'kind' AS kind FROM messages WHERE external_id = ANY($1)`, [messages.map((m) => m.externalId)])).rows;
    expect(kinds.every((r) => r.kind !== 'complaint')).toBe(true);
    const sample = await inbox.api<any>('/api/classification-reviews/samples', { token: shared.admin, body: { day } });
    expect(sample.body).toMatchObject({ population: 5, sampled: 5 });

    const page = await signIn(SUE, '#/supervisor');
    const card = page.getByTestId('dashboard-review');
    await card.getByTestId('sampling-rate').filter({ hasText: '100%' }).waitFor();
    await expect(card.getByTestId('review-pending').textContent()).resolves.toBe('5');
    await expect(card.getByTestId('overturn-rate').textContent()).resolves.toBe('—');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'classification-dashboard-1440.png'), fullPage: true });

    await card.getByRole('link', { name: /Review 5 waiting/ }).click();
    const list = page.getByTestId('review-list');
    await list.getByTestId('review-item').nth(4).waitFor();
    await expect(list.getByTestId('review-item').count()).resolves.toBe(5);
    await page.screenshot({ path: join(screenshots, 'classification-review-1440.png') });

    // Overturn the question that was really about a disputed fee.
    const fee = list.getByTestId('review-item').filter({ hasText: 'the fee on my statement' });
    await fee.getByRole('button', { name: 'It is a complaint…' }).click();
    await fee.getByLabel('Why is triage wrong?').fill('The customer disputes a fee on the statement');
    await page.screenshot({ path: join(screenshots, 'classification-overturn-1440.png') });
    await fee.getByRole('button', { name: 'Overturn' }).click();
    const toast = page.locator('.toast').filter({ hasText: /Overturned: C-\d+/ });
    await toast.waitFor();
    const reference = /C-\d+/.exec((await toast.textContent()) ?? '')![0];
    await fee.waitFor({ state: 'detached' });
    await expect(list.getByTestId('review-item').count()).resolves.toBe(4);
    // The customer is acknowledged on their channel, as for any complaint.
    for (let i = 0; i < 100 && !smsTo(feePhone).some((b) => b.includes(reference)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(smsTo(feePhone).some((b) => b.includes(reference))).toBe(true);

    const chatswood = list.getByTestId('review-item').filter({ hasText: 'Chatswood' });
    await chatswood.getByRole('button', { name: 'Triage was right' }).click();
    await page.locator('.toast').filter({ hasText: 'Decision upheld' }).waitFor();
    await chatswood.waitFor({ state: 'detached' });
    await expect(list.getByTestId('review-item').count()).resolves.toBe(3);
    await page.getByTestId('overturn-rate').filter({ hasText: '50%' }).waitFor();

    await page.getByRole('tab', { name: 'Overturned' }).click();
    const overturned = page.getByTestId('review-item').filter({ hasText: 'the fee on my statement' });
    await overturned.filter({ hasText: 'Overturned by Sue Park' }).waitFor();
    await overturned.getByRole('link', { name: reference }).click();
    await page.getByTestId('case-view').waitFor();
    await expect(page.locator('.case-ref').textContent()).resolves.toBe(reference);
    const { rows } = await sql.query(`SELECT kind, respond_by FROM cases WHERE reference = $1`, [reference]);
    expect(rows[0].kind).toBe('complaint');

    // The same screen on a phone.
    const phone = await signIn(SUE, '#/classification-review', PHONE);
    await phone.getByTestId('review-list').getByTestId('review-item').first().waitFor();
    await phone.screenshot({ path: join(screenshots, 'classification-review-390.png'), fullPage: true });
    const item = phone.getByTestId('review-item').filter({ hasText: 'Bondi' });
    await item.getByRole('button', { name: 'It is a complaint…' }).click();
    await item.getByLabel('Why is triage wrong?').waitFor();
    await phone.screenshot({ path: join(screenshots, 'classification-overturn-390.png') });
  });

  it('flags a doubtful complaint for the agent, who keeps it as a complaint', async () => {
    const params = { MessageSid: 'SM'.padEnd(34, '7'), AccountSid: ACCOUNT_SID, From: '+61412251099', To: OUR_NUMBER, Body: 'I was made redundant last week. Can I pause my home loan repayments?', NumMedia: '0' };
    const res = await fetch(`${inbox.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    const { rows } = await sql.query(`SELECT c.id FROM cases c JOIN messages m ON m.case_id = c.id WHERE m.external_id = $1`, [params.MessageSid]);
    const caseId = rows[0].id as string;

    const page = await signIn(AMY, '#/queue');
    const row = page.locator(`[data-case-id="${caseId}"]`);
    await row.getByTestId('row-check').waitFor();
    await page.goto(`${inbox.url}/#/cases/${caseId}`);
    const check = page.getByTestId('classification-check');
    await check.filter({ hasText: 'hardship or vulnerability' }).waitFor();
    await page.getByTestId('signals').filter({ hasText: 'Check the classification' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'classification-check-1440.png') });

    const phone = await signIn(AMY, `#/cases/${caseId}`, PHONE);
    await phone.getByTestId('classification-check').waitFor();
    await phone.screenshot({ path: join(screenshots, 'classification-check-390.png') });

    await check.getByRole('button', { name: 'Keep as complaint' }).click();
    await page.locator('.toast').filter({ hasText: 'Kept as a complaint' }).waitFor();
    await check.waitFor({ state: 'detached' });
    await row.getByTestId('row-check').waitFor({ state: 'detached' });
    const after = await sql.query(`SELECT classification_check FROM cases WHERE id = $1`, [caseId]);
    expect(after.rows[0].classification_check).toBe(false);
  });
});
