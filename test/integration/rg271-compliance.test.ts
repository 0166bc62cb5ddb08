import type { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { COMPLIANCE_CLOCK, STATUS_CODE_MASK, type ComplianceClock } from '@inbox/complaint-handling';
import type { CaseEvent, CaseEventOf } from '@inbox/contracts';

type DeadlineAlertType = 'deadline.at_risk' | 'deadline.delay_prompt' | 'deadline.breached';
import { addDays, civilDateOf, formatCivilDate } from '@inbox/compliance';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { TwilioWebhooks, twilioEnv } from '../support/builders';
import { eventually } from '../support/eventually';
import { caseSettled, completedSweep, type QueryRows } from '../support/settled';

const AUTH_TOKEN = 'twilio-test-auth-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000271';
const PUBLIC_URL = 'https://inbox.example.test';
const OUR_NUMBER = '+61255550271';
const DAY = 86_400_000;

/**
 * RG 271 end to end on SMS: acknowledgement on the customer's channel, the IDR
 * response and delay notice with their required parts, status on request,
 * deadlines under a test clock with supervisors alerted live, the status page,
 * and an audit trail the database will not let anyone change.
 */
describe('RG 271 compliance', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let clock: ComplianceClock;
  const webhooks = new TwilioWebhooks(() => inbox.url, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, number: OUR_NUMBER });

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    ({ inbox, token: admin, sql } = await startInboxSession({
      env: { ...twilioEnv(webhooks.account, twilio.baseUrl), DEADLINE_SCHEDULER_INTERVAL_MS: '100', COMPLAINTS_HANDLER_NAME: 'the Customer Care team' },
    }));
    clock = inbox.app.get<ComplianceClock>(COMPLIANCE_CLOCK);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  async function smsIn(from: string, body: string): Promise<void> {
    await webhooks.sms(from, body);
  }

  const rowsOf: QueryRows = async (text, params) => (await sql.query(text, params)).rows;

  /** SMS the stand-in received for a number, in order. */
  const smsTo = (to: string) => twilio.requests.filter((r) => r.path.endsWith('/Messages.json') && r.form.To === to).map((r) => r.form.Body);

  async function caseOf(phone: string) {
    const { rows } = await sql.query(
      `SELECT c.* FROM cases c JOIN identities i ON i.customer_id = c.customer_id WHERE i.address = $1 ORDER BY c.received_at`,
      [phone],
    );
    return rows;
  }

  async function complaintFrom(phone: string, text: string) {
    await smsIn(phone, text);
    const ack = await eventually(() => smsTo(phone).find((b) => /C-\d{6}/.test(b)));
    const [c] = await caseOf(phone);
    return { c, ack };
  }

  it('acknowledges a complaint on its own channel with the reference, timeframe, handler and how to ask for status', async () => {
    const phone = '+61412700001';
    const agent = await inbox.agentSocket(admin);
    const acknowledged: CaseEvent[] = [];
    (agent.socket as Socket).on('case.events', (frame: CaseEvent[]) => acknowledged.push(...frame.filter((e) => e.type === 'case.acknowledged')));
    const { c, ack } = await complaintFrom(phone, 'You charged my card twice and nobody answers the phone!');
    await eventually(() => acknowledged.some((e) => e.caseId === c.id));
    expect(ack).toContain(c.reference);
    expect(ack).toContain('the Customer Care team');
    expect(ack).toMatch(/reply STATUS here/);
    expect(ack).toContain(`${PUBLIC_URL}/status/${c.reference}`);
    expect(ack).toMatch(/code [A-Z2-9]{4}-[A-Z2-9]{4}/);
    const due = new Intl.DateTimeFormat('en-AU', { timeZone: 'Australia/Sydney', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(c.respond_by);
    expect(ack).toContain(due);
    // From the system, on the case, and the case shows both deadlines and when it was acknowledged.
    const { rows } = await sql.query(`SELECT author_user_id, direction, channel FROM messages WHERE case_id = $1 AND direction = 'outbound'`, [c.id]);
    expect(rows).toEqual([{ author_user_id: null, direction: 'outbound', channel: 'sms' }]);
    const detail = await inbox.api<any>(`/api/cases/${c.id}`, { token: admin });
    expect(detail.body.deadlines.acknowledgeBy).toBeTruthy();
    expect(detail.body.deadlines.respondBy).toBe(c.respond_by.toISOString());
    const compliance = await inbox.api<any>(`/api/cases/${c.id}/compliance`, { token: admin });
    expect(compliance.body).toMatchObject({ complaintType: 'standard', acknowledgedAt: expect.any(String), language: 'en' });
    expect(acknowledged.find((e) => e.caseId === c.id)?.data).toMatchObject({ automatic: true, channel: 'sms' });
    agent.socket.close();
  });

  it('acknowledges in Russian when the customer writes in Russian, once however many messages follow', async () => {
    const phone = '+61412700002';
    const { c, ack } = await complaintFrom(phone, 'Вы списали деньги дважды, верните их!');
    expect(ack).toContain('Мы получили вашу жалобу');
    expect(ack).toContain(c.reference);
    expect(ack).toContain('СТАТУС');
    await smsIn(phone, 'И никто не отвечает по телефону!');
    await smsIn(phone, 'Я жду ответа уже неделю');
    // Every reaction to the later messages (the acknowledgement check among them) has run, and sent what it sent.
    await caseSettled(rowsOf, c.id);
    const outbound = await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound'`, [c.id]);
    // The customer's copy carries the status code; the stored copy has it masked (libs/complaint-handling/src/status-codes.ts).
    expect(outbound.rows.map((r) => r.text)).toEqual([ack.replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/, STATUS_CODE_MASK)]);
    expect(smsTo(phone)).toEqual([ack]);
  });

  it('sends no acknowledgement for thanks or spam', async () => {
    const phone = '+61412700003';
    await smsIn(phone, 'Thanks!');
    await smsIn(phone, 'WIN A FREE IPHONE!!! Click http://spam.example now');
    // Answered only once stored: noise is kept on the customer with no case, so no case event exists for
    // anything to react to — the acknowledgement included.
    const kept = await sql.query(
      `SELECT m.case_id, m.direction FROM messages m JOIN identities i ON i.customer_id = m.customer_id WHERE i.address = $1 ORDER BY m.received_at`,
      [phone],
    );
    expect(kept.rows).toEqual([
      { case_id: null, direction: 'inbound' },
      { case_id: null, direction: 'inbound' },
    ]);
    expect(await caseOf(phone)).toEqual([]);
    // A complaint afterwards is acknowledged: that is the only SMS the number ever receives.
    const { c, ack } = await complaintFrom(phone, 'Now you charged me a fee for nothing, I want it back');
    await caseSettled(rowsOf, c.id);
    expect(smsTo(phone)).toEqual([ack]);
  });

  it('answers "status" by SMS with the status of the customer’s cases, without opening a case', async () => {
    const phone = '+61412700004';
    const { c } = await complaintFrom(phone, 'My loan repayment was taken twice');
    await smsIn(phone, 'status');
    const reply = await eventually(() => smsTo(phone).find((b) => b.startsWith('The status of your complaints')));
    expect(reply).toContain(`${c.reference}: received, waiting to be picked up; final response due by`);
    await smsIn(phone, `Статус ${c.reference}`);
    const ru = await eventually(() => smsTo(phone).find((b) => b.startsWith('Статус ваших жалоб')));
    expect(ru).toContain(c.reference);
    expect(await caseOf(phone)).toHaveLength(1);
    // Someone else's reference gives nothing away.
    await smsIn('+61412700005', `status ${c.reference}`);
    const other = await eventually(() => smsTo('+61412700005')[0]);
    expect(other).toBe(`We could not find a complaint ${c.reference} for this contact.`);
    expect(await caseOf('+61412700005')).toHaveLength(0);
  });

  it('refuses an IDR response without reasons or without the AFCA block, then sends it with every required part', async () => {
    const phone = '+61412700006';
    const { c } = await complaintFrom(phone, 'The fee on my account is wrong');
    const before = smsTo(phone).length;
    const noReasons = await inbox.api<any>(`/api/cases/${c.id}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'resolved', reasons: '   ' } });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.error).toBe('reasons_required');

    // An admin cannot save a response template without the AFCA block…
    const stripped = await inbox.api<any>('/api/compliance/templates/idr_response/en', {
      method: 'PUT',
      token: admin,
      body: { body: 'Case {{reference}}: {{outcome}}. {{reasons}}' },
    });
    expect(stripped.status).toBe(400);
    expect(stripped.body.message).toMatch(/afcaBlock/);
    // …nor an AFCA block without AFCA's contact details.
    const afca = await inbox.api<any>('/api/compliance/templates/afca_block/en', { method: 'PUT', token: admin, body: { body: 'Complain to AFCA.' } });
    expect(afca.status).toBe(400);

    // A new version is accepted and used.
    const v1 = await inbox.api<any>('/api/compliance/templates/idr_response/en', {
      method: 'PUT',
      token: admin,
      body: { body: 'FINAL RESPONSE {{reference}}\nOutcome: {{outcome}}\nWhy: {{reasons}}\nRemedy: {{remedies}}\n{{afcaBlock}}' },
    });
    expect(v1.status).toBe(200);
    expect(v1.body.version).toBe(1);

    const resolved = await inbox.api<any>(`/api/cases/${c.id}/resolve`, {
      token: admin,
      body: {
        outcome: 'partially_upheld',
        closureState: 'resolved',
        reasons: 'The monthly fee was charged after the account was closed; the other fees were correct.',
        remedies: [{ type: 'fee_refund_or_waiver', description: 'two monthly fees' }, { type: 'apology' }],
        compensationAmount: 24.5,
      },
    });
    expect(resolved.status).toBe(200);
    const response = await eventually(() => smsTo(phone).slice(before).find((b) => b.startsWith('FINAL RESPONSE')));
    expect(response).toContain(c.reference);
    expect(response).toContain('we agree with part of your complaint');
    expect(response).toContain('a refund or waiver of fees (two monthly fees); an apology; a payment of A$24.50');
    expect(response).toContain('www.afca.org.au');
    expect(response).toContain('1800 931 678');
    expect(response).toContain('info@afca.org.au');
    const { rows } = await sql.query(`SELECT closure_state, outcome, remedies, compensation_amount FROM case_resolutions WHERE case_id = $1`, [c.id]);
    expect(rows).toEqual([{ closure_state: 'resolved', outcome: 'partially_upheld', remedies: expect.any(Array), compensation_amount: '24.50' }]);
    const events = await sql.query(`SELECT payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = 'case.resolved'`, [c.id]);
    expect(events.rows[0].data).toMatchObject({ outcome: 'partially_upheld', closureState: 'resolved', compensationAmount: 24.5 });

    // Resolving again is refused: it is no longer open.
    expect((await inbox.api(`/api/cases/${c.id}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'resolved', reasons: 'x' } })).status).toBe(409);
  });

  it('declines an unfounded complaint politely with reasons and the AFCA block', async () => {
    const phone = '+61412700007';
    const { c } = await complaintFrom(phone, 'Your interest rate is a scam');
    const res = await inbox.api<any>(`/api/cases/${c.id}/unfounded`, { token: admin, body: { reasons: 'The rate is the one in your signed loan contract (clause 4).' } });
    expect(res.status).toBe(200);
    const text = await eventually(() => smsTo(phone).find((b) => b.includes('clause 4')));
    expect(text).toContain('we do not agree with your complaint');
    expect(text).toContain('www.afca.org.au');
  });

  it('closes within 5 business days only with the evidence recorded and never for hardship', async () => {
    const phone = '+61412700008';
    const { c } = await complaintFrom(phone, 'The app will not let me log in');
    const noEvidence = await inbox.api<any>(`/api/cases/${c.id}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'closed_within_5_days', reasons: 'Password reset' } });
    expect(noEvidence.status).toBe(409);
    expect(noEvidence.body.error).toBe('evidence_required');
    const hardshipPhone = '+61412700009';
    // A regression case (issue 25): the first trained model read this as a compliment and opened no case.
    const { c: hardship } = await complaintFrom(hardshipPhone, 'I lost my job and I am in hardship, you keep charging me');
    const typed = await inbox.api<any>(`/api/cases/${hardship.id}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'hardship', reason: 'customer in hardship' } });
    expect(typed.status).toBe(200);
    // 21 days for hardship, counted from the day after receipt, rolled to a business day by default (RG 271.56 Note); the rule is shown.
    const sydneyDay = (iso: string) => civilDateOf(new Date(iso), 'Australia/Sydney');
    expect(typed.body.respondByRule).toMatchObject({ basis: 'received', days: 21, countedTo: formatCivilDate(addDays(sydneyDay(typed.body.clockStartedAt), 21)), rule: 'rolled_to_business_day' });
    expect(formatCivilDate(sydneyDay(typed.body.respondBy))).toBe(typed.body.respondByRule.dueDate);
    const refused = await inbox.api<any>(`/api/cases/${hardship.id}/resolve`, {
      token: admin,
      body: { outcome: 'upheld', closureState: 'closed_within_5_days', reasons: 'Arrangement agreed', satisfactionEvidence: 'Customer said thanks on the phone' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('hardship_needs_written_response');
    const before = smsTo(phone).length;
    const ok = await inbox.api<any>(`/api/cases/${c.id}/resolve`, {
      token: admin,
      body: { outcome: 'upheld', closureState: 'closed_within_5_days', reasons: 'Password reset', satisfactionEvidence: 'Customer confirmed by SMS that she can log in and is happy' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.idrResponseMessageId).toBeNull();
    // No written IDR response (the satisfaction question may follow): checked once every reaction to the resolution has run.
    await caseSettled(rowsOf, c.id);
    const written = await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound' AND text LIKE '%afca.org.au%'`, [c.id]);
    expect(written.rows).toEqual([]);
    expect(smsTo(phone).slice(before).filter((b) => b.includes('afca.org.au'))).toEqual([]);
  });

  it('changes the deadline with the complaint type, audited with the reason', async () => {
    const phone = '+61412700010';
    // A regression case (issue 25): the text as first written, before it was reworded to suit the model.
    const { c } = await complaintFrom(phone, 'My default notice is wrong');
    const res = await inbox.api<any>(`/api/cases/${c.id}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'credit_default_notice' } });
    expect(res.status).toBe(400);
    const ok = await inbox.api<any>(`/api/cases/${c.id}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'credit_default_notice', reason: 'about a default notice' } });
    expect(ok.status).toBe(200);
    expect(new Date(ok.body.respondBy).getTime()).toBeLessThan(c.respond_by.getTime());
    const audit = await inbox.api<any>(`/api/compliance/audit?caseId=${c.id}`, { token: admin });
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'deadline.changed', reason: 'about a default notice' })]));
  });

  it('alerts supervisors live when a case is at risk, prompts the delay notice, flags a breach — but not after a delay notice sent in time (RG 271.64) — and refuses a delay notice after the deadline', async () => {
    const phone = '+61412700011';
    const other = '+61412700013';
    const supervisorRes = await inbox.api<any>('/api/users', { token: admin, body: { email: 'sup@test.local', password: 'supervisor-pw-1', name: 'Sue Pervisor', role: 'supervisor' } });
    expect(supervisorRes.status).toBe(201);
    const supervisor = await inbox.agentSocket(await inbox.login('sup@test.local', 'supervisor-pw-1'));
    const alerts: Array<CaseEventOf<DeadlineAlertType>> = [];
    const alertTypes = ['deadline.at_risk', 'deadline.delay_prompt', 'deadline.breached'];
    (supervisor.socket as Socket).on('case.events', (frame: CaseEvent[]) => alerts.push(...(frame.filter((e) => alertTypes.includes(e.type)) as Array<CaseEventOf<DeadlineAlertType>>)));

    const { c } = await complaintFrom(phone, 'Nobody has fixed my home loan offset account');
    const { c: silent } = await complaintFrom(other, 'Nobody has fixed my home loan redraw either');
    const start = c.received_at.getTime();
    const due = Math.max(c.respond_by.getTime(), silent.respond_by.getTime());
    const mine = (type: DeadlineAlertType, caseId = c.id, deadline = 'idr_response') =>
      alerts.find((e) => e.caseId === caseId && e.type === type && e.data?.deadline === deadline);

    const raised = async (type: string) =>
      Number((await sql.query(`SELECT count(*) FROM case_events WHERE case_id = $1 AND type = $2`, [c.id, type])).rows[0].count);

    jest.spyOn(clock, 'now').mockReturnValue(new Date(start + 0.5 * (c.respond_by.getTime() - start)));
    // A whole sweep at half the time: nothing to raise (the case events are what the push carries).
    await completedSweep(inbox.app);
    for (const type of ['deadline.at_risk', 'deadline.delay_prompt', 'deadline.breached']) expect(await raised(type)).toBe(0);

    jest.spyOn(clock, 'now').mockReturnValue(new Date(start + 0.85 * (c.respond_by.getTime() - start)));
    const atRisk = await eventually(() => mine('deadline.at_risk'));
    expect(atRisk.data).toMatchObject({ escalatedTo: 'supervisors', dueAt: c.respond_by.toISOString() });
    expect(atRisk.data!.fractionUsed as number).toBeGreaterThanOrEqual(0.8);

    jest.spyOn(clock, 'now').mockReturnValue(new Date(c.respond_by.getTime() - DAY));
    await eventually(() => mine('deadline.delay_prompt'));
    // Before the deadline a delay notice goes out, with its reasons, that they need not wait for AFCA, and the AFCA block.
    const notice = await inbox.api<any>(`/api/cases/${c.id}/delay-notice`, { token: admin, body: { reasons: 'We are waiting for the valuation report from the bank’s valuer.' } });
    expect(notice.status).toBe(200);
    const text = await eventually(() => smsTo(phone).find((b) => b.includes('valuation report')));
    expect(text).toContain('www.afca.org.au');
    expect(text).toContain('You do not have to wait for our final response');
    expect(text).toContain('6 years');

    // Past both deadlines: the complaint without a notice is breached; the one notified in time is not.
    jest.spyOn(clock, 'now').mockReturnValue(new Date(due + 1000));
    const breached = await eventually(() => mine('deadline.breached', silent.id));
    expect(breached.reference).toBe(silent.reference);
    expect(mine('deadline.breached')).toBeUndefined();
    const late = await inbox.api<any>(`/api/cases/${silent.id}/delay-notice`, { token: admin, body: { reasons: 'Still waiting' } });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('deadline_passed');
    // Each alert once, however many sweeps run.
    await completedSweep(inbox.app);
    await completedSweep(inbox.app);
    // Each alert once; no breach after a valid delay notification (RG 271.64).
    for (const type of ['deadline.at_risk', 'deadline.delay_prompt']) expect(await raised(type)).toBe(1);
    expect(await raised('deadline.breached')).toBe(0);
    expect(alerts.filter((e) => e.caseId === c.id && e.type === 'deadline.at_risk')).toHaveLength(1);
    expect(alerts.filter((e) => e.caseId === silent.id && e.type === 'deadline.breached')).toHaveLength(1);
    const state = await inbox.api<any>(`/api/cases/${c.id}/compliance`, { token: admin });
    expect(state.body).toMatchObject({ atRiskAt: expect.any(String), delayPromptedAt: expect.any(String), breachedAt: null, delayNoticeAt: expect.any(String) });
    const register = await inbox.api<any>(`/api/register?deadlineState=delay_notified`, { token: admin });
    expect(register.body.items.map((i: any) => i.reference)).toContain(c.reference);
    supervisor.socket.close();
  });

  it('shows the status page only to whoever has the code from the acknowledgement, with the AFCA information', async () => {
    const phone = '+61412700012';
    const { c, ack } = await complaintFrom(phone, 'My card was declined at the shop although I have money');
    const code = /code ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(ack)![1];
    const form = await fetch(`${inbox.url}/status/${c.reference}`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('<form method="post"');
    expect(formHtml).not.toMatch(/received, waiting|being handled/);
    const post = (secret: string) =>
      fetch(`${inbox.url}/status/${c.reference}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code: secret }).toString() }).then((r) => r.text());
    const wrong = await post('AAAA-BBBB');
    expect(wrong).toContain('do not match');
    expect(wrong).not.toContain('waiting to be picked up');
    const right = await post(code.toLowerCase());
    expect(right).toContain('received, waiting to be picked up');
    expect(right).toContain('Final response due by');
    // The customer's right to go to AFCA is on the page, and the reference is kept on one line.
    expect(right).toMatch(/<section class="afca">.*afca\.org\.au/s);
    expect(right).toContain(`<span class="ref">${c.reference}</span>`);
    expect(right).toMatch(/\.ref\{white-space:nowrap/);
    // An unknown reference looks exactly like a wrong code.
    expect(await fetch(`${inbox.url}/status/C-999999`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=AAAA-BBBB' }).then((r) => r.text())).toContain('do not match');
  });

  it('keeps an audit trail the database refuses to change', async () => {
    const [{ seq }] = (await sql.query(`SELECT seq FROM case_events ORDER BY seq LIMIT 1`)).rows;
    await expect(sql.query(`UPDATE case_events SET type = 'edited' WHERE seq = $1`, [seq])).rejects.toThrow(/cannot be changed/);
    await expect(sql.query(`DELETE FROM case_events WHERE seq = $1`, [seq])).rejects.toThrow(/cannot be changed/);
    await expect(sql.query(`TRUNCATE case_events CASCADE`)).rejects.toThrow(/cannot be changed/);
    const [{ id }] = (await sql.query(`SELECT id FROM compliance_audit ORDER BY id LIMIT 1`)).rows;
    await expect(sql.query(`UPDATE compliance_audit SET reason = 'nothing happened' WHERE id = $1`, [id])).rejects.toThrow(/cannot be changed/);
    await expect(sql.query(`DELETE FROM compliance_audit WHERE id = $1`, [id])).rejects.toThrow(/cannot be changed/);
    const [resolution] = (await sql.query(`SELECT id FROM case_resolutions LIMIT 1`)).rows;
    await expect(sql.query(`UPDATE case_resolutions SET compensation_amount = 0 WHERE id = $1`, [resolution.id])).rejects.toThrow(/cannot be changed/);
    await expect(sql.query(`DELETE FROM compliance_templates`)).rejects.toThrow(/cannot be changed/);
  });
});
