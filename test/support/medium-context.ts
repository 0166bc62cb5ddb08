import { Module, type DynamicModule, type INestApplicationContext, type InjectionToken, type ModuleMetadata, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUS, BusModule, type Bus } from '@inbox/bus';
import { JsonLogger, PlatformModule, type AppConfig } from '@inbox/platform';
import { testConfig } from './test-config';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * The medium tier (test/medium): real services and their real providers, wired by Nest as the
 * processes wire them, on a fresh copy of the migrated template database, with the in-process bus
 * and no HTTP server. What a test asks for is the module(s) and extra providers it needs, nothing
 * of our own code is replaced.
 */
export interface MediumContext {
  db: TestDatabase;
  config: AppConfig;
  /** The Nest application context (DI container, lifecycle hooks run; no HTTP listener). */
  app: INestApplicationContext;
  /** The TypeORM data source the services use (for transactions a test opens itself). */
  dataSource: DataSource;
  bus: Bus;
  get<T>(token: InjectionToken): T;
  close(): Promise<void>;
}

export interface MediumContextOptions {
  /** The feature modules under test, e.g. CasesModule; PlatformModule (config, database) and BusModule are always there. */
  imports?: ModuleMetadata['imports'];
  /** Providers that no imported module exports but the test calls, e.g. the triage role's IntakeBatchWriter. */
  providers?: Provider[];
  env?: Record<string, string>;
}

@Module({})
class MediumRootModule {
  static forRoot(config: AppConfig, options: MediumContextOptions): DynamicModule {
    return {
      module: MediumRootModule,
      imports: [PlatformModule.forRoot(config), BusModule.forRoot(config), ...(options.imports ?? [])],
      providers: options.providers ?? [],
    };
  }
}

export async function startMediumContext(options: MediumContextOptions = {}): Promise<MediumContext> {
  const db = await createTestDatabase();
  try {
    const config = testConfig(db.url, options.env);
    const app = await NestFactory.createApplicationContext(MediumRootModule.forRoot(config, options), {
      logger: new JsonLogger(config.logLevel, { instance: config.instanceId }),
    });
    await app.init();
    return {
      db,
      config,
      app,
      dataSource: app.get<DataSource>(getDataSourceToken()),
      bus: app.get<Bus>(BUS),
      get: <T>(token: InjectionToken) => app.get<T>(token, { strict: false }),
      async close() {
        await app.close();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/**
 * One medium context for a describe block: started before its tests, closed after them. Read
 * `ctx.current` inside tests and hooks (it is set once beforeAll has run).
 */
export function useMediumContext(options: MediumContextOptions = {}): { readonly current: MediumContext } {
  let context: MediumContext | undefined;
  beforeAll(async () => {
    context = await startMediumContext(options);
  });
  afterAll(async () => {
    await context?.close();
  });
  return {
    get current(): MediumContext {
      if (!context) throw new Error('The medium context is read before its beforeAll ran (read it inside a test or hook)');
      return context;
    },
  };
}
