import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { createHttpApp } from './http/http-app';
import { assertPortFree, portInUse } from './http/port-check';
import { JsonLogger } from './logging/json-logger';
import { configuredSecrets, rememberSecrets } from './logging/secret-scrubber';
import { prepareRuntime, type Runtime } from './runtime';
import { StartupError } from './startup-error';

export interface ProcessDefinition {
  role: 'inbox' | 'ingest' | 'triage' | 'gateway';
  title: string;
  module: (config: Runtime['config']) => DynamicModule;
  beforeListen?: (app: INestApplication) => void;
}

export interface RunningApp {
  app: INestApplication;
  url: string;
  config: Runtime['config'];
  close(): Promise<void>;
}

/** Builds and starts one process of the inbox with a given configuration (used by main and by tests). */
export async function startApp(definition: ProcessDefinition, config: AppConfig, logger?: JsonLogger): Promise<RunningApp> {
  const log = logger ?? new JsonLogger(config.logLevel, { role: definition.role, instance: config.instanceId });
  await assertPortFree(config.port, config.host);
  rememberSecrets(configuredSecrets(config));
  const runtime = await prepareRuntime(config, (msg) => log.log(msg, 'Runtime'));
  rememberSecrets(configuredSecrets(runtime.config));
  let app: INestApplication | undefined;
  try {
    app = await createHttpApp(definition.module(runtime.config), runtime.config, { title: definition.title, logger: log });
    definition.beforeListen?.(app);
    await app.listen(runtime.config.port, runtime.config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await runtime.embeddedPostgres?.stop().catch(() => undefined);
    if ((error as { code?: unknown }).code === 'EADDRINUSE') throw portInUse(runtime.config.port, error);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const started = app;
  return {
    app: started,
    url: `http://localhost:${address.port}`,
    config: runtime.config,
    close: async () => {
      await started.close();
      await runtime.embeddedPostgres?.stop();
    },
  };
}

/** The `main` of every app: read the settings, start, print where to open it, stop cleanly on a signal. */
export async function runProcess(definition: ProcessDefinition): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n(see config/example.env for every setting)\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new JsonLogger(config.logLevel, { role: definition.role, instance: config.instanceId });
  const started = Date.now();
  let running: RunningApp;
  try {
    running = await startApp(definition, config, logger);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartupError) process.stderr.write(`${error.message}\n`);
    else logger.error(error instanceof Error ? error : String(error), 'Bootstrap');
    process.exit(1);
  }
  logger.log({ msg: `${definition.title} started`, role: definition.role, startupMs: Date.now() - started, bus: running.config.kafka ? 'kafka' : 'local' }, 'Bootstrap');
  process.stdout.write(`\n  ${definition.title} is running: open ${running.url}\n  API docs: ${running.url}/api/docs\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'stopping', signal }, 'Bootstrap');
    running
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(error instanceof Error ? error : String(error), 'Bootstrap');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
