import { Client } from 'pg';
import { TOPICS, type CaseEvent, type StaffNotificationNotice } from '@inbox/contracts';
import { connectAgentClient, type AgentClient } from '../support/agent-client';
import { kafkaRoles, type KafkaRoles } from '../support/kafka-role';
import { startKafkaMockCluster, type KafkaMockCluster } from '../support/kafka-mock-cluster';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { inboundMessage } from '../support/test-inbox';

/**
 * Notifications across processes on Kafka: a note written through gateway A,
 * its notification made by the triage role's consumer, pushed by gateway B to
 * the colleague connected there (inbox.staff-notifications.v1).
 */
describe('staff notifications across roles (Kafka mock cluster)', () => {
  let cluster: KafkaMockCluster;
  let db: TestDatabase;
  let sql: Client;
  let roles: KafkaRoles;
  const clients: AgentClient[] = [];

  beforeAll(async () => {
    cluster = await startKafkaMockCluster({ partitions: 2 });
    db = await createTestDatabase();
    roles = kafkaRoles({ db, brokers: cluster.brokers, env: { AUTO_ACKNOWLEDGEMENT: 'false' } });
    sql = new Client(db.url);
    await sql.connect();
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await roles?.closeAll();
    await sql?.end();
    await db?.drop();
    await cluster?.stop();
  });

  it('pushes a mention made through one gateway to the colleague on another, once', async () => {
    const triage = await roles.start('triage', 'triage-1');
    const gatewayA = await roles.start('gateway', 'gateway-a');
    const gatewayB = await roles.start('gateway', 'gateway-b');
    const admin = await gatewayA.login();
    const kim = await gatewayA.api<any>('/api/users', { token: admin, body: { email: 'kim@test.local', password: 'agent-password-1', name: 'Kim Vo', role: 'agent' } });
    expect(kim.status).toBe(201);
    const kimOnB = await connectAgentClient(gatewayB.url, await gatewayB.login('kim@test.local', 'agent-password-1'));
    const adminOnA = await connectAgentClient(gatewayA.url, admin);
    clients.push(kimOnB, adminOnA);

    // Readiness: consumers start at the latest offset once joined, so write until a case event comes through.
    let caseId = '';
    for (let attempt = 1; !caseId; attempt++) {
      const probe = inboundMessage({ sender: { address: '+61412600231' }, text: `Complaint ${attempt}: you charged my card twice and I want a refund` });
      await triage.bus.publish(TOPICS.inbound, `sms:${probe.sender.address}`, probe);
      const event = await adminOnA.waitFor<CaseEvent>('message.created', (e) => e.message?.text === probe.text, 3_000).catch(() => null);
      if (event) caseId = event.caseId;
      else if (attempt >= 10) throw new Error('the gateway never received case events');
    }

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
