import type { Client } from 'pg';
import { TOPICS, type CaseEvent, type CaseEventOf, type InboundMessage } from '@inbox/contracts';
import { connectAgentClient, type AgentClient } from '../support/agent-client';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { caseSettled } from '../support/settled';

/**
 * What follows a resolution: the satisfaction question on the customer's own
 * channel and its answer recorded on the case; the resolution saved to the
 * knowledge base and found again from another case; reopening.
 */
describe('after a resolution: satisfaction, knowledge base, reopen', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let agent: AgentClient;

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } }));
    agent = await connectAgentClient(inbox.url, admin);
  });

  afterAll(async () => {
    agent?.close();
    await stopInboxSession({ inbox, sql });
  });

  async function customerWrites(overrides: Partial<InboundMessage>): Promise<{ caseId: string | null; messageId: string }> {
    const message = inboundMessage(overrides);
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
    const { rows } = await sql.query(`SELECT id, case_id FROM messages WHERE external_id = $1`, [message.externalId]);
    return { caseId: rows[0].case_id, messageId: rows[0].id };
  }

  const resolve = (caseId: string, body: Record<string, unknown> = {}) =>
    inbox.api<any>(`/api/cases/${caseId}/resolve`, {
      token: admin,
      body: { outcome: 'upheld', closureState: 'resolved', reasons: 'We refunded the duplicate card charge and fixed the billing error.', remedies: [{ type: 'fee_refund_or_waiver' }], ...body },
    });

  it('asks the customer once, on their channel, and records a 1–5 answer on the case as a rating, without opening a new one', async () => {
    const { caseId } = await customerWrites({ sender: { address: '+61412400001', displayName: 'Hana Rate' }, text: 'You charged my card twice' });
    expect((await resolve(caseId!)).status).toBe(200);
    const requested = await agent.waitFor<CaseEvent>('satisfaction.requested', (e) => e.caseId === caseId);
    expect(requested.data).toMatchObject({ channel: 'sms' });
    const { rows: questions } = await sql.query(
      `SELECT m.channel, m.text, m.sender_address FROM case_satisfaction s JOIN messages m ON m.id = s.question_message_id WHERE s.case_id = $1`,
      [caseId],
    );
    expect(questions).toEqual([{ channel: 'sms', text: expect.stringMatching(/1.*5/), sender_address: '+61412400001' }]);

    const answer = await customerWrites({ sender: { address: '+61412400001' }, text: '5' });
    expect(answer.caseId).toBe(caseId);
    const recorded = await agent.waitFor<CaseEvent>('satisfaction.recorded', (e) => e.caseId === caseId);
    expect(recorded.data).toMatchObject({ score: 5 });
    const { rows } = await sql.query(
      `SELECT c.status, (SELECT count(*)::int FROM cases x WHERE x.customer_id = c.customer_id) AS cases, s.score
         FROM cases c JOIN case_satisfaction s ON s.case_id = c.id WHERE c.id = $1`,
      [caseId],
    );
    expect(rows).toEqual([{ status: 'resolved', cases: 1, score: 5 }]);
    // The message is kept as what it is, a rating, not as the noise its bare text would read as.
    const { rows: stored } = await sql.query(`SELECT (classification->>'satisfactionScore')::int AS rating FROM messages WHERE case_id = $1 AND direction = 'inbound' AND text = '5'`, [caseId]);
    expect(stored).toEqual([{ rating: 5 }]);
    const detail = await inbox.api<any>(`/api/cases/${caseId}`, { token: admin });
    expect(detail.body.timeline.filter((t: any) => t.kind === 'satisfaction')).toEqual([expect.objectContaining({ score: 5, answer: '5', channel: 'sms' })]);
    expect(detail.body.satisfaction).toEqual([expect.objectContaining({ score: 5, channel: 'sms', answeredAt: expect.any(String) })]);
    expect(detail.body.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['case.resolved', 'satisfaction.requested', 'satisfaction.recorded']));

    // A second "4" is not a second answer: it goes through normal intake.
    await customerWrites({ sender: { address: '+61412400001' }, text: '4' });
    expect((await sql.query(`SELECT score FROM case_satisfaction WHERE case_id = $1`, [caseId])).rows).toEqual([{ score: 5 }]);
    const recordedEvents = await sql.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'satisfaction.recorded'`, [caseId]);
    expect(recordedEvents.rows[0].n).toBe(1);
  });

  it('reads a Russian word as the score and asks in Russian', async () => {
    const { caseId } = await customerWrites({ sender: { address: '+61412400002' }, text: 'С моей карты дважды списали деньги' });
    expect((await resolve(caseId!, { language: 'ru' })).status).toBe(200);
    await agent.waitFor<CaseEvent>('satisfaction.requested', (e) => e.caseId === caseId);
    const { rows } = await sql.query(`SELECT m.text FROM case_satisfaction s JOIN messages m ON m.id = s.question_message_id WHERE s.case_id = $1`, [caseId]);
    expect(rows[0].text).toMatch(/от 1.*до 5/);
    await customerWrites({ sender: { address: '+61412400002' }, text: 'Четыре' });
    await agent.waitFor<CaseEventOf<'satisfaction.recorded'>>('satisfaction.recorded', (e) => e.caseId === caseId && e.data?.score === 4);
  });

  it('does not ask after a withdrawn complaint, and asks again only after a new resolution', async () => {
    const withdrawn = await customerWrites({ sender: { address: '+61412400003' }, text: 'My statement is wrong' });
    expect((await resolve(withdrawn.caseId!, { outcome: 'withdrawn', closureState: 'withdrawn', reasons: 'The customer withdrew it.' })).status).toBe(200);
    const reopenable = await customerWrites({ sender: { address: '+61412400004' }, text: 'My statement is wrong too' });
    expect((await resolve(reopenable.caseId!)).status).toBe(200);
    await agent.waitFor<CaseEvent>('satisfaction.requested', (e) => e.caseId === reopenable.caseId);
    // Every reaction to the withdrawn case's resolution has run (the satisfaction trigger included): it asked nothing.
    await caseSettled(async (text, params) => (await sql.query(text, params)).rows, withdrawn.caseId!);
    expect((await sql.query(`SELECT count(*)::int AS n FROM case_satisfaction WHERE case_id = $1`, [withdrawn.caseId])).rows[0].n).toBe(0);

    const reopened = await inbox.api<any>(`/api/cases/${reopenable.caseId}/reopen`, { token: admin, body: { reason: 'Refund did not arrive' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body.case.status).toBe('open');
    await agent.waitFor<CaseEventOf<'case.reopened'>>('case.reopened', (e) => e.caseId === reopenable.caseId && e.data?.reason === 'Refund did not arrive');
    expect((await inbox.api<any>(`/api/cases/${reopenable.caseId}/reopen`, { token: admin, body: {} })).body.error).toBe('case_not_closed');
    expect((await resolve(reopenable.caseId!)).status).toBe(200);
    await agent.waitFor<CaseEvent>('satisfaction.requested', (e) => e.caseId === reopenable.caseId && e.seq > reopened.body.event.seq);
    expect((await sql.query(`SELECT count(*)::int AS n FROM case_satisfaction WHERE case_id = $1`, [reopenable.caseId])).rows[0].n).toBe(2);
  });

  it('saves a resolution as a knowledge-base article and finds it from another case (English and Russian, stemmed), lists and edits articles', async () => {
    const resolved = await customerWrites({ sender: { address: '+61412400005' }, text: 'Duplicate charge on my credit card' });
    const open = await customerWrites({ sender: { address: '+61412400006' }, text: 'I see two charges for one purchase on my card' });
    expect((await inbox.api<any>(`/api/cases/${open.caseId}/knowledge`, { token: admin, body: { title: 'x' } })).body.error).toBe('case_not_resolved');
    expect((await resolve(resolved.caseId!)).status).toBe(200);
    const saved = await inbox.api<any>(`/api/cases/${resolved.caseId}/knowledge`, { token: admin, body: { title: 'Duplicate card charges' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ title: 'Duplicate card charges', sourceCaseId: resolved.caseId, body: expect.stringContaining('refunded the duplicate card charge') });
    expect(saved.body.body).toMatch(/fee refund or waiver/);
    await agent.waitFor<CaseEventOf<'knowledge.saved'>>('knowledge.saved', (e) => e.caseId === resolved.caseId && e.data?.articleId === saved.body.id);
    expect((await inbox.api<any>(`/api/cases/${resolved.caseId}/knowledge`, { token: admin, body: { title: 'again' } })).status).toBe(409);
    await inbox.api('/api/knowledge', { token: admin, body: { title: 'Интернет-банк не работает', body: 'Сбой входа в интернет-банк исправлен; посоветуйте очистить кэш.' } });

    const typed = await inbox.api<any>(`/api/knowledge?q=${encodeURIComponent('charged cards')}`, { token: admin });
    expect(typed.body.items.map((a: any) => a.id)).toEqual([saved.body.id]);
    const fromCase = await inbox.api<any>(`/api/cases/${open.caseId}/knowledge`, { token: admin });
    expect(fromCase.body.items[0]).toMatchObject({ id: saved.body.id, sourceCaseReference: expect.stringMatching(/^C-/) });
    const russian = await inbox.api<any>(`/api/knowledge?q=${encodeURIComponent('сбоя входа')}`, { token: admin });
    expect(russian.body.items.map((a: any) => a.title)).toEqual(['Интернет-банк не работает']);
    expect((await inbox.api<any>('/api/knowledge?q=mortgage', { token: admin })).body.items).toEqual([]);
    // Without a query: the newest articles with how many there are (the knowledge base screen).
    const latest = await inbox.api<any>('/api/knowledge', { token: admin });
    expect([latest.status, latest.body.total, latest.body.items.map((a: any) => a.title)]).toEqual([200, 2, ['Интернет-банк не работает', 'Duplicate card charges']]);
    // Any article is edited, also one saved from a case; an agent may not.
    const edited = await inbox.api<any>(`/api/knowledge/${saved.body.id}`, { method: 'PATCH', token: admin, body: { body: 'Refund the duplicate charge and apologise.' } });
    expect(edited.body).toMatchObject({ title: 'Duplicate card charges', body: 'Refund the duplicate charge and apologise.', sourceCaseId: resolved.caseId });
  });
});
