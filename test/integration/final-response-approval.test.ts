import { TOPICS } from '@inbox/contracts';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/**
 * FINAL_RESPONSE_APPROVAL=true: the holder of a case proposes its final
 * response; a supervisor sees exactly what it sends, and approves it (sent as
 * the supervisor's resolve) or returns it with a note. Nobody else sends one.
 */
describe('final responses approved by a supervisor', () => {
  let inbox: TestInbox;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { FINAL_RESPONSE_APPROVAL: 'true' } });
    const admin = await inbox.login();
    const [{ id: teamId }] = await inbox.db.query<{ id: string }>(`SELECT id FROM teams WHERE is_default`);
    for (const [email, role] of [['agent@approval.test', 'agent'], ['supervisor@approval.test', 'supervisor']] as const) {
      expect((await inbox.api('/api/users', { token: admin, body: { email, password: 'approval-password', name: role, role, teamIds: [teamId] } })).status).toBe(201);
    }
    agent = await inbox.login('agent@approval.test', 'approval-password');
    supervisor = await inbox.login('supervisor@approval.test', 'approval-password');
  });

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
  });

  async function complaint(address: string): Promise<string> {
    const m = inboundMessage({ sender: { address }, text: 'I want to complain: the annual fee was charged twice and nobody answers' });
    await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const [{ case_id }] = await inbox.db.query<{ case_id: string }>(`SELECT case_id FROM messages WHERE external_id = $1`, [m.externalId]);
    return case_id;
  }

  it('lets the holder propose, shows the supervisor the exact text, and sends it only on approval', async () => {
    const caseId = await complaint('+61433300201');
    expect((await inbox.api(`/api/cases/${caseId}/claim`, { token: agent, body: {} })).status).toBe(200);
    const body = { outcome: 'upheld', closureState: 'resolved', reasons: 'The second annual fee was our error; it is refunded.' };
    const direct = await inbox.api<{ error: string }>(`/api/cases/${caseId}/resolve`, { token: agent, body });
    expect([direct.status, direct.body.error]).toEqual([403, 'final_response_needs_approval']);
    const preview = await inbox.api<{ text: string }>(`/api/cases/${caseId}/resolve/preview`, { token: agent, body });
    expect(preview.status).toBe(200);

    const proposed = await inbox.api(`/api/cases/${caseId}/final-response`, { token: agent, body: { kind: 'resolve', input: body } });
    expect(proposed.status).toBe(201);
    expect((await inbox.api<{ error: string }>(`/api/cases/${caseId}/final-response`, { token: agent, body: { kind: 'resolve', input: body } })).body.error).toBe('proposal_waiting');
    const waiting = await inbox.api<{ proposal: { kind: string; proposedByName: string; preview: { text: string } } }>(`/api/cases/${caseId}/final-response`, { token: supervisor });
    expect(waiting.body.proposal).toMatchObject({ kind: 'resolve', proposedByName: 'agent', preview: { text: preview.body.text } });
    // Nothing went out yet, and the agent cannot approve their own proposal.
    expect(await outbound(caseId)).toEqual([]);
    expect((await inbox.api(`/api/cases/${caseId}/final-response/approve`, { token: agent, body: {} })).status).toBe(403);

    const approved = await inbox.api<{ case: { status: string } }>(`/api/cases/${caseId}/final-response/approve`, { token: supervisor, body: {} });
    expect([approved.status, approved.body.case.status]).toEqual([200, 'resolved']);
    expect(await outbound(caseId)).toEqual([preview.body.text]);
    expect((await inbox.api<{ proposal: null }>(`/api/cases/${caseId}/final-response`, { token: supervisor })).body.proposal).toBeNull();
  });

  it('returns a proposal with a note: nothing is sent, and the holder may propose again', async () => {
    const caseId = await complaint('+61433300202');
    expect((await inbox.api(`/api/cases/${caseId}/claim`, { token: agent, body: {} })).status).toBe(200);
    const input = { reasons: 'The charge was for a separate purchase on 2 July.' };
    expect((await inbox.api(`/api/cases/${caseId}/final-response`, { token: agent, body: { kind: 'unfounded', input } })).status).toBe(201);
    const returned = await inbox.api(`/api/cases/${caseId}/final-response/return`, { token: supervisor, body: { note: 'Attach the merchant’s receipt first' } });
    expect(returned.status).toBe(200);
    expect(await outbound(caseId)).toEqual([]);
    const detail = await inbox.api<{ events: Array<{ type: string; data?: { change?: string; note?: string } }> }>(`/api/cases/${caseId}`, { token: agent });
    expect(detail.body.events.filter((e) => e.data?.change?.startsWith('final_response_')).map((e) => [e.data!.change, e.data!.note ?? null])).toEqual([
      ['final_response_proposed', null],
      ['final_response_returned', 'Attach the merchant’s receipt first'],
    ]);
    expect((await inbox.api(`/api/cases/${caseId}/final-response`, { token: agent, body: { kind: 'unfounded', input } })).status).toBe(201);
  });

  /** What agents sent on the case: not the automatic acknowledgement, nor the satisfaction question that follows a resolution. */
  async function outbound(caseId: string): Promise<string[]> {
    const rows = await inbox.db.query<{ text: string }>(
      `SELECT m.text FROM messages m WHERE m.case_id = $1 AND m.direction = 'outbound' AND m.id IS DISTINCT FROM (SELECT acknowledgement_message_id FROM case_compliance WHERE case_id = $1)
         AND m.id NOT IN (SELECT question_message_id FROM case_satisfaction WHERE case_id = $1 AND question_message_id IS NOT NULL)`,
      [caseId],
    );
    return rows.map((r) => r.text);
  }
});
