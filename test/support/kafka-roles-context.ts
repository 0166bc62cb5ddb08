import { Client } from 'pg';
import type { Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { kafkaRoles, type KafkaRoles } from './kafka-role';
import { startKafkaMockCluster, type KafkaMockCluster } from './kafka-mock-cluster';
import { createTestDatabase, type TestDatabase } from './test-database';
import { inboundMessage } from './test-inbox';

/** What a test file of roles on the Kafka mock cluster shares; read inside tests, after beforeAll ran. */
export interface KafkaRolesContext {
  readonly cluster: KafkaMockCluster;
  readonly db: TestDatabase;
  /** A plain connection to the test database, for checking what was stored. */
  readonly sql: Client;
  readonly roles: KafkaRoles;
  /** Closes `resource` (a socket, an agent client) at the end of the file, before the roles stop. */
  closeAtEnd<T extends { close(): unknown }>(resource: T): T;
}

/**
 * Registers the beforeAll/afterAll of a test file whose roles (ingest, triage,
 * gateway) run as separate apps on one librdkafka mock cluster and one test
 * database, and tears them down in the reverse order.
 */
export function useKafkaRoles(options: { partitions: number; env?: Record<string, string> }): KafkaRolesContext {
  // Each role joins several consumer groups; on a loaded 2-core machine a test of four or five roles took over
  // the default 60 s while passing in 20–30 s alone. A generous bound: speed is the benchmark's business.
  jest.setTimeout(180_000);
  let cluster: KafkaMockCluster | undefined;
  let db: TestDatabase | undefined;
  let sql: Client | undefined;
  let roles: KafkaRoles | undefined;
  const resources: Array<{ close(): unknown }> = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useKafkaRoles: read the context inside a test, after beforeAll');
    return value;
  };

  beforeAll(async () => {
    cluster = await startKafkaMockCluster({ partitions: options.partitions });
    db = await createTestDatabase();
    roles = kafkaRoles({ db, brokers: cluster.brokers, env: options.env });
    sql = new Client(db.url);
    await sql.connect();
  });

  afterAll(async () => {
    for (const resource of resources.splice(0)) await Promise.resolve(resource.close()).catch(() => undefined);
    await roles?.closeAll();
    await sql?.end();
    await db?.drop();
    await cluster?.stop();
  });

  return {
    get cluster() {
      return ready(cluster);
    },
    get db() {
      return ready(db);
    },
    get sql() {
      return ready(sql);
    },
    get roles() {
      return ready(roles);
    },
    closeAtEnd(resource) {
      resources.push(resource);
      return resource;
    },
  };
}

/** Waits up to `ms` for a case event matching `seen` on one agent's connection; rejects when none came. */
export type CaseEventReceiver = (seen: (event: CaseEvent) => boolean, ms: number) => Promise<CaseEvent>;

/**
 * Readiness of a Kafka deployment: a consumer starts at the latest offset once
 * it has joined its group, so publish complaint-worded probes from `address`
 * until every receiver has seen the same probe's message event. Returns that
 * event (its case is the probe sender's case). Worded as a complaint because
 * the classifier reads a bare "probe N" as noise, which opens no case.
 */
export async function probeUntilEveryoneReceives(bus: Bus, address: string, receivers: CaseEventReceiver[], attempts = 10): Promise<CaseEvent> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const probe = inboundMessage({ sender: { address }, text: `Probe ${attempt}: you charged my card twice and I want a refund` });
    await bus.publish(TOPICS.inbound, `sms:${address}`, probe);
    const seen = (event: CaseEvent) => event.type === 'message.created' && event.message?.text === probe.text;
    const events = await Promise.all(receivers.map((receive) => receive(seen, 3_000))).catch(() => null);
    if (events) return events[0];
  }
  throw new Error(`after ${attempts} probes, not every receiver had seen case events`);
}
