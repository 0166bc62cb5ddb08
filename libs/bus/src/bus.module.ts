import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isUnavailableDependency, scrubSecrets, type AppConfig } from '@inbox/platform';
import { BUS, type Bus } from './bus.port';
import { DeadLetterStore } from './dead-letter.store';
import { KafkaBus } from './kafka-bus';
import { kafkaSecurityOptions } from './kafka-security';
import { LocalBus } from './local-bus';

/** Config chooses the driver (docs/architecture.md rule 7): KAFKA_BROKERS set → Kafka, unset → in-process. */
export function createBus(config: AppConfig, deadLetters: DeadLetterStore): Bus {
  const sink = (letter: Parameters<DeadLetterStore['record']>[0]) => deadLetters.record(letter);
  if (!config.kafka) return new LocalBus(sink, undefined, isUnavailableDependency);
  const logger = new Logger('KafkaBus');
  return new KafkaBus({
    brokers: config.kafka.brokers,
    ...kafkaSecurityOptions(config.kafka),
    clientId: `${config.kafka.clientId}-${config.instanceId}`,
    deadLetters: sink,
    scrubError: scrubSecrets,
    consumer: config.kafka.consumer,
    logger: { warn: (msg, meta) => logger.warn({ msg, ...meta }), error: (msg, meta) => logger.error({ msg, ...meta }) },
  });
}

@Injectable()
class BusLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(BUS) private readonly bus: Bus) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.bus.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}

/**
 * The bus and the dead-letter store for every module of the process (global, as the platform is). Each app
 * imports it after PlatformModule: Nest then starts the bus after the database and stops it before.
 */
@Module({})
export class BusModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BusModule,
      global: true,
      providers: [
        DeadLetterStore,
        { provide: BUS, inject: [DeadLetterStore], useFactory: (store: DeadLetterStore) => createBus(config, store) },
        BusLifecycle,
      ],
      exports: [BUS, DeadLetterStore],
    };
  }
}
