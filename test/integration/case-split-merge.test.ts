import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { ComplianceCalendar } from '@inbox/complaint-handling';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/** One complaint, one case: split, merge and unmerge through the REST API on real PostgreSQL (docs/workspace.md). */
describe('case split and merge', () => {
  let inbox: TestInbox;
  let admin: string;
  let agent: string;
  let calendar: ComplianceCalendar;

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } });
    admin = await inbox.login();
    calendar = inbox.app.get(ComplianceCalendar);
    const teams = await inbox.api<Array<{ id: string; isDefault?: boolean }>>('/api/teams', { token: admin });
    const teamIds = (Array.isArray(teams.body) ? teams.body : (teams.body as unknown as { items: Array<{ id: string }> }).items).map((t) => t.id);
    const created = await inbox.api('/api/users', { token: admin, body: { email: 'split@agents.test', password: 'split-password', name: 'Splitter', role: 'agent', teamIds } });
    expect(created.status).toBe(201);
    agent = await inbox.login('split@agents.test', 'split-password');
  });

  afterAll(async () => {
    await inbox.close();
    await inbox.db.drop();
  });

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  async function writes(overrides: Partial<InboundMessage>): Promise<{ id: string; caseId: string; receivedAt: Date }> {
    const m = inboundMessage(overrides);
    await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const [row] = await inbox.db.query<{ id: string; case_id: string; received_at: Date }>(`SELECT id, case_id, received_at FROM messages WHERE external_id = $1`, [m.externalId]);
    return { id: row.id, caseId: row.case_id, receivedAt: row.received_at };
  }
  const clockOf = async (caseId: string) =>
    (await inbox.db.query<{ reference: string; status: string; kind: string; received_at: Date; acknowledge_by: Date | null; respond_by: Date | null; merged_into_case_id: string | null }>(
      `SELECT reference, status, kind, received_at, acknowledge_by, respond_by, merged_into_case_id FROM cases WHERE id = $1`,
      [caseId],
    ))[0];
  const eventsOf = async (caseId: string) => (await inbox.db.query<{ type: string; data: any }>(`SELECT type, payload->'data' AS data FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId]));
  const auditOf = async (caseId: string) => (await inbox.db.query<{ action: string }>(`SELECT action FROM compliance_audit WHERE case_id = $1 ORDER BY created_at`, [caseId])).map((r) => r.action);
  const expectedClock = (from: Date) => calendar.deadlinesFor(from, 'standard');
  /** How many complaints the ASIC IDR file of the current half-year holds. */
  async function complaintsReported(): Promise<number> {
    const now = new Date();
    const year = now.getUTCFullYear();
    const [from, to] = now.getUTCMonth() < 6 ? [`${year}-01-01`, `${year}-06-30`] : [`${year}-07-01`, `${year}-12-31`];
    const res = await inbox.api<{ complaints: number }>(`/api/reports/asic-idr/validation?from=${from}&to=${to}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body.complaints;
  }

  /** A customer whose second complaint (another product) joined the first's open case. */
  async function customerWithTwoComplaints(phone: string) {
    const card = await writes({ sender: { address: phone, displayName: 'Dana Split' }, text: 'I want to complain: my credit card was charged a fee twice', receivedAt: daysAgo(10).toISOString() });
    const loan = await writes({ sender: { address: phone }, text: 'Also my home loan repayment was taken twice this month and nobody explains why', receivedAt: daysAgo(3).toISOString() });
    expect(loan.caseId).toBe(card.caseId);
    return { card, loan, caseId: card.caseId };
  }

  it('suggests the split at intake, moves the messages to a new case with its own reference and clock, and records it on both cases', async () => {
    const { card, loan, caseId } = await customerWithTwoComplaints('+61455500001');
    const suggestions = await inbox.api<{ items: any[] }>(`/api/cases/${caseId}/split-suggestions`, { token: admin });
    expect(suggestions.body.items).toEqual([expect.objectContaining({ messageId: loan.id, caseProducts: ['card'], messageProducts: expect.arrayContaining(['mortgage']) })]);
    expect((await eventsOf(caseId)).map((e) => e.type)).toContain('split.suggested');
    const before = await clockOf(caseId);

    const split = await inbox.api<{ case: { id: string; reference: string; status: string }; from: { id: string } }>(`/api/cases/${caseId}/split`, { token: admin, body: { messageIds: [loan.id] } });
    expect(split.status).toBe(201);
    const newId = split.body.case.id;
    expect(newId).not.toBe(caseId);
    const created = await clockOf(newId);
    expect(created.reference).not.toBe(before.reference);
    expect(created.reference).toMatch(/^C-\d{6,}$/);
    // Its own RG 271 clock from the moved message's receipt, the deadlines as the calendar gives them.
    expect(created).toMatchObject({ kind: 'complaint', status: 'open', received_at: loan.receivedAt, respond_by: expectedClock(loan.receivedAt).respondBy, acknowledge_by: expectedClock(loan.receivedAt).acknowledgeBy });
    // The case that kept the card complaint keeps its clock: it counted from the card message.
    expect(await clockOf(caseId)).toMatchObject({ received_at: card.receivedAt, respond_by: before.respond_by });

    const original = await inbox.api<any>(`/api/cases/${caseId}`, { token: admin });
    const moved = await inbox.api<any>(`/api/cases/${newId}`, { token: admin });
    expect(original.body.messages.map((m: any) => m.id)).toEqual([card.id]);
    expect(moved.body.messages.map((m: any) => m.id)).toEqual([loan.id]);
    expect(original.body.events.map((e: any) => e.type)).toContain('case.split');
    expect(moved.body.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['case.created', 'case.split', 'deadline.changed']));
    const splitEvent = original.body.events.find((e: any) => e.type === 'case.split');
    expect(splitEvent.data).toMatchObject({ fromCaseId: caseId, newCaseId: newId, newReference: created.reference, messageIds: [loan.id] });
    expect(await auditOf(caseId)).toContain('case.split');
    expect(await auditOf(newId)).toEqual(expect.arrayContaining(['case.split', 'deadline.changed']));
    // The suggestion was acted on: it no longer shows.
    expect((await inbox.api<{ items: unknown[] }>(`/api/cases/${caseId}/split-suggestions`, { token: admin })).body.items).toEqual([]);
  });

  it('restarts the clock of the case that kept the rest when the moved message was what it counted from', async () => {
    const { card, loan, caseId } = await customerWithTwoComplaints('+61455500002');
    const split = await inbox.api<any>(`/api/cases/${caseId}/split`, { token: admin, body: { messageIds: [card.id] } });
    expect(split.status).toBe(201);
    expect(await clockOf(split.body.case.id)).toMatchObject({ received_at: card.receivedAt, respond_by: expectedClock(card.receivedAt).respondBy });
    expect(await clockOf(caseId)).toMatchObject({ received_at: loan.receivedAt, respond_by: expectedClock(loan.receivedAt).respondBy });
    const restarted = (await eventsOf(caseId)).filter((e) => e.type === 'deadline.changed').map((e) => e.data);
    expect(restarted).toEqual([expect.objectContaining({ reason: 'split', to: expect.objectContaining({ receivedAt: loan.receivedAt.toISOString() }) })]);
  });

  it('refuses clearly: all messages, another case’s message, a reply, another agent’s case — and changes nothing', async () => {
    const { card, loan, caseId } = await customerWithTwoComplaints('+61455500003');
    const stranger = await writes({ sender: { address: '+61455500099' }, text: 'I want to complain about the branch staff' });
    const reply = await inbox.api<{ id: string }>(`/api/cases/${caseId}/replies`, { token: admin, body: { text: 'We are looking into both.' } });
    expect(reply.status).toBe(201);
    const attempt = (token: string, messageIds: string[]) => inbox.api<{ error: string; message: string }>(`/api/cases/${caseId}/split`, { token, body: { messageIds } });

    const all = await attempt(admin, [card.id, loan.id]);
    expect([all.status, all.body.error]).toEqual([400, 'split_takes_all']);
    const foreign = await attempt(admin, [stranger.id]);
    expect([foreign.status, foreign.body]).toEqual([400, expect.objectContaining({ error: 'message_not_in_case' })]);
    const outbound = await attempt(admin, [reply.body.id]);
    expect([outbound.status, outbound.body.error]).toEqual([400, 'outbound_message']);
    expect(outbound.body.message).toMatch(/replies stay on the case/);
    // The case action policy: an agent who does not hold the case may not split it.
    const unheld = await attempt(agent, [loan.id]);
    expect([unheld.status, unheld.body.error]).toEqual([403, 'claim_first']);
    expect((await inbox.api(`/api/cases/${caseId}/claim`, { token: agent, body: {} })).status).toBe(200);
    expect((await inbox.db.query(`SELECT count(*)::int AS n FROM cases WHERE split_from_case_id = $1`, [caseId]))[0]).toEqual({ n: 0 });
    // Once they hold it, they may.
    expect((await attempt(agent, [loan.id])).status).toBe(201);
  });

  it('merges a customer’s cases keeping the earliest receipt, undoes it, and refuses once answered or across customers', async () => {
    const { card, loan, caseId } = await customerWithTwoComplaints('+61455500004');
    const split = await inbox.api<any>(`/api/cases/${caseId}/split`, { token: admin, body: { messageIds: [loan.id] } });
    const loanCase = split.body.case.id as string;
    const before = await clockOf(loanCase);
    const other = await writes({ sender: { address: '+61455500098' }, text: 'I want to complain: my insurance claim was ignored' });

    const across = await inbox.api<{ error: string }>(`/api/cases/${caseId}/merge`, { token: admin, body: { intoCaseId: other.caseId } });
    expect([across.status, across.body.error]).toEqual([400, 'different_customers']);

    const reportedBefore = await complaintsReported();
    // The card case (earlier) merges into the loan case: the survivor takes the earlier receipt, the strictest clock.
    const merged = await inbox.api<any>(`/api/cases/${caseId}/merge`, { token: admin, body: { intoCaseId: loanCase } });
    expect(merged.status).toBe(200);
    // One complaint now: the merged case is not reported to ASIC beside its survivor.
    expect(await complaintsReported()).toBe(reportedBefore - 1);
    expect(await clockOf(loanCase)).toMatchObject({ status: 'open', received_at: card.receivedAt, respond_by: expectedClock(card.receivedAt).respondBy });
    expect(await clockOf(caseId)).toMatchObject({ status: 'closed', merged_into_case_id: loanCase });
    expect((await inbox.api<any>(`/api/cases/${loanCase}`, { token: admin })).body.messages.map((m: any) => m.id)).toEqual(expect.arrayContaining([card.id, loan.id]));
    for (const id of [caseId, loanCase]) {
      expect((await eventsOf(id)).filter((e) => e.type === 'case.merged').map((e) => e.data)).toEqual([expect.objectContaining({ mergedCaseId: caseId, intoCaseId: loanCase })]);
      expect(await auditOf(id)).toContain('case.merged');
    }
    const again = await inbox.api<{ error: string }>(`/api/cases/${caseId}/merge`, { token: admin, body: { intoCaseId: loanCase } });
    expect([again.status, again.body.error]).toEqual([409, 'case_not_open']);

    // Undo: both cases as they were.
    const undone = await inbox.api<any>(`/api/cases/${caseId}/unmerge`, { token: admin, body: {} });
    expect(undone.status).toBe(200);
    expect((await eventsOf(caseId)).filter((e) => e.type === 'case.unmerged').map((e) => e.data)).toEqual([expect.objectContaining({ messages: 1, intoCaseId: loanCase })]);
    expect(await clockOf(loanCase)).toMatchObject({ received_at: before.received_at, respond_by: before.respond_by, acknowledge_by: before.acknowledge_by });
    expect(await clockOf(caseId)).toMatchObject({ status: expect.stringMatching(/^(new|open)$/), merged_into_case_id: null });
    expect((await inbox.api<any>(`/api/cases/${caseId}`, { token: admin })).body.messages.map((m: any) => m.id)).toEqual([card.id]);
    for (const id of [caseId, loanCase]) expect(await auditOf(id)).toContain('case.unmerged');
    expect((await inbox.api<{ error: string }>(`/api/cases/${caseId}/unmerge`, { token: admin, body: {} })).body.error).toBe('not_merged');

    // Merged again and answered since: the customer was told about both as one case, so it stays merged.
    expect((await inbox.api(`/api/cases/${caseId}/merge`, { token: admin, body: { intoCaseId: loanCase } })).status).toBe(200);
    expect((await inbox.api(`/api/cases/${loanCase}/replies`, { token: admin, body: { text: 'We are handling both together.' } })).status).toBe(201);
    const late = await inbox.api<{ error: string }>(`/api/cases/${caseId}/unmerge`, { token: admin, body: {} });
    expect([late.status, late.body.error]).toEqual([409, 'answered_since_merge']);
    expect(await clockOf(caseId)).toMatchObject({ status: 'closed', merged_into_case_id: loanCase });
  });

  it('lets an agent dismiss a suggestion; only the assignee or a supervisor may merge', async () => {
    const { loan, caseId } = await customerWithTwoComplaints('+61455500005');
    const [suggestion] = (await inbox.api<{ items: Array<{ id: string; messageId: string }> }>(`/api/cases/${caseId}/split-suggestions`, { token: agent })).body.items;
    expect(suggestion.messageId).toBe(loan.id);
    expect((await inbox.api(`/api/cases/${caseId}/split-suggestions/${suggestion.id}/dismiss`, { token: agent, body: {} })).status).toBe(200);
    expect((await inbox.api<{ items: unknown[] }>(`/api/cases/${caseId}/split-suggestions`, { token: agent })).body.items).toEqual([]);
    const split = await inbox.api<any>(`/api/cases/${caseId}/split`, { token: admin, body: { messageIds: [loan.id] } });
    const refused = await inbox.api<{ error: string }>(`/api/cases/${split.body.case.id}/merge`, { token: agent, body: { intoCaseId: caseId } });
    expect([refused.status, refused.body.error]).toEqual([403, 'claim_first']);
  });
  it('documents split, merge, unmerge and the suggestions in OpenAPI', async () => {
    const doc = await inbox.api<any>('/api/docs/openapi.json');
    for (const path of ['/api/cases/{id}/split', '/api/cases/{id}/merge', '/api/cases/{id}/unmerge', '/api/cases/{id}/split-suggestions', '/api/cases/{id}/split-suggestions/{suggestionId}/dismiss']) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    expect(JSON.stringify(doc.body.components.schemas.CaseSplitDto)).toContain('messageIds');
    expect(JSON.stringify(doc.body.components.schemas.CaseMergeDto)).toContain('intoCaseId');
  });
});
