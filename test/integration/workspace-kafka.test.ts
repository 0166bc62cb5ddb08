import type { CaseEvent, CaseEventOf } from '@inbox/contracts';
import { connectAgentClient } from '../support/agent-client';
import { probeUntilEveryoneReceives, useKafkaRoles } from '../support/kafka-roles-context';

/**
 * Two gateway instances behind a load balancer, on Kafka: what an agent does
 * through one instance reaches agents on the other (case events), and who is
 * viewing or typing in a case is shared too (presence topic + PostgreSQL).
 */
describe('workspace across two gateway instances (Kafka mock cluster)', () => {
  const kafka = useKafkaRoles({ partitions: 2, env: { AUTO_ACKNOWLEDGEMENT: 'false' } });

  it('shares case events, presence and claims between agents on different instances', async () => {
    const { roles, sql } = kafka;
    const triage = await roles.start('triage', 'triage-1');
    const gatewayA = await roles.start('gateway', 'gateway-a');
    const gatewayB = await roles.start('gateway', 'gateway-b');
    const adminToken = await gatewayA.login();
    const created = await gatewayA.api<any>('/api/users', {
      token: adminToken,
      body: { email: 'kim@test.local', password: 'agent-password-1', name: 'Kim', role: 'agent' },
    });
    expect(created.status).toBe(201);
    const kimToken = await gatewayB.login('kim@test.local', 'agent-password-1');
    const onA = kafka.closeAtEnd(await connectAgentClient(gatewayA.url, adminToken));
    const onB = kafka.closeAtEnd(await connectAgentClient(gatewayB.url, kimToken));
    const { caseId } = await probeUntilEveryoneReceives(triage.bus, '+61412600001', [
      (seen, ms) => onA.waitFor<CaseEvent>('message.created', seen, ms),
      (seen, ms) => onB.waitFor<CaseEvent>('message.created', seen, ms),
    ]);

    // An action through instance B reaches the agent on instance A, with who did it.
    const note = await gatewayB.api<any>(`/api/cases/${caseId}/notes`, { token: kimToken, body: { text: 'Taking a look' } });
    expect(note.status).toBe(201);
    const heard = await onA.waitFor<CaseEvent>('note.created', (e) => e.caseId === caseId, 15_000);
    expect(heard.actorUserId).toBe(created.body.id);

    // Presence: A views, then B; A hears B arrive and type, whichever instance B is on.
    expect((await onA.call<any>('case.view', { caseId })).viewers.map((v: any) => v.userName)).toEqual(['Administrator']);
    let bView: any;
    for (let attempt = 1; ; attempt++) {
      bView = await onB.call<any>('case.view', { caseId });
      const ok = await onA.waitFor('presence', (p: any) => p.userId === created.body.id && p.state === 'viewing', 3_000).then(() => true, () => false);
      if (ok) break;
      if (attempt >= 10) throw new Error('presence never crossed instances');
    }
    expect(bView.viewers.map((v: any) => v.userName)).toEqual(['Administrator', 'Kim']);
    await onB.call('typing', { caseId, typing: true });
    const typing = await onA.waitFor<any>('presence', (p) => p.userId === created.body.id && p.state === 'typing', 15_000);
    expect(typing.instanceId).toBe('gateway-b');

    // Claims through both instances at once: one winner, the other told who.
    const [a, b] = await Promise.all([onA.call<any>('claim', { caseId }), onB.call<any>('claim', { caseId })]);
    expect([a, b].filter((r) => r.case)).toHaveLength(1);
    const loser = [a, b].find((r) => r.error)!;
    expect(loser).toMatchObject({ error: 'case_already_claimed', details: { assigneeName: expect.stringMatching(/Administrator|Kim/) } });
    const winnerOnB = Boolean(b.case);
    await (winnerOnB ? onA : onB).waitFor<CaseEventOf<'case.updated'>>('case.updated', (e) => e.caseId === caseId && e.data?.change === 'claimed', 15_000);

    // Both agents count as online in the shared presence table, each on their instance.
    const { rows } = await sql.query(`SELECT instance_id FROM agent_presence ORDER BY instance_id`);
    expect(rows.map((r) => r.instance_id)).toEqual(['gateway-a', 'gateway-b']);
  });

  it('ends an agent’s session on every gateway when an admin disables her through another one', async () => {
    const gatewayC = await kafka.roles.start('gateway', 'gateway-c');
    const gatewayD = await kafka.roles.start('gateway', 'gateway-d');
    const adminToken = await gatewayC.login();
    const created = await gatewayC.api<any>('/api/users', { token: adminToken, body: { email: 'lee@test.local', password: 'agent-password-2', name: 'Lee', role: 'agent' } });
    expect(created.status).toBe(201);
    const leeToken = await gatewayD.login('lee@test.local', 'agent-password-2');
    const onD = kafka.closeAtEnd(await connectAgentClient(gatewayD.url, leeToken));
    const ended = onD.waitFor<{ reason: string }>('session.ended', () => true, 15_000);
    const closed = new Promise((resolve) => onD.socket.once('disconnect', resolve));
    expect((await gatewayD.api('/api/auth/me', { token: leeToken })).status).toBe(200);

    expect((await gatewayC.api(`/api/users/${created.body.id}/disable`, { token: adminToken, method: 'POST' })).status).toBe(200);
    expect(await ended).toEqual({ reason: 'user_disabled', message: 'Your account was disabled' });
    await closed;
    expect((await gatewayD.api('/api/auth/me', { token: leeToken })).status).toBe(401);
  });
});
