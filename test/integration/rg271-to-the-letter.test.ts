import type { Client } from 'pg';
import { COMPLIANCE_CLOCK, DeadlineScheduler, type ComplianceClock } from '@inbox/complaint-handling';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

/**
 * The RG 271 paths an audit found wrong, end to end against PostgreSQL:
 * the IDR response still owed on a withdrawn complaint or one taken to AFCA
 * (RG 271.53 Note 3, .56), death-benefit AFCA wording and count (.66 Note 1,
 * .80–85), hardship with missing information (Table 2, .93) and the 30-day
 * written confirmation of an agreement (.99), pauses only where they apply
 * (.77–78, .110 Note 1), and the roll-over rule shown on each deadline
 * (.56 Note).
 */
describe('RG 271 to the letter', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let clock: ComplianceClock;
  let n = 0;

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { DEADLINE_SCHEDULER_INTERVAL_MS: '3600000' } }));
    clock = inbox.app.get<ComplianceClock>(COMPLIANCE_CLOCK);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  async function complaint(text: string, overrides: Partial<InboundMessage> = {}): Promise<string> {
    const message = inboundMessage({ sender: { address: `+614199000${String(++n).padStart(2, '0')}` }, text, ...overrides });
    await inbox.bus.publish(TOPICS.inbound, message.sender.address, message);
    const { rows } = await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId]);
    const caseId = rows[0]?.case_id as string;
    // A complaint (not an enquiry) is acknowledged: wait for it, so the reactions to its creation are over.
    const end = Date.now() + 10_000;
    while (!(await sql.query(`SELECT 1 FROM cases WHERE id = $1 AND kind = 'complaint' AND acknowledged_at IS NOT NULL`, [caseId])).rowCount) {
      if (Date.now() > end) throw new Error(`"${text}" was not acknowledged as a complaint`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return caseId;
  }
  const outbound = async (caseId: string) =>
    (await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound' AND author_user_id IS NULL ORDER BY created_at`, [caseId])).rows.map((r) => r.text as string);
  const details = async (caseId: string) => (await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin })).body;
  const at = (iso: string | Date) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));

  it('sends the IDR response when a complaint is withdrawn or taken to AFCA, unless a documented reason says none is required (RG 271.53 Note 3, 271.56)', async () => {
    const afca = await complaint('I am unhappy: you charged me a fee twice and I have gone to AFCA about it');
    const res = await inbox.api<any>(`/api/cases/${afca}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'escalated_afca', reasons: 'The second fee was our error; we have refunded it.' } });
    expect(res.status).toBe(200);
    expect(res.body.idrResponseMessageId).toBeTruthy();
    expect((await outbound(afca)).at(-1)).toContain('Our final response to your complaint');

    const withdrawn = await complaint('I am unhappy with the late fee on my card');
    const undocumented = await inbox.api<any>(`/api/cases/${withdrawn}/resolve`, {
      token: admin,
      body: { outcome: 'withdrawn', closureState: 'withdrawn', reasons: 'Customer withdrew.', noIdrResponse: { reason: 'withdrawn_by_complainant', note: 'n/a' } },
    });
    expect(undocumented.status).toBe(400);
    expect(undocumented.body.error).toBe('no_response_reason_undocumented');
    const wrongReason = await inbox.api<any>(`/api/cases/${withdrawn}/resolve`, {
      token: admin,
      body: { outcome: 'withdrawn', closureState: 'withdrawn', reasons: 'Customer withdrew.', noIdrResponse: { reason: 'resolved_at_afca', note: 'AFCA closed it after a determination' } },
    });
    expect(wrongReason.body.error).toBe('invalid_no_response_reason');
    const before = (await outbound(withdrawn)).length;
    const documented = await inbox.api<any>(`/api/cases/${withdrawn}/resolve`, {
      token: admin,
      body: { outcome: 'withdrawn', closureState: 'withdrawn', reasons: 'Customer withdrew.', noIdrResponse: { reason: 'withdrawn_by_complainant', note: 'Called on 2 May: withdraws and asked us not to write' } },
    });
    expect(documented.status).toBe(200);
    expect(documented.body.idrResponseMessageId).toBeNull();
    expect((await outbound(withdrawn)).length).toBe(before);
    expect((await details(withdrawn)).resolutions).toEqual([
      expect.objectContaining({ closureState: 'withdrawn', noResponseReason: 'withdrawn_by_complainant', noResponseNote: 'Called on 2 May: withdraws and asked us not to write' }),
    ]);
  });

  it('gives a death-benefit complainant the 28-day AFCA limit, never says they need not wait, and counts from the notice (RG 271.66 Note 1, 271.80–85)', async () => {
    at('2024-07-20T02:00:00Z');
    const caseId = await complaint('I am unhappy and want to complain: I object to how the trustee plans to pay my late father’s super', { receivedAt: '2024-07-20T02:00:00Z' });
    // Without the notice date: the earliest date the rule allows, receipt + 90 (Fri 18 Oct 2024), never a later one.
    const typed = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'death_benefit', reason: 'objection to a death benefit distribution' } });
    expect(typed.status).toBe(200);
    expect(typed.body.respondByRule).toMatchObject({ basis: 'death_benefit_notice_unknown', countedTo: '2024-10-18', dueDate: '2024-10-18' });
    // With the notice (1 Jul 2024): objection period ends 29 Jul, + 90 = Sun 27 Oct, rolled to Mon 28 Oct.
    const noticed = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { method: 'PATCH', token: admin, body: { deathBenefitNoticeAt: '2024-07-01T02:00:00Z' } });
    expect(noticed.body.respondByRule).toMatchObject({ basis: 'death_benefit_notice', countedTo: '2024-10-27', dueDate: '2024-10-28', rolled: true, rule: 'rolled_to_business_day' });
    at('2024-10-01T02:00:00Z');
    const notice = await inbox.api<any>(`/api/cases/${caseId}/delay-notice`, { token: admin, body: { reasons: 'We are waiting for the other claimant’s documents.' } });
    expect(notice.status).toBe(200);
    const delayText = (await outbound(caseId)).at(-1)!;
    expect(delayText).toContain('death benefit');
    expect(delayText).toContain('28 days');
    expect(delayText).not.toMatch(/do not have to wait/i);
    const resolved = await inbox.api<any>(`/api/cases/${caseId}/resolve`, { token: admin, body: { outcome: 'not_upheld', closureState: 'resolved', reasons: 'The distribution follows the binding nomination.' } });
    expect(resolved.status).toBe(200);
    const response = (await outbound(caseId)).at(-1)!;
    expect(response).toContain('within 28 days of receiving our final response');
    expect(response).not.toContain('6 years');
  });

  it('states AFCA’s limit as the earlier of 2 years after the response and 6 years after awareness of the loss, for other complaints', async () => {
    const caseId = await complaint('I am unhappy: my home loan offset was never linked');
    await inbox.api<any>(`/api/cases/${caseId}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'resolved', reasons: 'We linked it and refunded the interest.' } });
    expect((await outbound(caseId)).at(-1)).toContain('the earlier of 2 years after our final response and 6 years after you first became aware');
  });

  it('moves a hardship deadline as RG 271.93 says: 7 days after the 21-day wait, or 21 days after information that arrives within it', async () => {
    at('2026-03-02T00:00:00Z');
    const caseId = await complaint('I am in financial hardship after losing my job and you keep charging me, I want to complain', { receivedAt: '2026-03-02T00:00:00Z' });
    await inbox.api(`/api/cases/${caseId}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'hardship', reason: 'hardship notice' } });
    at('2026-03-05T00:00:00Z');
    const asked = await inbox.api<any>(`/api/cases/${caseId}/hardship/information-request`, { token: admin, body: { note: 'asked for payslips' } });
    expect(asked.status).toBe(200);
    // Asked Thu 5 Mar: the wait ends 26 Mar, + 7 = Thu 2 Apr.
    expect(asked.body.respondByRule).toMatchObject({ basis: 'hardship_information_not_received', countedTo: '2026-04-02' });
    expect((await inbox.api<any>(`/api/cases/${caseId}/hardship/information-request`, { token: admin, body: {} })).status).toBe(409);
    at('2026-03-10T00:00:00Z');
    const arrived = await inbox.api<any>(`/api/cases/${caseId}/hardship/information-received`, { token: admin, body: {} });
    expect(arrived.body.respondByRule).toMatchObject({ basis: 'hardship_information_received', countedFrom: '2026-03-10', countedTo: '2026-03-31' });
    expect((await details(caseId)).hardship).toMatchObject({ informationRequestedAt: '2026-03-05T00:00:00.000Z', informationReceivedAt: '2026-03-10T00:00:00.000Z' });

    // Information that arrives after the wait does not restart 21 days.
    at('2026-03-02T00:00:00Z');
    const late = await complaint('I am in financial hardship after losing my job and you keep charging me, I want to complain', { receivedAt: '2026-03-02T00:00:00Z' });
    await inbox.api(`/api/cases/${late}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'hardship', reason: 'hardship notice' } });
    at('2026-03-05T00:00:00Z');
    await inbox.api(`/api/cases/${late}/hardship/information-request`, { token: admin, body: {} });
    at('2026-03-30T00:00:00Z');
    const afterWait = await inbox.api<any>(`/api/cases/${late}/hardship/information-received`, { token: admin, body: {} });
    expect(afterWait.body.respondByRule).toMatchObject({ basis: 'hardship_information_not_received', countedTo: '2026-04-02' });

    // Asking after the first 21 days is refused: it would not move the deadline.
    at('2026-03-02T00:00:00Z');
    const slow = await complaint('I am in financial hardship after losing my job and you keep charging me, I want to complain', { receivedAt: '2026-03-02T00:00:00Z' });
    await inbox.api(`/api/cases/${slow}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'hardship', reason: 'hardship notice' } });
    at('2026-03-25T00:00:00Z');
    const tooLate = await inbox.api<any>(`/api/cases/${slow}/hardship/information-request`, { token: admin, body: {} });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error).toBe('information_request_too_late');
  });

  it('flags a hardship agreement not confirmed in writing within 30 days, once, and sends the confirmation (RG 271.99)', async () => {
    at('2026-04-01T00:00:00Z');
    const caseId = await complaint('I am in financial hardship after losing my job and you keep charging me, I want to complain', { receivedAt: '2026-04-01T00:00:00Z' });
    await inbox.api(`/api/cases/${caseId}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'hardship', reason: 'hardship notice' } });
    const agreed = await inbox.api<any>(`/api/cases/${caseId}/hardship/agreement`, { token: admin, body: { terms: 'Repayments paused for 3 months from 1 May 2026; no default fees.' } });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ paragraph: 'RG 271.99', confirmBy: '2026-05-01T13:59:59.999Z' });
    const scheduler = inbox.app.get(DeadlineScheduler);
    expect((await scheduler.sweep(new Date('2026-04-30T00:00:00Z'))).hardshipConfirmationsOverdue).toBe(0);
    expect((await scheduler.sweep(new Date('2026-05-02T00:00:00Z'))).hardshipConfirmationsOverdue).toBe(1);
    expect((await scheduler.sweep(new Date('2026-05-03T00:00:00Z'))).hardshipConfirmationsOverdue).toBe(0);
    const { rows } = await sql.query(`SELECT payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = 'deadline.breached'`, [caseId]);
    expect(rows.filter((r) => r.data.deadline === 'hardship_agreement_confirmation')).toHaveLength(1);
    const confirmed = await inbox.api<any>(`/api/cases/${caseId}/hardship/agreement/confirmation`, { token: admin, body: {} });
    expect(confirmed.status).toBe(200);
    const text = (await outbound(caseId)).at(-1)!;
    expect(text).toContain('Repayments paused for 3 months from 1 May 2026');
    expect(text).toContain('confirms in writing');
    expect((await inbox.api<any>(`/api/cases/${caseId}/hardship/agreement/confirmation`, { token: admin, body: {} })).status).toBe(409);
  });

  it('pauses for court proceedings only a traditional trustee’s complaint, and for a customer advocate only after the IDR response (RG 271.77–78, 271.110 Note 1)', async () => {
    const standard = await complaint('I am unhappy: the estate administration is taking forever');
    const refused = await inbox.api<any>(`/api/cases/${standard}/clock/pause`, { token: admin, body: { reason: 'trustee_court_event', note: 'court order pending' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'pause_does_not_apply', message: expect.stringContaining('RG 271.77–78') });
    await inbox.api(`/api/cases/${standard}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'traditional_trustee', reason: 'estate administration by us as trustee' } });
    expect((await inbox.api(`/api/cases/${standard}/clock/pause`, { token: admin, body: { reason: 'trustee_court_event', note: 'court order pending' } })).status).toBe(200);
    const other = await complaint('I am unhappy with the answer about my card fee');
    const advocate = await inbox.api<any>(`/api/cases/${other}/clock/pause`, { token: admin, body: { reason: 'customer_advocate_review', note: 'asked for a review' } });
    expect(advocate.status).toBe(409);
    expect(advocate.body.message).toContain('RG 271.110 Note 1');
  });

  it('rolls a deadline on a weekend to the next business day by default and shows the rule on the case (RG 271.56 Note)', async () => {
    // Received Wed 5 Jun 2024: 45 days lands on Sat 20 Jul → Mon 22 Jul.
    const caseId = await complaint('I am unhappy and want to complain: my super fund trustee ignored my request', { receivedAt: '2024-06-05T00:00:00Z' });
    const typed = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'superannuation_trustee', reason: 'about the trustee' } });
    expect(typed.body.respondByRule).toMatchObject({ countedTo: '2024-07-20', dueDate: '2024-07-22', rule: 'rolled_to_business_day', rolled: true, paragraphs: 'RG 271.79, Table 2' });
    expect(typed.body.respondBy).toBe('2024-07-22T13:59:59.999Z');
  });
});
