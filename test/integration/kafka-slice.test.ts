import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { probeUntilEveryoneReceives, useKafkaRoles } from '../support/kafka-roles-context';
import { connectAgent, inboundMessage } from '../support/test-inbox';

/**
 * The vertical slice through Kafka with the roles as separate apps: an ingest
 * publishes, two triage workers share the inbound topic, two gateways each
 * push every case event to their own agents.
 */
describe('vertical slice through Kafka (librdkafka mock cluster)', () => {
  const kafka = useKafkaRoles({ partitions: 4 });

  it('stores each message once, in sender order, and every gateway pushes every event', async () => {
    const { roles, sql } = kafka;
    const ingest = await roles.start('ingest', 'ingest-1');
    await roles.start('triage', 'triage-1');
    await roles.start('triage', 'triage-2');
    const gatewayA = await roles.start('gateway', 'gateway-a');
    const gatewayB = await roles.start('gateway', 'gateway-b');
    const agentA = await connectAgent(gatewayA.url, await gatewayA.login());
    const agentB = await connectAgent(gatewayB.url, await gatewayB.login());

    await probeUntilEveryoneReceives(ingest.bus, '+61499999999', [(seen, ms) => agentA.waitFor(seen, ms), (seen, ms) => agentB.waitFor(seen, ms)]);

    const senders = ['+61412100001', '+61412100002', '+61412100003', '+61412100004', '+61412100005'];
    const sent = senders.flatMap((address, s) =>
      Array.from({ length: 6 }, (_, i) =>
        inboundMessage({ sender: { address }, text: complaintText(s, i), receivedAt: new Date(Date.now() + i).toISOString() }),
      ),
    );
    // Interleave senders, but keep each sender's messages in order on its key.
    for (let i = 0; i < 6; i++) {
      await Promise.all(senders.map((address, s) => ingest.bus.publish(TOPICS.inbound, `sms:${address}`, sent[s * 6 + i])));
    }
    // Redelivery of a few: must change nothing.
    await ingest.bus.publish(TOPICS.inbound, `sms:${senders[0]}`, sent[0]);
    await ingest.bus.publish(TOPICS.inbound, `sms:${senders[1]}`, sent[6]);

    const texts = new Set(sent.map((m) => m.text));
    const received = (events: CaseEvent[]) => new Set(events.filter((e) => e.type === 'message.created' && texts.has(e.message!.text)).map((e) => e.message!.text));
    for (const agent of [agentA, agentB]) {
      await Promise.all(sent.map((m) => agent.waitFor((e) => e.type === 'message.created' && e.message?.text === m.text, 20_000)));
      expect(received(agent.events).size).toBe(sent.length);
    }

    const { rows } = await sql.query(
      `SELECT i.address, m.text, m.case_id FROM messages m JOIN identities i ON i.customer_id = m.customer_id
        WHERE i.address = ANY($1) AND m.direction = 'inbound' ORDER BY i.address, (SELECT e.seq FROM case_events e WHERE e.type = 'message.created' AND e.payload->'message'->>'id' = m.id::text)`,
      [senders],
    );
    expect(rows).toHaveLength(sent.length);
    for (const [s, address] of senders.entries()) {
      const mine = rows.filter((r) => r.address === address);
      expect(mine.map((r) => r.text)).toEqual(Array.from({ length: 6 }, (_, i) => complaintText(s, i)));
      expect(new Set(mine.map((r) => r.case_id)).size).toBe(1);
    }
    const health = await gatewayA.api<{ bus: { kind: string; ok: boolean } }>('/health');
    expect(health.body.bus).toMatchObject({ kind: 'kafka', ok: true });
    agentA.socket.close();
    agentB.socket.close();
    // Five processes each join a consumer group per role (triage, compliance, assignment, satisfaction, fanout…).
  }, 180_000);
});

/** Worded as a complaint, so the classifier files it on the sender's case (noise would stay off any case). */
function complaintText(sender: number, n: number): string {
  return `Complaint ${n} from sender ${sender}: you charged my card twice and I want a refund`;
}
