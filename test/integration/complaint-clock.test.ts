import type { Client } from 'pg';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { addDays, civilDateOf, formatCivilDate } from '@inbox/compliance';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { COMPLIANCE_CLOCK, type ComplianceClock } from '@inbox/complaint-handling';
import { caseSettled, completedSweep, type QueryRows } from '../support/settled';

const DAY = 86_400_000;
const ZONE = 'Australia/Sydney';
/** The civil day (in the firm's zone) an instant falls on, as YYYY-MM-DD. */
const sydneyDay = (at: Date | string) => formatCivilDate(civilDateOf(new Date(at), ZONE));
const daysAfter = (at: Date | string, days: number) => formatCivilDate(addDays(civilDateOf(new Date(at), ZONE), days));

/**
 * The RG 271 clock end to end, through the bus and the HTTP API: an enquiry
 * runs none until a complaint arrives on it; a complaint is never downgraded
 * by a later message, nor by an agent without a reason; escalating,
 * transferring, merging and reopening never reset it; a message that reached
 * us earlier moves its start back, audited.
 */
describe('the complaint clock', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  const rowsOf: QueryRows = async (text, params) => (await sql.query(text, params)).rows;

  beforeAll(async () => {
    // Standard complaints, calendar days, no roll-over: the due day is the receipt day + 30 (README "Deadlines").
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { AUTO_ACKNOWLEDGEMENT: 'false', DEADLINE_ROLL_TO_BUSINESS_DAY: 'false', TIMEZONE: ZONE, REOPEN_WINDOW_DAYS: '14' } }));
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  async function writes(overrides: Partial<InboundMessage>): Promise<{ caseId: string | null; messageId: string; customerId: string }> {
    const message = inboundMessage(overrides);
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
    const [row] = await rowsOf(`SELECT id, case_id, customer_id FROM messages WHERE external_id = $1`, [message.externalId]);
    const { id, case_id: caseId, customer_id: customerId } = row as { id: string; case_id: string | null; customer_id: string };
    return { caseId, messageId: id, customerId };
  }

  const clockOf = async (caseId: string) =>
    (await rowsOf(`SELECT kind, received_at, acknowledge_by, respond_by FROM cases WHERE id = $1`, [caseId]))[0] as {
      kind: string;
      received_at: Date;
      acknowledge_by: Date | null;
      respond_by: Date | null;
    };
  const eventTypes = async (caseId: string) => (await rowsOf(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId])).map((r) => (r as { type: string }).type);

  it('runs no clock on an enquiry; the complaint that arrives on it counts the deadlines from its own day', async () => {
    const phone = '+61412810001';
    const asked = new Date(Date.now() - 10 * DAY);
    const enquiry = await writes({ sender: { address: phone }, text: 'What are your branch opening hours on Saturday?', receivedAt: asked.toISOString() });
    expect(await clockOf(enquiry.caseId!)).toMatchObject({ kind: 'enquiry', acknowledge_by: null, respond_by: null });
    const detail = await inbox.api<any>(`/api/cases/${enquiry.caseId}`, { token: admin });
    expect(detail.body.deadlines).toMatchObject({ acknowledgeBy: null, respondBy: null });

    const complainedAt = new Date();
    const complaint = await writes({
      sender: { address: phone },
      text: 'I went on Saturday and the branch was closed, this is unacceptable and I lost a day',
      receivedAt: complainedAt.toISOString(),
    });
    expect(complaint.caseId).toBe(enquiry.caseId);
    const clock = await clockOf(enquiry.caseId!);
    expect(clock.kind).toBe('complaint');
    // 30 days after the complaint's day, not the enquiry's.
    expect(sydneyDay(clock.respond_by!)).toBe(daysAfter(complainedAt, 30));
    expect(sydneyDay(clock.respond_by!)).not.toBe(daysAfter(asked, 30));
    expect(clock.acknowledge_by!.getTime()).toBeGreaterThanOrEqual(complainedAt.getTime() + DAY - 1000);
  });

  it('never downgrades a complaint because of a later message, nor by an agent without a reason (with one, it is recorded)', async () => {
    const phone = '+61412810002';
    const { caseId } = await writes({ sender: { address: phone }, text: 'You charged my card twice and nobody answers, I want my money back' });
    const before = await clockOf(caseId!);
    expect(before.kind).toBe('complaint');
    for (const text of ['thanks', 'What are your branch opening hours on Saturday?', 'Great service from Anna at the branch today, thank you!']) {
      const later = await writes({ sender: { address: phone }, text });
      expect(later.caseId).toBe(caseId);
    }
    // The later messages were read as something else, and the case is still the same complaint on the same clock.
    const kinds = (await rowsOf(`SELECT classification->>'kind' AS kind FROM messages WHERE case_id = $1 AND direction = 'inbound' ORDER BY received_at`, [caseId])).map(
      (r) => (r as { kind: string }).kind,
    );
    expect(kinds.slice(1).some((k) => k !== 'complaint')).toBe(true);
    expect(await clockOf(caseId!)).toEqual(before);

    const noReason = await inbox.api<any>(`/api/cases/${caseId}/classification`, { method: 'PATCH', token: admin, body: { kind: 'enquiry' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toBe('reason_required');
    expect(await clockOf(caseId!)).toEqual(before);
    expect(await eventTypes(caseId!)).not.toContain('classification.corrected');

    const reasoned = await inbox.api<any>(`/api/cases/${caseId}/classification`, {
      method: 'PATCH',
      token: admin,
      body: { kind: 'enquiry', reason: 'The customer only asked how to read the statement' },
    });
    expect(reasoned.status).toBe(200);
    const [corrected] = await rowsOf(`SELECT payload->'data' AS data, actor_user_id FROM case_events WHERE case_id = $1 AND type = 'classification.corrected'`, [caseId]);
    expect(corrected).toMatchObject({ data: { reason: 'The customer only asked how to read the statement', to: { kind: 'enquiry' } }, actor_user_id: expect.any(String) });
  });

  it('keeps the clock through escalation, transfer, merges and reopening, each of them audited', async () => {
    const { caseId, customerId } = await writes({
      sender: { address: '+61412810003' },
      text: 'My home loan repayment was taken twice this month, fix it',
      receivedAt: new Date(Date.now() - 2 * DAY).toISOString(),
    });
    const clock = await clockOf(caseId!);
    expect(clock.kind).toBe('complaint');
    const unchanged = async (step: string) => {
      expect({ step, clock: await clockOf(caseId!) }).toEqual({ step, clock });
      const compliance = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin });
      expect({ step, start: compliance.body.clockStartedAt, due: compliance.body.respondBy }).toEqual({ step, start: clock.received_at.toISOString(), due: clock.respond_by!.toISOString() });
    };

    expect((await inbox.api(`/api/cases/${caseId}/escalate`, { token: admin, body: { to: 'supervisors', reason: 'Customer threatens to go to AFCA' } })).status).toBe(200);
    await unchanged('escalated');

    const team = await inbox.api<any>('/api/teams', { token: admin, body: { name: 'Home loans' } });
    expect((await inbox.api(`/api/cases/${caseId}/transfer`, { token: admin, body: { teamId: team.body.id, reason: 'home loans handle it' } })).status).toBe(200);
    await unchanged('transferred');

    const resolved = await inbox.api<any>(`/api/cases/${caseId}/resolve`, {
      token: admin,
      body: { outcome: 'withdrawn', closureState: 'withdrawn', reasons: 'The customer withdrew the complaint on the phone.' },
    });
    expect(resolved.status).toBe(200);
    expect((await inbox.api(`/api/cases/${caseId}/reopen`, { token: admin, body: { reason: 'The customer wants to go on after all' } })).status).toBe(200);
    await unchanged('reopened by an agent');

    expect((await inbox.api(`/api/cases/${caseId}/resolve`, { token: admin, body: { outcome: 'withdrawn', closureState: 'withdrawn', reasons: 'Withdrawn again.' } })).status).toBe(200);
    const again = await writes({ sender: { address: '+61412810003' }, text: 'It happened again this month, the repayment was taken twice' });
    expect(again.caseId).toBe(caseId);
    await unchanged('reopened by the customer');

    // Another customer (another number) with their own complaint, merged into this one: both cases keep their clocks.
    const other = await writes({ sender: { address: '+61412810004' }, text: 'The same repayment problem: you took my loan payment twice', receivedAt: new Date(Date.now() - DAY).toISOString() });
    const otherClock = await clockOf(other.caseId!);
    const merged = await inbox.api<any>(`/api/customers/${customerId}/merge`, { token: admin, body: { otherCustomerId: other.customerId } });
    expect(merged.status).toBe(201);
    await unchanged('merged');
    expect(await clockOf(other.caseId!)).toEqual(otherClock);

    const types = await eventTypes(caseId!);
    expect(types).toEqual(expect.arrayContaining(['case.escalated', 'case.transferred', 'customer.merged', 'case.resolved', 'case.reopened']));
    expect(types.filter((t) => t === 'case.reopened')).toHaveLength(2);
    await caseSettled(rowsOf, caseId!);
    expect(types).not.toContain('deadline.changed');
    expect(await eventTypes(caseId!)).not.toContain('deadline.changed');
  });

  it('moves the start back to a message that reached us earlier, on another channel, audited; a later one never moves it', async () => {
    const phone = '+61412810005';
    const { caseId } = await writes({ sender: { address: phone }, text: 'You closed my account without telling me, I want an explanation' });
    const first = await clockOf(caseId!);
    // The same number on WhatsApp (one customer), with a message sent three days ago that was delayed on the way.
    const earlier = new Date(first.received_at.getTime() - 3 * DAY);
    const delayed = await writes({
      channel: 'whatsapp',
      account: 'PN-CLOCK',
      sender: { address: phone },
      text: 'Why was my account closed? Nobody told me anything',
      receivedAt: earlier.toISOString(),
    });
    expect(delayed.caseId).toBe(caseId);
    await caseSettled(rowsOf, caseId!);
    const moved = await clockOf(caseId!);
    expect(moved.received_at.toISOString()).toBe(earlier.toISOString());
    expect(sydneyDay(moved.respond_by!)).toBe(daysAfter(earlier, 30));

    const audit = await inbox.api<any>(`/api/compliance/audit?caseId=${caseId}`, { token: admin });
    const change = audit.body.items.filter((a: any) => a.action === 'deadline.changed');
    expect(change).toHaveLength(1);
    expect(change[0]).toMatchObject({
      reason: expect.stringContaining('earlier contact'),
      data: { from: { receivedAt: first.received_at.toISOString(), respondBy: first.respond_by!.toISOString() }, to: { receivedAt: earlier.toISOString() } },
    });
    expect(await eventTypes(caseId!)).toContain('deadline.changed');

    // A message from between the two: after the start, so the clock stays where it is.
    await writes({ sender: { address: phone }, text: 'Still waiting for an answer about my account', receivedAt: new Date(earlier.getTime() + DAY).toISOString() });
    await caseSettled(rowsOf, caseId!);
    expect(await clockOf(caseId!)).toEqual(moved);
    const after = await inbox.api<any>(`/api/compliance/audit?caseId=${caseId}`, { token: admin });
    expect(after.body.items.filter((a: any) => a.action === 'deadline.changed')).toHaveLength(1);
  });

  it('flags an acknowledgement not sent by its deadline as breached, once, while the IDR deadline is still on track', async () => {
    // This inbox sends no automatic acknowledgement (AUTO_ACKNOWLEDGEMENT=false), so one is owed.
    const { caseId } = await writes({ sender: { address: '+61412810006' }, text: 'Nobody has called me back about my insurance claim, I am very unhappy' });
    const clock = await clockOf(caseId!);
    jest.spyOn(inbox.app.get<ComplianceClock>(COMPLIANCE_CLOCK), 'now').mockReturnValue(new Date(clock.acknowledge_by!.getTime() + 60_000));
    await completedSweep(inbox.app);
    await completedSweep(inbox.app);
    const breaches = (await rowsOf(`SELECT payload->'data'->>'deadline' AS deadline FROM case_events WHERE case_id = $1 AND type = 'deadline.breached'`, [caseId])).map(
      (r) => (r as { deadline: string }).deadline,
    );
    expect(breaches).toEqual(['acknowledgement']);
    const compliance = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin });
    expect(compliance.body.acknowledgedAt).toBeNull();
  });
});
