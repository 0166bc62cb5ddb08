import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { connectAgentClient } from '../support/agent-client';
import { useKafkaRoles } from '../support/kafka-roles-context';
import { inboundMessage } from '../support/test-inbox';

type Volumes = { channels: Record<string, Array<{ minute: string; count: number }>> };
const totals = (v: Volumes) => Object.fromEntries(Object.entries(v.channels).map(([c, s]) => [c, s.reduce((n, p) => n + p.count, 0)]));

/**
 * Live volumes with the roles as separate apps on Kafka: two triage workers
 * store a known mix of messages (with redeliveries), and both gateways report
 * exactly that mix over REST and push it to their supervisors — not to agents.
 */
describe('live channel volumes across two triage and two gateway instances (Kafka mock cluster)', () => {
  const kafka = useKafkaRoles({ partitions: 4, env: { SUPERVISOR_PUSH_INTERVAL_MS: '500', AUTO_ACKNOWLEDGEMENT: 'false' } });

  it('counts each stored message once, whichever triage stored it, and every gateway pushes the same figures to supervisors only', async () => {
    const { roles, sql } = kafka;
    const ingest = await roles.start('ingest', 'ingest-1');
    await roles.start('triage', 'triage-1');
    await roles.start('triage', 'triage-2');
    const gatewayA = await roles.start('gateway', 'gateway-a');
    const gatewayB = await roles.start('gateway', 'gateway-b');
    const admin = await gatewayA.login();
    for (const [name, role] of [
      ['sue', 'supervisor'],
      ['art', 'agent'],
    ] as const) {
      expect((await gatewayA.api('/api/users', { token: admin, body: { email: `${name}@test.local`, password: 'staff-password-1', name, role } })).status).toBe(201);
    }
    const supervisorOnB = kafka.closeAtEnd(await connectAgentClient(gatewayB.url, await gatewayB.login('sue@test.local', 'staff-password-1')));
    const supervisorOnA = kafka.closeAtEnd(await connectAgentClient(gatewayA.url, await gatewayA.login('sue@test.local', 'staff-password-1')));
    const agentOnA = kafka.closeAtEnd(await connectAgentClient(gatewayA.url, await gatewayA.login('art@test.local', 'staff-password-1')));

    let n = 0;
    const make = (channel: InboundMessage['channel'], address: string, account = '+61400000000') =>
      inboundMessage({ channel, account, externalId: `kafka-volume-${++n}`, sender: { address }, text: `message ${n} about my card` });
    const sent = [
      ...Array.from({ length: 12 }, (_, i) => make('sms', `+614121000${String(i % 6).padStart(2, '0')}`)),
      ...Array.from({ length: 5 }, (_, i) => make('voice', `+614131000${String(i).padStart(2, '0')}`)),
      ...Array.from({ length: 7 }, (_, i) => make('email', `customer${i % 4}@mail.test`, 'complaints@bank.test')),
    ];
    await Promise.all(sent.map((m) => ingest.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m)));
    // Redeliveries (a provider retrying, a consumer replaying) store and count nothing.
    await Promise.all(sent.slice(0, 4).map((m) => ingest.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m)));
    const expected = { sms: 12, voice: 5, email: 7 };

    // Wait until both triage workers have stored everything.
    for (let i = 0; ; i++) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'inbound' AND external_id LIKE 'kafka-volume-%'`);
      if (rows[0].n === sent.length) break;
      if (i > 200) throw new Error(`only ${rows[0].n} of ${sent.length} messages stored`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const token = await gatewayA.login('sue@test.local', 'staff-password-1');
    for (const gateway of [gatewayA, gatewayB]) {
      const res = await gateway.api<Volumes>('/api/metrics/volumes', { token });
      expect(res.status).toBe(200);
      expect(totals(res.body)).toEqual(expected);
    }
    const matches = (v: Volumes) => Object.entries(expected).every(([c, count]) => totals(v)[c] === count);
    for (const supervisor of [supervisorOnB, supervisorOnA]) {
      const pushed = await supervisor.waitFor<Volumes>('metrics.volumes', matches, 10_000);
      expect(totals(pushed)).toEqual(expected);
    }
    // Gateway A has pushed to its supervisors' room; an answer on the agent's own socket, sent after that,
    // arrives after anything the push sent to it.
    await agentOnA.call('resync', { sinceSeq: Number.MAX_SAFE_INTEGER });
    expect(agentOnA.received.some((r) => r.name === 'metrics.volumes' || r.name === 'supervisor.overview')).toBe(false);
    expect((await gatewayA.api('/api/metrics/volumes', { token: await gatewayA.login('art@test.local', 'staff-password-1') })).status).toBe(403);
  });
});
