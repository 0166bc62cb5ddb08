import type { CaseEvent, StaffNotificationNotice } from '@inbox/contracts';
import { connectAgentClient } from '../support/agent-client';
import { probeUntilEveryoneReceives, useKafkaRoles } from '../support/kafka-roles-context';

/**
 * Notifications across processes on Kafka: a note written through gateway A,
 * its notification made by the triage role's consumer, pushed by gateway B to
 * the colleague connected there (inbox.staff-notifications.v1).
 */
describe('staff notifications across roles (Kafka mock cluster)', () => {
  const kafka = useKafkaRoles({ partitions: 2, env: { AUTO_ACKNOWLEDGEMENT: 'false' } });

  it('pushes a mention made through one gateway to the colleague on another, once', async () => {
    const { roles, sql } = kafka;
    const triage = await roles.start('triage', 'triage-1');
    const gatewayA = await roles.start('gateway', 'gateway-a');
    const gatewayB = await roles.start('gateway', 'gateway-b');
    const admin = await gatewayA.login();
    const kim = await gatewayA.api<any>('/api/users', { token: admin, body: { email: 'kim@test.local', password: 'agent-password-1', name: 'Kim Vo', role: 'agent' } });
    expect(kim.status).toBe(201);
    const kimOnB = kafka.closeAtEnd(await connectAgentClient(gatewayB.url, await gatewayB.login('kim@test.local', 'agent-password-1')));
    const adminOnA = kafka.closeAtEnd(await connectAgentClient(gatewayA.url, admin));
    const { caseId } = await probeUntilEveryoneReceives(triage.bus, '+61412600231', [(seen, ms) => adminOnA.waitFor<CaseEvent>('message.created', seen, ms)]);

    let notice: StaffNotificationNotice | null = null;
    let notes = 0;
    for (let attempt = 1; !notice; attempt++) {
      notes = attempt;
      const note = await gatewayA.api<any>(`/api/cases/${caseId}/notes`, { token: admin, body: { text: `@kim please call them back (${attempt})` } });
      expect(note.status).toBe(201);
      notice = await kimOnB.waitFor<StaffNotificationNotice>('notification', (n) => n.notification.body.endsWith(`(${attempt})`), 5_000).catch(() => null);
      if (!notice && attempt >= 6) throw new Error('the notification never reached the other gateway');
    }
    expect(notice.notification).toMatchObject({ kind: 'mention', caseId, userId: kim.body.id, title: expect.stringContaining('mentioned you on') });
    // One notification per note, however the roles' consumers were rebalanced meanwhile.
    await new Promise((r) => setTimeout(r, 1_000));
    const rows = await sql.query(`SELECT count(*)::int AS n, count(DISTINCT event_seq)::int AS events FROM staff_notifications WHERE user_id = $1`, [kim.body.id]);
    expect(rows.rows[0]).toEqual({ n: notes, events: notes });
    expect((await gatewayB.api<any>('/api/notifications', { token: await gatewayB.login('kim@test.local', 'agent-password-1') })).body.items.map((n: any) => n.id)).toContain(notice.notification.id);
  });
});
