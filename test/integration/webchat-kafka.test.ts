import { io, type Socket } from 'socket.io-client';
import { kafkaRoles, type KafkaRoles } from '../support/kafka-role';
import { startKafkaMockCluster, type KafkaMockCluster } from '../support/kafka-mock-cluster';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface ChatLine {
  id: string;
  from: string;
  text: string;
}

/**
 * Web chat with the roles split over Kafka: visitors' sockets on two ingest
 * instances, replies written by the gateway and sent by whichever ingest's
 * dispatcher owns the case's partition. Each reply must still reach its
 * visitor's socket, wherever that is, and nobody else's.
 */
// Four roles joining their consumer groups took over 60 s on a loaded 2-core machine (22 s alone).
jest.setTimeout(180_000);

describe('web chat through Kafka (librdkafka mock cluster)', () => {
  let cluster: KafkaMockCluster;
  let db: TestDatabase;
  let roles: KafkaRoles;
  const sockets: Socket[] = [];

  async function visitor(url: string) {
    const socket = io(`${url}/webchat`, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const received: ChatLine[] = [];
    socket.on('message', (line: ChatLine) => received.push(line));
    const session = await new Promise<{ visitorId: string }>((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, session, received };
  }

  async function until<T>(find: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = await find();
      if (found !== undefined || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    cluster = await startKafkaMockCluster({ partitions: 4 });
    db = await createTestDatabase();
    roles = kafkaRoles({ db, brokers: cluster.brokers });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await roles?.closeAll();
    await db?.drop();
    await cluster?.stop();
  });

  it('pushes each agent reply to its visitor’s socket on whichever ingest instance holds it', async () => {
    const ingestA = await roles.start('ingest', 'ingest-a');
    const ingestB = await roles.start('ingest', 'ingest-b');
    await roles.start('triage', 'triage-1');
    const gateway = await roles.start('gateway', 'gateway-1');
    const token = await gateway.login();

    const visitors = [await visitor(ingestA.url), await visitor(ingestA.url), await visitor(ingestB.url), await visitor(ingestB.url)];
    const caseIds: string[] = [];
    const references: string[] = [];
    for (const [i, v] of visitors.entries()) {
      const ack = await v.socket.timeout(10_000).emitWithAck('message', { text: `visitor ${i}: my transfer is missing`, clientId: `k-${i}` });
      expect(ack).toMatchObject({ ok: true });
      // Through Kafka the ack means "on the bus"; the case appears once triage has stored it.
      const found = await until(async () => {
        const res = await gateway.api<{ items: Array<{ id: string; reference: string; preview: string }> }>(`/api/cases?channel=webchat&q=${encodeURIComponent(`visitor ${i}:`)}`, { token });
        return res.body.items[0];
      }, 20_000);
      expect(found).toBeDefined();
      caseIds.push(found!.id);
      references.push(found!.reference);
    }

    // Readiness: each ingest's case-event consumer starts at the latest offset once it has joined its
    // group, so reply until each visitor gets one (a reply missed live is still in the visitor's history).
    for (const [i, v] of visitors.entries()) {
      for (let attempt = 1; ; attempt++) {
        const text = `reply ${attempt} for visitor ${i}`;
        const res = await gateway.api<{ id: string }>(`/api/cases/${caseIds[i]}/replies`, { token, body: { text } });
        expect(res.status).toBe(201);
        const line = await until(() => v.received.find((l) => l.text === text), 4_000);
        if (line) {
          expect(line).toMatchObject({ id: res.body.id, from: 'agent' });
          break;
        }
        if (attempt >= 8) throw new Error(`visitor ${i} never received a reply`);
      }
    }
    // Besides the replies, a visitor may also get the automatic acknowledgement of their own complaint (sent on
    // every new complaint's channel, live if their ingest's consumer had joined by then): it names their case's reference.
    for (const [i, v] of visitors.entries()) {
      const ownAcknowledgement = (l: ChatLine) => l.from === 'agent' && l.text.includes(`Your reference is ${references[i]}.`);
      expect(v.received.filter((l) => !l.text.endsWith(`for visitor ${i}`) && !ownAcknowledgement(l))).toEqual([]);
    }
  });
});
