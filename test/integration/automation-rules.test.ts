import type { Client } from 'pg';
import { TOPICS } from '@inbox/contracts';
import { AutomationScheduler } from '@inbox/workspace';
import { complaintMessage } from '../support/builders/messages';
import { caseSettled } from '../support/settled';
import { inboundMessage, startInboxSession, startTestInbox, stopInboxSession, type TestInbox } from '../support/test-inbox';

const ENQUIRY = 'What are your branch opening hours on Saturday?';

/**
 * Automation end to end on real PostgreSQL: an event rule tags, notifies and sets the priority once, and a
 * rule started by another rule's tag does not start on its own; a time rule (unassigned for 2 hours) fires
 * once when the scheduler's clock passes; the out-of-hours reply goes once per closed period to an enquiry at
 * night, and neither to a complaint nor during the team's hours.
 */
describe('automation rules and business hours', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let defaultTeam: string;
  let ann: string;

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { DEADLINE_SCHEDULER_INTERVAL_MS: '3600000' } }));
    defaultTeam = (await sql.query(`SELECT id FROM teams WHERE is_default`)).rows[0].id;
    const made = await inbox.api<any>('/api/users', { token: admin, body: { email: 'ann@test.local', password: 'agent-password-1', name: 'Ann Lee', role: 'agent', teamIds: [defaultTeam] } });
    expect(made.status).toBe(201);
    ann = made.body.id;
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  let senders = 0;
  /** Publishes a message from a new (or the given) customer and gives its case once every reaction to it is over. */
  async function send(overrides: Parameters<typeof inboundMessage>[0] = {}): Promise<{ caseId: string; sender: string }> {
    const message = inboundMessage({ sender: { address: `+6141280${String(++senders).padStart(4, '0')}` }, text: ENQUIRY, ...overrides });
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
    const caseId = (await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId])).rows[0].case_id as string;
    await caseSettled((q, p) => sql.query(q, p).then((r) => r.rows), caseId);
    return { caseId, sender: message.sender.address };
  }

  async function rule(body: unknown): Promise<string> {
    const made = await inbox.api<any>('/api/automation-rules', { token: admin, body });
    expect(made.status).toBe(201);
    return made.body.id;
  }

  const disable = (id: string) => inbox.api(`/api/automation-rules/${id}`, { method: 'PATCH', token: admin, body: { enabled: false } });

  it('refuses a rule that cannot work, saying what to fix', async () => {
    const res = await inbox.api<any>('/api/automation-rules', { token: admin, body: { name: 'Nothing', trigger: { type: 'event', event: 'case.created' }, actions: [] } });
    expect([res.status, res.body.error, res.body.message]).toEqual([400, 'invalid_rule', 'A rule needs at least one action']);
  });

  it('runs an event rule once: tags, notifies a colleague, sets the priority, and shows the run on the case and in its log', async () => {
    const tagger = await rule({
      name: 'Enquiries by SMS',
      trigger: { type: 'event', event: 'message.received' },
      conditions: { kinds: ['enquiry'], channels: ['sms'] },
      actions: [
        { type: 'add_tag', tag: 'Enquiry' },
        { type: 'notify', userId: ann, message: 'An SMS enquiry to look at' },
        { type: 'set_priority', priority: 2 },
      ],
    });
    // Started by the first rule's tag; its own tag must not start it again.
    const echo = await rule({ name: 'Echo a tag', trigger: { type: 'event', event: 'tag.added' }, actions: [{ type: 'add_tag', tag: 'Seen by rules' }] });

    const { caseId } = await send();
    const runs = (await sql.query(`SELECT rule_id, results FROM rule_runs WHERE case_id = $1 ORDER BY ran_at`, [caseId])).rows;
    expect(runs.map((r) => r.rule_id)).toEqual([tagger, echo]);
    expect(runs[0].results).toEqual([
      { action: 'add_tag', result: 'done', detail: 'Enquiry' },
      { action: 'notify', result: 'done', detail: 'to Ann Lee' },
      { action: 'set_priority', result: 'done', detail: 'P2' },
    ]);
    const tags = (await sql.query(`SELECT t.name FROM case_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.case_id = $1 ORDER BY t.name`, [caseId])).rows.map((r) => r.name);
    expect(tags).toEqual(['Enquiry', 'Seen by rules']);
    expect((await sql.query(`SELECT priority FROM cases WHERE id = $1`, [caseId])).rows[0].priority).toBe(2);

    const notifications = (await sql.query(`SELECT kind, title, body FROM staff_notifications WHERE user_id = $1 AND case_id = $2`, [ann, caseId])).rows;
    expect(notifications).toEqual([{ kind: 'rule', title: expect.stringContaining('rule “Enquiries by SMS”'), body: 'An SMS enquiry to look at' }]);

    // On the case's timeline: the run, and its actions written by no one (the inbox itself).
    const detail = await inbox.api<any>(`/api/cases/${caseId}`, { token: admin });
    const history = JSON.stringify(detail.body);
    expect(history).toContain('"rule.ran"');
    const events = (await sql.query(`SELECT type, actor_user_id FROM case_events WHERE case_id = $1 AND type IN ('case.tagged', 'rule.ran')`, [caseId])).rows;
    expect(events.every((e) => e.actor_user_id === null)).toBe(true);

    const log = await inbox.api<any>(`/api/automation-rules/${tagger}/runs`, { token: admin });
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual([expect.objectContaining({ caseId, caseReference: expect.stringMatching(/^C-/), cause: 'a message came in', finished: true })]);

    // The same customer writes again: a new event, a new run; the tag already there is skipped, not doubled.
    await send({ sender: { address: `+6141280${String(senders).padStart(4, '0')}` } });
    const again = (await sql.query(`SELECT results FROM rule_runs WHERE case_id = $1 AND rule_id = $2 ORDER BY ran_at`, [caseId, tagger])).rows;
    expect(again).toHaveLength(2);
    expect(again[1].results[0]).toMatchObject({ action: 'add_tag', result: 'skipped' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM rule_runs WHERE case_id = $1 AND rule_id = $2`, [caseId, echo])).rows[0].n).toBe(1);

    await disable(tagger);
    await disable(echo);
  });

  it('tags, when a field changes, only the case whose field matches the rule’s field condition', async () => {
    const define = async (body: Record<string, unknown>) => {
      const res = await inbox.api<any>('/api/custom-fields', { token: admin, body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const product = await define({ key: 'rule_product', label: 'Rule product', kind: 'list', appliesTo: 'case', options: ['Home loan', 'Credit card'] });
    const amount = await define({ key: 'rule_amount', label: 'Rule amount', kind: 'number', appliesTo: 'case' });
    const loans = await rule({
      name: 'Big home loan disputes',
      trigger: { type: 'event', event: 'field.changed' },
      conditions: { fields: [{ fieldId: product, equals: 'home loan' }, { fieldId: amount, min: 1000 }] },
      actions: [{ type: 'add_tag', tag: 'Home loan review' }],
    });
    const setField = async (caseId: string, fieldId: string, value: unknown) => {
      expect((await inbox.api(`/api/cases/${caseId}/fields/${fieldId}`, { method: 'PUT', token: admin, body: { value } })).status).toBe(200);
      await caseSettled((q, p) => sql.query(q, p).then((r) => r.rows), caseId);
    };
    const tagged = async (caseId: string) =>
      (await sql.query(`SELECT t.name FROM case_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.case_id = $1 AND t.name = 'Home loan review'`, [caseId])).rows.length > 0;

    const loan = await send();
    const card = await send();
    await setField(loan.caseId, product, 'Home loan');
    // One condition of two holds: not yet.
    expect(await tagged(loan.caseId)).toBe(false);
    await setField(loan.caseId, amount, 2500);
    await setField(card.caseId, product, 'Credit card');
    await setField(card.caseId, amount, 2500);
    expect([await tagged(loan.caseId), await tagged(card.caseId)]).toEqual([true, false]);
    const runs = (await sql.query(`SELECT case_id, cause FROM rule_runs WHERE rule_id = $1`, [loans])).rows;
    expect(runs).toEqual([{ case_id: loan.caseId, cause: 'a field changed' }]);

    // A field archived after the rule was saved stays in it (an edit may keep it); a new rule may not start to depend on it.
    expect((await inbox.api(`/api/custom-fields/${amount}`, { method: 'PATCH', token: admin, body: { archived: true } })).status).toBe(200);
    expect((await disable(loans)).status).toBe(200);
    const refused = await inbox.api<any>('/api/automation-rules', {
      token: admin,
      body: { name: 'On an archived field', trigger: { type: 'event', event: 'field.changed' }, conditions: { fields: [{ fieldId: amount, max: 10 }] }, actions: [{ type: 'add_tag', tag: 'x' }] },
    });
    expect([refused.status, refused.body.error, refused.body.message]).toEqual([400, 'field_archived', 'Rule amount is archived: a rule cannot start to depend on it']);
    const badValue = await inbox.api<any>('/api/automation-rules', {
      token: admin,
      body: { name: 'Car loans', trigger: { type: 'event', event: 'case.created' }, conditions: { fields: [{ fieldId: product, equals: 'Car loan' }] }, actions: [{ type: 'add_tag', tag: 'x' }] },
    });
    expect([badValue.status, badValue.body.message]).toEqual([400, 'Rule product takes one of: Home loan, Credit card']);
  });

  it('fires a time rule “unassigned for 2 hours” once, when the clock passes the two hours', async () => {
    const waiting = await rule({
      name: 'Unassigned complaints',
      trigger: { type: 'time', condition: 'unassigned', amount: 2, unit: 'hours' },
      conditions: { kinds: ['complaint'] },
      actions: [
        { type: 'add_tag', tag: 'Waiting' },
        { type: 'send_reply', text: 'Sorry for the wait: {{case.reference}} is with our team now.' },
        { type: 'assign', assigneeId: ann },
        { type: 'escalate', reason: 'Unassigned for two hours' },
      ],
    });
    const { caseId } = await send({ text: complaintMessage().text });
    const scheduler = inbox.app.get(AutomationScheduler);
    const runsOnCase = async () => (await sql.query(`SELECT count(*)::int AS n FROM rule_runs WHERE case_id = $1 AND rule_id = $2`, [caseId, waiting])).rows[0].n;

    await scheduler.sweep(new Date(Date.now() + 2 * 3600_000 - 60_000));
    expect(await runsOnCase()).toBe(0);
    await scheduler.sweep(new Date(Date.now() + 2 * 3600_000 + 60_000));
    expect(await runsOnCase()).toBe(1);
    await scheduler.sweep(new Date(Date.now() + 5 * 3600_000));
    await scheduler.sweep(new Date(Date.now() + 30 * 3600_000));
    expect(await runsOnCase()).toBe(1);

    await caseSettled((q, p) => sql.query(q, p).then((r) => r.rows), caseId);
    const row = (await sql.query(`SELECT status, assignee_id, reference FROM cases WHERE id = $1`, [caseId])).rows[0];
    expect(row).toMatchObject({ status: 'escalated', assignee_id: ann });
    // The reply went out through the normal reply path, on the case's channel, written by no staff member.
    const replies = (await sql.query(`SELECT text, channel, author_user_id FROM messages WHERE case_id = $1 AND direction = 'outbound' AND text LIKE 'Sorry for the wait%'`, [caseId])).rows;
    expect(replies).toEqual([{ text: `Sorry for the wait: ${row.reference} is with our team now.`, channel: 'sms', author_user_id: null }]);
    const ran = (await sql.query(`SELECT payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = 'rule.ran'`, [caseId])).rows;
    expect(ran).toEqual([{ data: expect.objectContaining({ ruleName: 'Unassigned complaints', cause: 'unassigned for 2 hours' }) }]);
    expect(ran[0].data.results.map((r: { result: string }) => r.result)).toEqual(['done', 'done', 'done', 'done']);
    await disable(waiting);
  });

  it('answers an enquiry at night once per closed period, and neither a complaint at night nor an enquiry in business hours', async () => {
    const nineToFive = [{ open: '09:00', close: '17:00' }];
    const set = await inbox.api<any>(`/api/business-hours/${defaultTeam}`, {
      method: 'PUT',
      token: admin,
      body: { weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive } },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ teamId: defaultTeam, outOfHoursReply: true, weekly: { sat: [], mon: nineToFive } });

    const outbound = async (caseId: string) =>
      (await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound' ORDER BY created_at`, [caseId])).rows.map((r) => r.text as string);

    // Tuesday 3 March 2026, 23:00 in Sydney, then 23:30 the same night.
    const night = await send({ receivedAt: '2026-03-03T12:00:00Z' });
    await send({ sender: { address: night.sender }, text: 'Also, are you open on Sunday?', receivedAt: '2026-03-03T12:30:00Z' });
    expect(await outbound(night.caseId)).toEqual([expect.stringContaining('opens again on Wednesday 4 March at 9:00 am')]);
    // The next night is another closed period: one more reply.
    await send({ sender: { address: night.sender }, text: 'Is the Saturday time the same at every branch?', receivedAt: '2026-03-04T12:00:00Z' });
    expect(await outbound(night.caseId)).toHaveLength(2);
    const events = (await sql.query(`SELECT payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = 'message.created' AND payload->'message'->>'direction' = 'outbound'`, [night.caseId])).rows;
    expect(events.every((e) => e.data?.outOfHoursReply === true)).toBe(true);

    // A complaint at night gets the RG 271 acknowledgement, not the out-of-hours reply.
    const complaint = await send({ text: complaintMessage().text, receivedAt: '2026-03-03T12:10:00Z' });
    expect((await outbound(complaint.caseId)).some((t) => t.includes('opens again'))).toBe(false);
    expect(await outbound(complaint.caseId)).toHaveLength(1);

    // Wednesday 4 March, 10:00 in Sydney: open, no reply.
    const day = await send({ receivedAt: '2026-03-03T23:00:00Z' });
    expect(await outbound(day.caseId)).toEqual([]);

    const list = await inbox.api<any>('/api/business-hours', { token: admin });
    expect(list.body.items.find((t: { teamId: string }) => t.teamId === defaultTeam)).toMatchObject({ outOfHoursReply: true, weekly: expect.any(Object) });
  });

  it('counts “no agent reply for 1 business hour” in the team’s open time, over the weekend', async () => {
    // The default team keeps Monday–Friday 09:00–17:00 (set above).
    const chase = await rule({
      name: 'Chase unanswered enquiries',
      trigger: { type: 'time', condition: 'no_agent_reply', amount: 1, unit: 'business_hours' },
      conditions: { kinds: ['enquiry'], tags: [] },
      actions: [{ type: 'notify', teamId: defaultTeam, message: 'An enquiry waits for an answer' }],
    });
    // Friday 6 March 2026, 16:30 in Sydney: half an open hour left that day, the other half on Monday.
    const { caseId } = await send({ receivedAt: '2026-03-06T05:30:00Z' });
    const scheduler = inbox.app.get(AutomationScheduler);
    const runs = async () => (await sql.query(`SELECT cause FROM rule_runs WHERE case_id = $1 AND rule_id = $2`, [caseId, chase])).rows;
    await scheduler.sweep(new Date('2026-03-07T02:00:00Z')); // Saturday
    await scheduler.sweep(new Date('2026-03-08T22:20:00Z')); // Monday 09:20
    expect(await runs()).toEqual([]);
    await scheduler.sweep(new Date('2026-03-08T22:31:00Z')); // Monday 09:31
    await scheduler.sweep(new Date('2026-03-09T22:31:00Z'));
    expect(await runs()).toEqual([{ cause: 'no agent reply for 1 business hour' }]);
    await caseSettled((q, p) => sql.query(q, p).then((r) => r.rows), caseId);
    const told = (await sql.query(`SELECT kind, body FROM staff_notifications WHERE case_id = $1 AND user_id = $2`, [caseId, ann])).rows;
    expect(told).toEqual([{ kind: 'rule', body: 'An enquiry waits for an answer' }]);
    await disable(chase);
  });

  it('reminds a customer once after 3 days without their reply, and its own reminder does not start the wait again', async () => {
    const remind = await rule({
      name: 'Remind a silent customer',
      trigger: { type: 'time', condition: 'no_customer_reply', amount: 3, unit: 'days' },
      conditions: { kinds: ['enquiry'] },
      actions: [{ type: 'send_reply', text: 'Did our answer help? Reply here if you need anything more ({{case.reference}}).' }],
    });
    const { caseId } = await send({ receivedAt: new Date(Date.now() - 60_000).toISOString() });
    expect((await inbox.api(`/api/cases/${caseId}/replies`, { token: admin, body: { text: 'Our branches open 9 to 12 on Saturdays.' } })).status).toBe(201);
    await caseSettled((q, p) => sql.query(q, p).then((r) => r.rows), caseId);
    const scheduler = inbox.app.get(AutomationScheduler);
    const reminders = async () => (await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound' AND text LIKE 'Did our answer help%'`, [caseId])).rows;
    const day = 86_400_000;
    await scheduler.sweep(new Date(Date.now() + 3 * day - 60_000));
    expect(await reminders()).toEqual([]);
    await scheduler.sweep(new Date(Date.now() + 3 * day + 60_000));
    await caseSettled((q, p) => sql.query(q, p).then((r) => r.rows), caseId);
    // Later rounds, past another three days after the reminder: still one.
    await scheduler.sweep(new Date(Date.now() + 7 * day));
    await scheduler.sweep(new Date(Date.now() + 12 * day));
    expect(await reminders()).toHaveLength(1);
    await disable(remind);
  });

  it('runs the time rules from one leader: a second process on the database stands by', async () => {
    const standby = await startTestInbox({ env: { DEADLINE_SCHEDULER_INTERVAL_MS: '3600000' }, db: inbox.db });
    try {
      const flagged = await rule({
        name: 'Flag waiting cases',
        trigger: { type: 'time', condition: 'unassigned', amount: 1, unit: 'hours' },
        conditions: { tags: ['Leader test'] },
        actions: [{ type: 'set_priority', priority: 1 }],
      });
      const { caseId } = await send();
      expect((await inbox.api(`/api/cases/${caseId}/tags`, { token: admin, body: { name: 'Leader test' } })).status).toBe(201);
      const later = new Date(Date.now() + 2 * 3600_000);
      await standby.app.get(AutomationScheduler).tick(later);
      expect(standby.app.get(AutomationScheduler).isLeader).toBe(false);
      expect((await sql.query(`SELECT count(*)::int AS n FROM rule_runs WHERE rule_id = $1`, [flagged])).rows[0].n).toBe(0);
      await inbox.app.get(AutomationScheduler).tick(later);
      expect(inbox.app.get(AutomationScheduler).isLeader).toBe(true);
      expect((await sql.query(`SELECT case_id FROM rule_runs WHERE rule_id = $1`, [flagged])).rows).toEqual([{ case_id: caseId }]);
      await disable(flagged);
    } finally {
      await standby.close();
    }
  });

  it('documents the rule and business-hours endpoints in OpenAPI', async () => {
    const docs = await inbox.api<{ paths: Record<string, unknown> }>('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/automation-rules', '/api/automation-rules/{ruleId}', '/api/automation-rules/{ruleId}/runs', '/api/business-hours', '/api/business-hours/{teamId}']),
    );
  });
});
