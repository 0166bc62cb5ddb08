import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/**
 * One customer whose complaints went to two teams: what each team's agent
 * sees of them, and who may merge and unmerge customers across the boundary.
 */
describe('teams are a boundary', () => {
  let inbox: TestInbox;
  let admin: string;
  let agentA: string;
  let agentB: string;
  let teamA: string;
  let teamB: string;
  const publish = (m: InboundMessage) => inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
  const rowOf = async (m: InboundMessage) =>
    (await inbox.db.query<{ id: string; case_id: string; customer_id: string }>(`SELECT id, case_id, customer_id FROM messages WHERE external_id = $1`, [m.externalId]))[0];

  beforeAll(async () => {
    inbox = await startTestInbox();
    admin = await inbox.login();
    teamA = (await inbox.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Cards' } })).body.id;
    teamB = (await inbox.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Hardship' } })).body.id;
    for (const [name, teamId] of [['a', teamA], ['b', teamB]] as const) {
      await inbox.api('/api/users', { token: admin, body: { email: `${name}@boundary.test`, password: 'boundary-password', name, role: 'agent', teamIds: [teamId] } });
    }
    agentA = await inbox.login('a@boundary.test', 'boundary-password');
    agentB = await inbox.login('b@boundary.test', 'boundary-password');
  });

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
  });

  async function caseIn(teamId: string, m: InboundMessage) {
    await publish(m);
    const row = await rowOf(m);
    expect((await inbox.api(`/api/cases/${row.case_id}/transfer`, { token: admin, body: { teamId } })).status).toBe(200);
    return row;
  }

  it('shows on a case’s timeline only what the viewer may see: never another team’s notes or satisfaction answers, its messages only by policy', async () => {
    const a = await caseIn(teamA, inboundMessage({ sender: { address: '+61444400001' }, text: 'I want to complain: my card was charged a fee twice' }));
    const b = await caseIn(teamB, inboundMessage({ sender: { address: '+61444400002' }, text: 'I want to complain: hardship-secret, I lost my job and cannot pay' }));
    // The same person: an admin merges them, so one customer has a case in each team.
    expect((await inbox.api(`/api/customers/${a.customer_id}/merge`, { token: admin, body: { otherCustomerId: b.customer_id } })).status).toBe(201);
    expect((await inbox.api(`/api/cases/${b.case_id}/notes`, { token: agentB, body: { text: 'note-secret: family violence disclosed' } })).status).toBe(201);
    await inbox.db.query(
      `INSERT INTO case_satisfaction (case_id, customer_id, resolved_at, channel, score, answer_text, answered_at) VALUES ($1, $2, now(), 'sms', 1, 'csat-secret', now())`,
      [b.case_id, a.customer_id],
    );

    const seenByA = await inbox.api<{ timeline: Array<Record<string, unknown>>; messages: Array<Record<string, unknown>> }>(`/api/cases/${a.case_id}`, { token: agentA });
    expect(seenByA.status).toBe(200);
    const textA = JSON.stringify(seenByA.body);
    for (const secret of ['hardship-secret', 'note-secret', 'csat-secret', b.case_id]) expect(textA).not.toContain(secret);
    // The case's own messages come with it, not repeated in the customer's timeline.
    expect(seenByA.body.messages.some((m) => String(m.text).includes('charged a fee twice'))).toBe(true);
    expect(seenByA.body.timeline.some((e) => e.kind === 'message' && String(e.text).includes('charged a fee twice'))).toBe(false);
    // The customer's profile lists only team A's case.
    const profile = await inbox.api<{ cases: Array<{ id: string }> }>(`/api/customers/${a.customer_id}/profile`, { token: agentA });
    expect(profile.body.cases.map((c) => c.id)).toEqual([a.case_id]);

    // Team B's agent and supervisors see all of it.
    const seenByB = JSON.stringify((await inbox.api(`/api/cases/${b.case_id}`, { token: agentB })).body);
    for (const secret of ['hardship-secret', 'note-secret', 'csat-secret']) expect(seenByB).toContain(secret);

    // With the policy on, another team's messages show; its notes and satisfaction answers still never do.
    const open = await startTestInbox({ db: inbox.db, env: { TIMELINE_OTHER_TEAMS_MESSAGES: 'true' } });
    try {
      const token = await open.login('a@boundary.test', 'boundary-password');
      const text = JSON.stringify((await open.api(`/api/cases/${a.case_id}`, { token })).body);
      expect(text).toContain('hardship-secret');
      expect(text).not.toContain('note-secret');
      expect(text).not.toContain('csat-secret');
    } finally {
      await open.close();
    }
  });

  it('lets an agent merge and unmerge customers of their own team, never one of another team, and shows no suggestion across the boundary', async () => {
    const a1 = await caseIn(teamA, inboundMessage({ sender: { address: '+61444400011' }, text: 'I want to complain: my card was charged a fee twice' }));
    const a2 = await caseIn(teamA, inboundMessage({ sender: { address: '+61444400012' }, text: 'I want to complain: my other card was charged a fee twice' }));
    const b1 = await caseIn(teamB, inboundMessage({ sender: { address: '+61444400013' }, text: 'I want to complain: call me on 0444 400 011, my loan is wrong' }));

    // B's customer mentioned A1's phone: a suggestion supervisors see, agent A does not.
    expect((await inbox.api<{ items: unknown[] }>(`/api/customers/${a1.customer_id}/suggestions`, { token: admin })).body.items).toHaveLength(1);
    expect((await inbox.api<{ items: unknown[] }>(`/api/customers/${a1.customer_id}/suggestions`, { token: agentA })).body.items).toEqual([]);

    const across = await inbox.api(`/api/customers/${a1.customer_id}/merge`, { token: agentA, body: { otherCustomerId: b1.customer_id } });
    expect(across).toMatchObject({ status: 404, body: { error: 'customer_not_found' } });
    const within = await inbox.api<{ mergeId: string }>(`/api/customers/${a1.customer_id}/merge`, { token: agentA, body: { otherCustomerId: a2.customer_id } });
    expect(within.status).toBe(201);
    // Team B's agent may not undo team A's merge; team A's agent may.
    expect((await inbox.api(`/api/customer-merges/${within.body.mergeId}/unmerge`, { token: agentB, body: {} })).status).toBe(404);
    expect((await inbox.api(`/api/customer-merges/${within.body.mergeId}/unmerge`, { token: agentA, body: {} })).status).toBe(200);
    const [{ merged_into_id }] = await inbox.db.query<{ merged_into_id: string | null }>(`SELECT merged_into_id FROM customers WHERE id = $1`, [b1.customer_id]);
    expect(merged_into_id).toBeNull();
  });
});
