import { IngestModule } from '../../apps/ingest/src/ingest.module';
import { TriageModule } from '../../apps/triage/src/triage.module';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { FAST_KAFKA_ENV } from './scaled-inbox';
import type { TestDatabase } from './test-database';
import { startTestInbox, type TestInbox } from './test-inbox';

export type KafkaRole = 'ingest' | 'triage' | 'gateway';

const MODULES = { ingest: IngestModule, triage: TriageModule, gateway: GatewayModule };

/**
 * Starts one role of the inbox in this process on a Kafka cluster (the mock
 * cluster in tests), as instance `instance`, with fast group membership so
 * joins and rebalances take a second rather than half a minute. `env` adds
 * to (or overrides) those settings.
 */
export async function startKafkaRole(options: { db: TestDatabase; brokers: string[]; role: KafkaRole; instance: string; env?: Record<string, string> }): Promise<TestInbox> {
  const module = MODULES[options.role];
  return startTestInbox({
    db: options.db,
    env: {
      KAFKA_BROKERS: options.brokers.join(','),
      INSTANCE_ID: options.instance,
      ...FAST_KAFKA_ENV,
      // The in-process role tests have always heartbeated every 300 ms (FAST_KAFKA_ENV, made for killed
      // processes, says 500): kept, so rebalances are noticed as soon as before.
      KAFKA_HEARTBEAT_INTERVAL_MS: '300',
      ...options.env,
    },
    definition: { role: options.role, title: options.role, module: (c) => module.forRoot(c) },
  });
}

export interface KafkaRoles {
  /** Starts a role (see startKafkaRole) with the shared database, brokers and extra env; closeAll() closes it. */
  start(role: KafkaRole, instance: string): Promise<TestInbox>;
  /** Closes every started role, the last started first, ignoring errors. */
  closeAll(): Promise<void>;
}

/** Starts roles on one database and cluster, and closes them all at the end of the test file. */
export function kafkaRoles(options: { db: TestDatabase; brokers: string[]; env?: Record<string, string> }): KafkaRoles {
  const apps: TestInbox[] = [];
  return {
    async start(role, instance) {
      const app = await startKafkaRole({ ...options, role, instance });
      apps.push(app);
      return app;
    },
    async closeAll() {
      for (const app of apps.splice(0).reverse()) await app.close().catch(() => undefined);
    },
  };
}
