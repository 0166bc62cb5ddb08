import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPLIANCE_CLOCK, type ComplianceClock } from '@inbox/complaint-handling';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import type { Client } from 'pg';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { publishAndPlace } from '../support/builders';

/**
 * The complaints register, the ASIC IDR data report for a fixed data set
 * (compared with a hand-checked file), its validator, systemic issues, and
 * records that survive a reopen.
 */
describe('RG 271 register and reports', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let clock: ComplianceClock;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { ASIC_REPORTING_ENTITY: 'Example Bank Ltd' } }));
    clock = inbox.app.get<ComplianceClock>(COMPLIANCE_CLOCK);

    // The fixed data set, published in this order so the references are C-000001 … C-000007. E and F are
    // regression cases (issue 25): the first trained model read them as enquiries, which the register leaves out.
    const data: Array<[string, Partial<InboundMessage>]> = [
      ['A', { channel: 'sms', sender: { address: '+61413000001' }, receivedAt: '2025-06-20T02:00:00Z', text: 'I am unhappy: you charged me a fee I never agreed to' }],
      ['B', { channel: 'email', account: 'complaints@bank.example', sender: { address: 'b@example.com' }, receivedAt: '2025-07-03T01:00:00Z', text: 'I am unhappy that my card was charged twice and a fee added' }],
      ['C', { channel: 'webchat', account: 'site', sender: { address: 'visitor-c' }, receivedAt: '2025-08-15T00:00:00Z', text: 'I am unhappy with your app, it keeps logging me out' }],
      ['D', { channel: 'sms', sender: { address: '+61413000004' }, receivedAt: '2025-05-01T02:00:00Z', text: 'I am unhappy: nobody called me back' }],
      ['E', { channel: 'email', account: 'complaints@bank.example', sender: { address: 'e@example.com' }, receivedAt: '2026-01-05T02:00:00Z', text: 'I am unhappy with the new fees' }],
      // 00:30 on 1 Jan 2026 in Sydney: outside the period although it is still 31 Dec in UTC.
      ['F', { channel: 'telegram', account: 'bot', sender: { address: '5550001' }, receivedAt: '2025-12-31T13:30:00Z', text: 'I am unhappy with the transfer delay' }],
      ['G', { channel: 'sms', sender: { address: '+61413000007' }, receivedAt: '2025-09-01T03:00:00Z', text: 'I am unhappy: I cannot pay and you keep calling me' }],
    ];
    for (const [name, overrides] of data) ids[name] = (await publishAndPlace(inbox, overrides)).caseId!;
    const patch = (name: string, body: Record<string, unknown>) => inbox.api(`/api/cases/${ids[name]}/compliance`, { method: 'PATCH', token: admin, body });
    expect((await patch('A', { products: ['card'], issues: ['fees_charges'] })).status).toBe(200);
    expect((await patch('B', { products: ['card'], issues: ['fees_charges', 'incorrect_transaction'] })).status).toBe(200);
    expect((await patch('C', { products: ['digital_banking'], issues: [], aboutRepresentative: true })).status).toBe(200);
    expect((await patch('D', { products: ['account'], issues: ['delay'] })).status).toBe(200);
    expect((await patch('E', { products: ['account'], issues: ['fees_charges'] })).status).toBe(200);
    expect((await patch('F', { products: ['payments'], issues: ['delay'] })).status).toBe(200);
    expect((await patch('G', { complaintType: 'hardship', reason: 'cannot pay', products: ['crypto'], issues: ['delay'] })).status).toBe(200);

    const at = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
    at('2025-06-15T03:00:00Z');
    expect((await inbox.api(`/api/cases/${ids.D}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'resolved', reasons: 'We called back.', remedies: [{ type: 'apology' }] } })).status).toBe(200);
    at('2025-07-10T03:00:00Z');
    const resolveA = await inbox.api(`/api/cases/${ids.A}/resolve`, {
      token: admin,
      body: { outcome: 'upheld', closureState: 'resolved', reasons: 'The fee was not in your contract.', remedies: [{ type: 'fee_refund_or_waiver' }, { type: 'apology' }], compensationAmount: 50 },
    });
    expect(resolveA.status).toBe(200);
    at('2025-07-20T05:00:00Z');
    expect((await inbox.api(`/api/cases/${ids.B}/unfounded`, { token: admin, body: { reasons: 'The second charge was a separate purchase on 2 July.' } })).status).toBe(200);
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  async function csv(path: string) {
    const res = await fetch(`${inbox.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  it('validates the second half of 2025 against the shipped UNVERIFIED dictionary, lists each failing complaint with where to fix it, and refuses the file until fixed', async () => {
    const res = await inbox.api<any>('/api/reports/asic-idr/validation?from=2025-07-01&to=2025-12-31', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2025-07-01', to: '2025-12-31' },
      dictionary: { version: 'unverified-default-1', label: 'UNVERIFIED shipped default — not ASIC\'s codes', verified: false },
      complaints: 4,
      nilReturn: false,
      valid: false,
      failures: [
        { reference: 'C-000003', caseId: ids.C, column: 'issues', problem: 'required', fix: { kind: 'case', caseId: ids.C } },
        { reference: 'C-000007', caseId: ids.G, column: 'products', problem: '"crypto" is not mapped to a code of table product', fix: { kind: 'mapping', source: 'products', value: 'crypto' } },
      ],
      unmapped: [{ source: 'products', value: 'crypto', complaints: 1 }],
      excluded: [],
    });
    const refused = await csv('/api/reports/asic-idr.csv?from=2025-07-01&to=2025-12-31');
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'asic_file_invalid', details: { failures: 2, unmapped: 1 } });
    expect((await inbox.api('/api/reports/asic-idr/validation?from=2025-13-01&to=2025-12-31', { token: admin })).status).toBe(400);
    expect((await inbox.api('/api/reports/asic-idr/validation?from=2025-07-01&to=2025-09-30', { token: admin })).status).toBe(400);
  });

  it('produces the ASIC IDR CSV for the second half of 2025 exactly as the hand-checked file once the failures are fixed, named UNVERIFIED', async () => {
    expect((await inbox.api(`/api/cases/${ids.C}/compliance`, { method: 'PATCH', token: admin, body: { issues: ['service_quality'] } })).status).toBe(200);
    const mapped = await inbox.api<any>('/api/reports/asic-idr/dictionaries/unverified-default-1/mapping', { method: 'PUT', token: admin, body: { source: 'products', entries: [{ value: 'crypto', code: 'PAYMENT_SYSTEMS' }] } });
    expect(mapped.status).toBe(200);
    const res = await csv('/api/reports/asic-idr.csv?from=2025-07-01&to=2025-12-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="asic-idr-2025-07-01-2025-12-31-unverified-default-1-UNVERIFIED.csv"');
    expect(res.headers.get('x-dictionary-verified')).toBe('false');
    expect(res.text).toBe(readFileSync(join(__dirname, '../fixtures/asic-idr-2025H2.expected.csv'), 'utf8'));
    // Days to resolve: the register and the file count them the same way (local dates, docs/compliance.md).
    const register = (await inbox.api<any>('/api/register?from=2025-06-01&to=2025-07-31&status=closed', { token: admin })).body.items;
    const lines = res.text.trim().split('\r\n').slice(1).map((l) => l.split(','));
    for (const item of register.filter((i: any) => lines.some((l) => l[0] === i.reference))) {
      expect(String(item.daysToClose)).toBe(lines.find((l) => l[0] === item.reference)![7]);
    }
  });

  it('filters the register by period, channel, product, issue, status, outcome and deadline state, and exports it as CSV', async () => {
    const list = (q: string) => inbox.api<any>(`/api/register?${q}`, { token: admin }).then((r) => r.body.items.map((i: any) => i.reference));
    expect(await list('from=2025-07-01&to=2025-12-31')).toEqual(['C-000002', 'C-000003', 'C-000007']);
    expect(await list('from=2026-01-01&to=2026-01-01')).toEqual(['C-000006']);
    expect(await list('channel=email')).toEqual(['C-000002', 'C-000005']);
    expect(await list('product=card')).toEqual(['C-000001', 'C-000002']);
    expect(await list('issue=delay')).toEqual(['C-000004', 'C-000007', 'C-000006']);
    expect(await list('status=closed')).toEqual(['C-000004', 'C-000001', 'C-000002']);
    expect(await list('outcome=not_upheld')).toEqual(['C-000002']);
    expect(await list('deadlineState=met')).toEqual(['C-000001', 'C-000002']);
    // Received 1 May, answered 15 June: past its 30 days.
    expect(await list('deadlineState=missed')).toEqual(['C-000004']);
    const b = (await inbox.api<any>(`/api/register?outcome=not_upheld`, { token: admin })).body.items[0];
    expect(b).toMatchObject({ reference: 'C-000002', closureState: 'resolved', remedies: ['explanation'], compensationAmount: null, daysToClose: 17, channel: 'email' });
    const a = (await inbox.api<any>(`/api/register?customerId=${(await sql.query(`SELECT customer_id FROM cases WHERE id = $1`, [ids.A])).rows[0].customer_id}`, { token: admin })).body.items;
    expect(a).toEqual([expect.objectContaining({ reference: 'C-000001', compensationAmount: 50, remedies: ['fee_refund_or_waiver', 'apology'], outcome: 'upheld' })]);
    const file = await csv('/api/register.csv?product=card');
    expect(file.status).toBe(200);
    const lines = file.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^reference,received_at,channel,customer,complaint_type,products,issues,status,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['C-000001', 'C-000002']);
    expect((await inbox.api('/api/register?deadlineState=soon', { token: admin })).status).toBe(400);
  });

  it('keeps the reference, the resolution and the audit trail when a resolved case is reopened and resolved again', async () => {
    const reopen = await inbox.api<any>(`/api/cases/${ids.A}/reopen`, { token: admin, body: { reason: 'Refund never arrived' } });
    expect(reopen.status).toBeLessThan(300);
    const again = await inbox.api<any>(`/api/cases/${ids.A}/resolve`, {
      token: admin,
      body: { outcome: 'upheld', closureState: 'resolved', reasons: 'The refund has now been paid.', remedies: [{ type: 'fee_refund_or_waiver' }, { type: 'goodwill_payment' }], compensationAmount: 80 },
    });
    expect(again.status).toBe(200);
    const details = await inbox.api<any>(`/api/cases/${ids.A}/compliance`, { token: admin });
    expect(details.body.reference).toBe('C-000001');
    expect(details.body.resolutions.map((r: any) => r.compensationAmount)).toEqual([50, 80]);
  });

  it('lets an agent flag a possible systemic issue in one click, with an owner and a status', async () => {
    const flagged = await inbox.api<any>(`/api/cases/${ids.C}/systemic-flag`, { token: admin, body: {} });
    expect(flagged.status).toBe(201);
    expect(flagged.body).toMatchObject({ source: 'agent', status: 'open', caseCount: 1, cases: [expect.objectContaining({ reference: 'C-000003' })] });
    const joined = await inbox.api<any>(`/api/cases/${ids.G}/systemic-flag`, { token: admin, body: { issueId: flagged.body.id } });
    expect(joined.body.caseCount).toBe(2);
    const me = (await sql.query(`SELECT id FROM users LIMIT 1`)).rows[0].id;
    const updated = await inbox.api<any>(`/api/systemic-issues/${flagged.body.id}`, { method: 'PATCH', token: admin, body: { ownerUserId: me, status: 'investigating', reason: 'two app complaints' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ownerUserId: me, status: 'investigating' });
    const list = await inbox.api<any>('/api/systemic-issues?status=investigating', { token: admin });
    expect(list.body.items.map((i: any) => i.id)).toEqual([flagged.body.id]);
    const register = await inbox.api<any>(`/api/register?channel=webchat`, { token: admin });
    expect(register.body.items[0].systemicIssue).toBe(true);
  });

  it('answers /status on Telegram on the same channel, without a new case', async () => {
    const message = inboundMessage({ channel: 'telegram', account: 'bot', sender: { address: '5550001' }, text: '/status', receivedAt: new Date().toISOString() });
    await inbox.bus.publish(TOPICS.inbound, 'tg', message);
    const { rows } = await sql.query(
      `SELECT m.case_id, r.channel, r.text, r.sender_address FROM messages m JOIN messages r ON r.case_id = m.case_id AND r.direction = 'outbound' AND r.thread->>'statusReply' = 'true'
        WHERE m.external_id = $1`,
      [message.externalId],
    );
    expect(rows).toEqual([{ case_id: ids.F, channel: 'telegram', sender_address: '5550001', text: expect.stringContaining('C-000006: received, waiting to be picked up') }]);
    expect((await sql.query(`SELECT count(*)::int AS n FROM cases c JOIN identities i ON i.customer_id = c.customer_id WHERE i.address = '5550001'`)).rows[0].n).toBe(1);
  });

  it('lets admins add a public holiday that new deadlines count, and lists the calendar in force', async () => {
    const before = await inbox.api<any>('/api/compliance/holidays?year=2026', { token: admin });
    expect(before.body).toMatchObject({ state: 'NSW', timeZone: 'Australia/Sydney', rules: expect.stringContaining('date-holidays'), policy: { rollToBusinessDay: true } });
    expect(before.body.holidays).toEqual(expect.arrayContaining([{ date: '2026-01-26', name: 'Australia Day' }, { date: '2026-10-05', name: 'Labour Day' }]));
    const added = await inbox.api<any>('/api/compliance/holiday-overrides', { token: admin, body: { date: '2026-03-02', jurisdiction: 'NSW', action: 'add', name: 'Gazetted special holiday' } });
    expect(added.status).toBe(201);
    expect((await inbox.api<any>('/api/compliance/holiday-overrides', { token: admin, body: { date: '2026-03-02', jurisdiction: 'NSW', action: 'add', name: 'again' } })).status).toBe(409);
    const after = await inbox.api<any>('/api/compliance/holidays?year=2026', { token: admin });
    expect(after.body.holidays).toContainEqual({ date: '2026-03-02', name: 'Gazetted special holiday' });
    // Received Fri 27 Feb 2026: the next business day is now Tue 3 Mar, so the acknowledgement is due at its end.
    const caseId = await (async () => {
      const m = inboundMessage({ sender: { address: '+61413000099' }, receivedAt: '2026-02-27T01:00:00Z', text: 'I am unhappy with the overdraft fee' });
      await inbox.bus.publish(TOPICS.inbound, 'h', m);
      return (await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [m.externalId])).rows[0].case_id;
    })();
    const { rows } = await sql.query(`SELECT acknowledge_by FROM cases WHERE id = $1`, [caseId]);
    expect(rows[0].acknowledge_by.toISOString()).toBe('2026-03-03T12:59:59.999Z');
    expect((await inbox.api(`/api/compliance/holiday-overrides/${added.body.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    const agent = await inbox.api<any>('/api/users', { token: admin, body: { email: 'plain@test.local', password: 'agent-password-1', name: 'Plain Agent', role: 'agent' } });
    expect(agent.status).toBe(201);
    const agentToken = await inbox.login('plain@test.local', 'agent-password-1');
    expect((await inbox.api('/api/compliance/holiday-overrides', { token: agentToken, body: { date: '2026-03-09', jurisdiction: 'NSW', action: 'add', name: 'x' } })).status).toBe(403);
    expect((await inbox.api('/api/reports/asic-idr.csv?from=2025-07-01&to=2025-12-31', { token: agentToken })).status).toBe(403);
  });

  it('stops the clock only for the pauses RG 271 allows, each audited, and moves the deadline by the pause', async () => {
    const now = new Date('2026-05-04T00:00:00Z');
    const clockAt = (d: Date) => jest.spyOn(clock, 'now').mockReturnValue(d);
    const m = inboundMessage({ sender: { address: '+61413000098' }, receivedAt: now.toISOString(), text: 'I am unhappy: the trustee rejected my claim' });
    await inbox.bus.publish(TOPICS.inbound, 'p', m);
    const caseId = (await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [m.externalId])).rows[0].case_id;
    // Court proceedings pause only a traditional trustee's complaint (RG 271.77–78).
    expect((await inbox.api(`/api/cases/${caseId}/compliance`, { method: 'PATCH', token: admin, body: { complaintType: 'traditional_trustee', reason: 'we administer the estate as trustee' } })).status).toBe(200);
    const waiting = await inbox.api<any>(`/api/cases/${caseId}/clock/pause`, { token: admin, body: { reason: 'waiting_for_customer', note: 'no reply yet' } });
    expect(waiting.status).toBe(400);
    expect(waiting.body.error).toBe('pause_not_allowed');
    clockAt(new Date(now.getTime() + 86_400_000));
    expect((await inbox.api(`/api/cases/${caseId}/clock/pause`, { token: admin, body: { reason: 'trustee_court_event', note: 'court order pending' } })).status).toBe(200);
    expect((await inbox.api(`/api/cases/${caseId}/clock/pause`, { token: admin, body: { reason: 'trustee_court_event', note: 'again' } })).status).toBe(409);
    clockAt(new Date(now.getTime() + 4 * 86_400_000));
    const resumed = await inbox.api<any>(`/api/cases/${caseId}/clock/resume`, { token: admin, body: { note: 'order made' } });
    expect(resumed.status).toBe(200);
    expect(resumed.body.pauses).toEqual([expect.objectContaining({ reason: 'trustee_court_event', startedAt: '2026-05-05T00:00:00.000Z', endedAt: '2026-05-08T00:00:00.000Z' })]);
    // Three paused days: a delay notice is still possible three days after the original deadline.
    clockAt(new Date(new Date(resumed.body.respondBy).getTime() + 2 * 86_400_000));
    expect((await inbox.api(`/api/cases/${caseId}/delay-notice`, { token: admin, body: { reasons: 'Court order awaited' } })).status).toBe(200);
    const audit = await inbox.api<any>(`/api/compliance/audit?caseId=${caseId}`, { token: admin });
    expect(audit.body.items.map((i: any) => i.action)).toEqual(expect.arrayContaining(['clock.paused', 'clock.resumed', 'delay_notice.sent']));
    jest.restoreAllMocks();
  });
});
