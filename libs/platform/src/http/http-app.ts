import { ValidationPipe, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { JsonLogger, logContext } from '../logging/json-logger';
import { DomainErrorFilter } from './domain-error.filter';

export interface HttpAppOptions {
  title: string;
  logger?: JsonLogger;
}

/**
 * Builds a Nest application the same way for every process: JSON logs with a
 * correlation id per request, raw bodies kept for webhook signatures,
 * validated input, errors mapped at the edge, OpenAPI at /api/docs.
 */
export async function createHttpApp(rootModule: Type<unknown> | DynamicModule, config: AppConfig, options: HttpAppOptions): Promise<INestApplication> {
  const logger = options.logger ?? new JsonLogger(config.logLevel, { instance: config.instanceId });
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { logger, rawBody: true, bodyParser: true });
  // Meta batches many updates into one webhook; express's 100 kB default would refuse a large batch, which Meta then drops.
  app.useBodyParser('json', { limit: '2mb' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const correlationId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', correlationId);
    logContext.run({ correlationId }, next);
  });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription('Omnichannel complaints inbox REST API').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
