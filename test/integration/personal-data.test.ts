import JSZip from 'jszip';
import type { Client } from 'pg';
import { TOPICS } from '@inbox/contracts';
import { RetentionScheduler, RETENTION_LOCK_ID } from '@inbox/personal-data';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

const DAY = 86_400_000;
type Any = Record<string, any>;

/**
 * A customer's rights and the firm's duties, end to end on a real inbox and
 * PostgreSQL: the subject access export, erasure with and without holds
 * (and once a hold ends), support needs seen only by those who need them,
 * authorised representatives, and the nightly retention sweep and its preview.
 */
describe('personal data', () => {
  let inbox: TestInbox;
  let sql: Client;
  const tokens: Record<'admin' | 'alice' | 'bob' | 'sue', string> = { admin: '', alice: '', bob: '', sue: '' };
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    ({ inbox, sql } = await startInboxSession({ env: { AUTO_ACKNOWLEDGEMENT: 'false', RETENTION_COMPLAINT_YEARS: '7', RETENTION_ENQUIRY_MONTHS: '24', RETENTION_NOISE_DAYS: '90', RETENTION_LOG_DAYS: '90' } }, { signIn: false }));
    tokens.admin = await inbox.login();
    const { rows } = await sql.query(`SELECT id FROM teams WHERE is_default`);
    for (const [name, role] of [['alice', 'agent'], ['bob', 'agent'], ['sue', 'supervisor']] as const) {
      const res = await inbox.api<Any>('/api/users', { token: tokens.admin, body: { email: `${name}@test.local`, password: 'agent-password-1', name, role, teamIds: [rows[0].id] } });
      expect(res.status).toBe(201);
      userIds[name] = res.body.id;
      tokens[name] = await inbox.login(`${name}@test.local`, 'agent-password-1');
    }
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  /** One message in: the case it made (or joined) and its customer. */
  async function message(from: string, text: string): Promise<{ caseId: string; customerId: string; messageId: string }> {
    const m = inboundMessage({ sender: { address: from }, text });
    await inbox.bus.publish(TOPICS.inbound, `sms:${from}`, m);
    const { rows } = await sql.query(`SELECT id, case_id, customer_id FROM messages WHERE external_id = $1`, [m.externalId]);
    return { caseId: rows[0].case_id, customerId: rows[0].customer_id, messageId: rows[0].id };
  }

  /** Fixture: a case made what a test needs (kind, status, when it closed). */
  async function setCase(caseId: string, kind: string, status: string, closedDaysAgo: number | null, assignee?: string) {
    const closed = closedDaysAgo === null ? null : new Date(Date.now() - closedDaysAgo * DAY);
    await sql.query(`UPDATE cases SET kind = $2, status = $3, closed_at = $4, resolved_at = $4, assignee_id = $5, last_message_at = COALESCE($4, last_message_at) WHERE id = $1`, [
      caseId, kind, status, closed, assignee ? userIds[assignee] : null,
    ]);
  }

  /** A customer with a closed enquiry (2 years ago), a complaint closed a year ago and an open complaint. */
  async function customerWithHistory(phone: string) {
    const enquiry = await message(phone, `What are your opening hours for branch ${phone.slice(-4)}? Call me on ${phone}`);
    await setCase(enquiry.caseId, 'enquiry', 'closed', 400);
    const closedComplaint = await message(phone, 'You charged me a late fee twice, I want it back');
    await setCase(closedComplaint.caseId, 'complaint', 'closed', 365);
    const open = await message(phone, 'I lost my job and cannot pay, and you keep charging fees');
    await setCase(open.caseId, 'complaint', 'open', null, 'alice');
    // What else holds copies of the enquiry: a file, a note, a correction, a knowledge article, a dead letter.
    await sql.query(`INSERT INTO attachment_contents (id, message_id, file_name, content_type, size_bytes, content) VALUES (gen_random_uuid(), $1, 'payslip.pdf', 'application/pdf', 7, 'PAYSLIP')`, [enquiry.messageId]);
    expect((await inbox.api(`/api/cases/${enquiry.caseId}/notes`, { token: tokens.admin, body: { text: `Customer rang from ${phone}` } })).status).toBe(201);
    await sql.query(`INSERT INTO classification_corrections (message_id, text, kind, corrected_by) VALUES ($1, 'What are your opening hours?', 'enquiry', $2)`, [enquiry.messageId, userIds.sue]);
    const article = await inbox.api<Any>(`/api/cases/${enquiry.caseId}/knowledge`, { token: tokens.admin, body: { title: 'Opening hours', body: `Asked by ${phone}: 9 to 5` } });
    expect(article.status).toBe(201);
    await sql.query(`INSERT INTO dead_letters (topic, key, payload, error, attempts) VALUES ('inbox.inbound.v1', $1, $2, 'boom', 3)`, [`sms:${phone}`, JSON.stringify({ sender: { address: phone } })]);
    return { enquiry, closedComplaint, open, customerId: open.customerId, articleId: article.body.id as string };
  }

  describe('subject access export', () => {
    it('is a ZIP of JSON and the files, for supervisors and admins, and is audited', async () => {
      const x = await customerWithHistory('+61411000001');
      expect((await fetch(`${inbox.url}/api/customers/${x.customerId}/export`, { headers: { authorization: `Bearer ${tokens.alice}` } })).status).toBe(403);
      const res = await fetch(`${inbox.url}/api/customers/${x.customerId}/export`, { headers: { authorization: `Bearer ${tokens.sue}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      expect(Object.keys(zip.files).sort()).toEqual(expect.arrayContaining(['customer.json', 'cases.json', 'messages.json', 'notes.json', 'case-events.json', 'audit.json', 'README.json']));
      const customer = JSON.parse(await zip.file('customer.json')!.async('string'));
      expect(customer.identities.map((i: Any) => i.address)).toEqual(['+61411000001']);
      const cases = JSON.parse(await zip.file('cases.json')!.async('string'));
      expect(cases).toHaveLength(3);
      const messages = JSON.parse(await zip.file('messages.json')!.async('string'));
      expect(messages.map((m: Any) => m.text)).toEqual(expect.arrayContaining(['I lost my job and cannot pay, and you keep charging fees']));
      expect(JSON.parse(await zip.file('notes.json')!.async('string'))[0].text).toBe('Customer rang from +61411000001');
      const file = Object.keys(zip.files).find((name) => name.startsWith('attachments/') && name.endsWith('payslip.pdf'))!;
      expect(await zip.file(file)!.async('string')).toBe('PAYSLIP');
      const { rows } = await sql.query(`SELECT actor_user_id, data FROM compliance_audit WHERE action = 'personal_data.exported' AND data->>'customerId' = $1`, [x.customerId]);
      expect(rows).toEqual([expect.objectContaining({ actor_user_id: userIds.sue, data: expect.objectContaining({ counts: expect.objectContaining({ cases: 3, attachments: 1 }) }) })]);
    });
  });

  describe('erasure', () => {
    it('erases what no hold keeps, everywhere, and says what is held and why', async () => {
      const x = await customerWithHistory('+61411000002');
      const refused = await inbox.api<Any>(`/api/customers/${x.customerId}/erasure`, { token: tokens.sue, body: { reason: '  ' } });
      expect(refused.status).toBe(400);
      expect((await sql.query(`SELECT count(*)::int AS n FROM erasure_requests WHERE customer_id = $1`, [x.customerId])).rows[0].n).toBe(0);

      const res = await inbox.api<Any>(`/api/customers/${x.customerId}/erasure`, { token: tokens.sue, body: { reason: 'Customer asked by email on 3 March' } });
      expect(res.status).toBe(200);
      const refs = await references(x.enquiry.caseId, x.closedComplaint.caseId, x.open.caseId);
      expect(res.body).toMatchObject({ status: 'partly_held', erased: { cases: [refs[0]], customerDetails: false } });
      expect(res.body.held).toEqual(
        expect.arrayContaining([
          { reference: refs[1], reasons: [{ reason: 'complaint_retention', explanation: expect.stringContaining('retention') }], heldUntil: expect.any(String) },
          { reference: refs[2], reasons: [{ reason: 'open_complaint', explanation: expect.stringContaining('open') }], heldUntil: null },
        ]),
      );
      // The enquiry's copies are gone: text, file, note, correction, knowledge article's mention, search.
      const erased = (await sql.query(`SELECT text, raw, sender_address, erased_at FROM messages WHERE case_id = $1`, [x.enquiry.caseId])).rows;
      expect(erased.every((m) => m.text === '[erased]' && m.raw === null && m.sender_address === null && m.erased_at)).toBe(true);
      expect((await sql.query(`SELECT count(*)::int AS n FROM attachment_contents WHERE message_id = $1`, [x.enquiry.messageId])).rows[0].n).toBe(0);
      expect((await sql.query(`SELECT text FROM case_notes WHERE case_id = $1`, [x.enquiry.caseId])).rows[0].text).toBe('[erased]');
      expect((await sql.query(`SELECT text FROM classification_corrections WHERE message_id = $1`, [x.enquiry.messageId])).rows[0].text).toBe('[erased]');
      expect((await sql.query(`SELECT body, source_case_id FROM kb_articles WHERE id = $1`, [x.articleId])).rows[0]).toEqual({ body: 'Asked by [erased]: 9 to 5', source_case_id: null });
      expect(JSON.stringify((await sql.query(`SELECT payload FROM case_events WHERE case_id = $1`, [x.enquiry.caseId])).rows)).not.toContain('opening hours');
      expect((await inbox.api<Any>(`/api/cases?q=${encodeURIComponent('opening hours for branch 0002')}`, { token: tokens.admin })).body.total).toBe(0);
      // Held: the complaints and the customer's details, untouched.
      expect((await sql.query(`SELECT text FROM messages WHERE case_id = $1`, [x.open.caseId])).rows[0].text).toContain('cannot pay');
      expect((await sql.query(`SELECT address FROM identities WHERE customer_id = $1`, [x.customerId])).rows[0].address).toBe('+61411000002');
      // Recorded and audited, without the customer's words.
      const request = (await sql.query(`SELECT status, reason, erased_cases, held FROM erasure_requests WHERE customer_id = $1`, [x.customerId])).rows[0];
      expect(request).toMatchObject({ status: 'partly_held', reason: 'Customer asked by email on 3 March', erased_cases: [refs[0]] });
      const audit = (await sql.query(`SELECT data FROM compliance_audit WHERE action = 'personal_data.erasure' AND data->>'customerId' = $1`, [x.customerId])).rows;
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('+61411000002');
    });

    it('erases everything of a customer nothing holds, dead letters and addresses included', async () => {
      const z = await message('+61411000003', 'Where do I send my form?');
      await setCase(z.caseId, 'enquiry', 'resolved', 10);
      await sql.query(`INSERT INTO dead_letters (topic, key, payload, error, attempts) VALUES ('inbox.inbound.v1', 'sms:+61411000003', '{"x":"+61411000003"}', 'boom', 3)`);
      const res = await inbox.api<Any>(`/api/customers/${z.customerId}/erasure`, { token: tokens.admin, body: { reason: 'asked in branch' } });
      expect(res.body).toMatchObject({ status: 'complete', held: [], erased: { customerDetails: true, counts: expect.objectContaining({ deadLetters: 1, identities: 1 }) } });
      expect((await sql.query(`SELECT address FROM identities WHERE customer_id = $1`, [z.customerId])).rows[0].address).toMatch(/^erased:/);
      const { rows } = await sql.query(`SELECT t::text AS row FROM messages t UNION ALL SELECT t::text FROM identities t UNION ALL SELECT t::text FROM dead_letters t UNION ALL SELECT t::text FROM case_events t`);
      expect(rows.map((r) => r.row).join('\n')).not.toContain('+61411000003');
    });

    it('keeps everything under a legal hold only an admin places, and erases it when the hold is lifted', async () => {
      const y = await message('+61411000004', 'Please close my account');
      await setCase(y.caseId, 'enquiry', 'closed', 30);
      expect((await inbox.api(`/api/customers/${y.customerId}/legal-holds`, { token: tokens.sue, body: { reason: 'litigation' } })).status).toBe(403);
      const hold = await inbox.api<Any>(`/api/customers/${y.customerId}/legal-holds`, { token: tokens.admin, body: { reason: 'Litigation: Smith v Bank' } });
      expect(hold.status).toBe(201);
      expect((await inbox.api(`/api/customers/${y.customerId}/legal-holds`, { token: tokens.admin, body: { reason: 'again' } })).status).toBe(409);

      const held = await inbox.api<Any>(`/api/customers/${y.customerId}/erasure`, { token: tokens.sue, body: { reason: 'asked by phone' } });
      expect(held.body).toMatchObject({ status: 'partly_held', erased: { cases: [] }, held: [{ reasons: [{ reason: 'legal_hold' }] }] });
      expect((await sql.query(`SELECT text FROM messages WHERE case_id = $1`, [y.caseId])).rows[0].text).toBe('Please close my account');

      const lifted = await inbox.api<Any>(`/api/customers/${y.customerId}/legal-holds/${hold.body.id}/lift`, { token: tokens.admin, body: { reason: 'case settled' } });
      expect(lifted.status).toBe(200);
      expect(lifted.body.erasures).toEqual([expect.objectContaining({ status: 'complete', held: [] })]);
      expect((await sql.query(`SELECT text FROM messages WHERE case_id = $1`, [y.caseId])).rows[0].text).toBe('[erased]');
      expect((await sql.query(`SELECT status FROM erasure_requests WHERE customer_id = $1`, [y.customerId])).rows[0].status).toBe('complete');
      const actions = (await sql.query(`SELECT action FROM compliance_audit WHERE data->>'customerId' = $1 ORDER BY id`, [y.customerId])).rows.map((r) => r.action);
      expect(actions).toEqual(['personal_data.legal_hold_placed', 'personal_data.erasure', 'personal_data.legal_hold_lifted', 'personal_data.erasure']);
    });
  });

  describe('support needs', () => {
    it('are suggested from the classifier, recorded by staff, seen only by the assigned agent, supervisors and admins, and audited', async () => {
      const x = await customerWithHistory('+61411000005');
      const path = `/api/customers/${x.customerId}/support-needs`;
      const seen = await inbox.api<Any>(path, { token: tokens.alice });
      expect(seen.status).toBe(200);
      expect(seen.body.recorded).toBeNull();
      expect(seen.body.suggestions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'financial_hardship' })]));
      expect((await inbox.api<Any>(path, { token: tokens.bob })).status).toBe(403);

      const bad = await inbox.api<Any>(path, { method: 'PUT', token: tokens.alice, body: { vulnerabilityTypes: ['financial_hardship'], howKnown: 'told us', consent: 'given', adjustments: [], reviewDate: '2001-01-01' } });
      expect(bad.status).toBe(400);
      const body = { vulnerabilityTypes: ['financial_hardship'], howKnown: 'The customer told us on the phone', consent: 'given', adjustments: ['call_not_sms', 'more_time'], reviewDate: new Date(Date.now() + 180 * DAY).toISOString().slice(0, 10) };
      const recorded = await inbox.api<Any>(path, { method: 'PUT', token: tokens.alice, body });
      expect(recorded.status).toBe(200);
      expect(recorded.body.recorded).toMatchObject({ ...body, recordedBy: 'alice', reviewDue: false });
      expect(recorded.body.suggestions).toEqual([]);
      expect((await inbox.api<Any>(path, { token: tokens.sue })).body.recorded.adjustments).toEqual(['call_not_sms', 'more_time']);
      expect((await inbox.api<Any>(path, { method: 'PUT', token: tokens.bob, body })).status).toBe(403);
      const audit = (await sql.query(`SELECT actor_user_id, data FROM compliance_audit WHERE action = 'personal_data.support_needs_recorded' AND data->>'customerId' = $1`, [x.customerId])).rows;
      expect(audit).toEqual([expect.objectContaining({ actor_user_id: userIds.alice, data: expect.objectContaining({ types: ['financial_hardship'] }) })]);
    });
  });

  describe('authorised representatives', () => {
    it('are linked with evidence and scope, receive replies, and the register shows the complaint came through them', async () => {
      const x = await customerWithHistory('+61411000006');
      const rep = await inbox.api<Any>(`/api/customers/${x.customerId}/representatives`, {
        token: tokens.alice,
        body: { name: 'Dana Counsellor', relationship: 'financial_counsellor', channel: 'sms', address: '+61422000006', evidence: 'Signed authority form dated 1 May', scope: 'complaints' },
      });
      expect(rep.status).toBe(201);
      expect((await inbox.api(`/api/customers/${x.customerId}/representatives/${rep.body.id}/cases/${x.open.caseId}`, { method: 'POST', token: tokens.alice })).status).toBe(204);
      const register = await inbox.api<Any>(`/api/register?customerId=${x.customerId}`, { token: tokens.sue });
      const row = register.body.items.find((i: Any) => i.id === x.open.caseId);
      expect(row).toMatchObject({ madeThroughRepresentative: 'financial_counsellor', aboutRepresentative: false });
      const csv = await fetch(`${inbox.url}/api/register.csv?customerId=${x.customerId}`, { headers: { authorization: `Bearer ${tokens.sue}` } });
      expect(await csv.text()).toContain('financial_counsellor');

      const reply = await inbox.api<Any>(`/api/cases/${x.open.caseId}/replies`, { token: tokens.alice, body: { text: 'We have paused the fees.', representativeId: rep.body.id } });
      expect(reply.status).toBe(201);
      expect((await sql.query(`SELECT sender_address FROM messages WHERE id = $1`, [reply.body.id])).rows[0].sender_address).toBe('+61422000006');
      expect((await inbox.api(`/api/customers/${x.customerId}/representatives/${rep.body.id}/revoke`, { method: 'POST', token: tokens.alice })).status).toBe(204);
      const after = await inbox.api<Any>(`/api/cases/${x.open.caseId}/replies`, { token: tokens.alice, body: { text: 'Again', representativeId: rep.body.id } });
      expect(after.status).toBe(400);
    });
  });

  describe('retention', () => {
    it('previews what the sweep would remove, removes exactly that when it runs, skips legal holds, and audits the run', async () => {
      const noise = await message('+61411000007', 'My card was declined at the shop again');
      await setCase(noise.caseId, 'noise', 'closed', 200);
      const oldEnquiry = await message('+61411000008', 'How do I update my address?');
      await setCase(oldEnquiry.caseId, 'enquiry', 'closed', 3 * 365);
      const oldComplaint = await message('+61411000009', 'Your branch staff were rude');
      await setCase(oldComplaint.caseId, 'complaint', 'closed', 8 * 365);
      const heldEnquiry = await message('+61411000010', 'Why was my card declined?');
      await setCase(heldEnquiry.caseId, 'enquiry', 'closed', 3 * 365);
      expect((await inbox.api(`/api/customers/${heldEnquiry.customerId}/legal-holds`, { token: tokens.admin, body: { reason: 'regulator request' } })).status).toBe(201);
      await sql.query(`INSERT INTO dead_letters (topic, key, payload, error, attempts, created_at) VALUES ('x', 'y', '{}', 'old', 1, now() - interval '100 days')`);
      const refs = await references(noise.caseId, oldEnquiry.caseId, oldComplaint.caseId, heldEnquiry.caseId);

      const preview = await inbox.api<Any>('/api/admin/retention/preview', { token: tokens.sue });
      expect(preview.status).toBe(200);
      const item = (kind: string) => preview.body.items.find((i: Any) => i.kind === kind);
      expect(item('noiseDays').sample).toContain(refs[0]);
      expect(item('enquiryMonths').sample).toContain(refs[1]);
      expect(item('enquiryMonths').sample).not.toContain(refs[3]);
      expect(item('complaintYears').sample).toEqual([refs[2]]);
      expect(item('logDays').count).toBeGreaterThanOrEqual(1);
      expect(preview.body.legalHolds).toBeGreaterThanOrEqual(1);
      expect((await sql.query(`SELECT text FROM messages WHERE case_id = $1`, [oldComplaint.caseId])).rows[0].text).toBe('Your branch staff were rude');

      expect((await inbox.api('/api/admin/retention/run', { method: 'POST', token: tokens.sue })).status).toBe(403);
      const run = await inbox.api<Any>('/api/admin/retention/run', { method: 'POST', token: tokens.admin });
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ noiseDays: item('noiseDays').count, enquiryMonths: item('enquiryMonths').count, complaintYears: 1, logDays: item('logDays').count });
      for (const caseId of [noise.caseId, oldEnquiry.caseId, oldComplaint.caseId]) {
        expect((await sql.query(`SELECT text FROM messages WHERE case_id = $1`, [caseId])).rows[0].text).toBe('[erased]');
      }
      expect((await sql.query(`SELECT text FROM messages WHERE case_id = $1`, [heldEnquiry.caseId])).rows[0].text).toBe('Why was my card declined?');
      // The register row of the erased complaint stays (the record that it happened), without its words.
      expect((await sql.query(`SELECT reference, kind, closed_at FROM cases WHERE id = $1`, [oldComplaint.caseId])).rows[0]).toMatchObject({ reference: refs[2], kind: 'complaint' });
      const audit = (await sql.query(`SELECT data FROM compliance_audit WHERE action = 'retention.run' ORDER BY id DESC LIMIT 1`)).rows[0];
      expect(audit.data.counts).toMatchObject({ complaintYears: 1 });
      const again = await inbox.api<Any>('/api/admin/retention/preview', { token: tokens.sue });
      expect(again.body.items.find((i: Any) => i.kind === 'complaintYears').count).toBe(0);
    });

    it('runs once a night from one leader, whose lock lives on a connection of its own', async () => {
      const scheduler = inbox.app.get(RetentionScheduler);
      await scheduler.tick(new Date());
      expect(scheduler.isLeader).toBe(true);
      const { rows } = await sql.query(
        `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted`,
        [RETENTION_LOCK_ID],
      );
      // The lock's connection is named after the instance, like the deadline scheduler's.
      expect(rows).toEqual([{ application_name: expect.stringMatching(/^inbox-.+-retention$/) }]);
      // 03:00 in Sydney on a fixed day: due (run hour 2); the second tick that day finds it done.
      const night = new Date('2031-07-01T17:00:00Z');
      const before = (await sql.query(`SELECT count(*)::int AS n FROM compliance_audit WHERE action = 'retention.run'`)).rows[0].n;
      await scheduler.tick(night);
      await scheduler.tick(new Date(night.getTime() + 3_600_000));
      expect((await sql.query(`SELECT count(*)::int AS n FROM compliance_audit WHERE action = 'retention.run'`)).rows[0].n).toBe(before + 1);
      expect((await sql.query(`SELECT summary FROM retention_runs WHERE local_day = '2031-07-02'`)).rows[0].summary).toEqual(expect.objectContaining({ resumedErasures: expect.any(Number) }));
    });
  });

  async function references(...caseIds: string[]): Promise<string[]> {
    const { rows } = await sql.query(`SELECT id, reference FROM cases WHERE id = ANY($1::uuid[])`, [caseIds]);
    return caseIds.map((id) => rows.find((r) => r.id === id)!.reference);
  }
});
