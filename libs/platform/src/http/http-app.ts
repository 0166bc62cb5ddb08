import { ValidationPipe, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { JsonLogger, logContext } from '../logging/json-logger';
import { DomainErrorFilter } from './domain-error.filter';
import { useWebhookBodies } from './webhook-bodies';

export interface HttpAppOptions {
  title: string;
  logger?: JsonLogger;
}

/**
 * Builds a Nest application the same way for every process: JSON logs with a
 * correlation id per request, webhook bodies capped and kept raw for their signatures,
 * validated input, errors mapped at the edge, OpenAPI at /api/docs.
 */
export async function createHttpApp(rootModule: Type<unknown> | DynamicModule, config: AppConfig, options: HttpAppOptions): Promise<INestApplication> {
  const logger = options.logger ?? new JsonLogger(config.logLevel, { instance: config.instanceId });
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { logger, bodyParser: true });
  // Behind TRUST_PROXY load balancers req.ip is the client before them (rate limits count it); sockets use clientAddress.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const correlationId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', correlationId);
    logContext.run({ correlationId }, next);
  });
  useSecurityHeaders(app);
  // Before the other body parsers: provider webhooks are capped and kept raw, so their signatures are checked before anything parses them.
  useWebhookBodies(app);
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(API_DESCRIPTION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An access token from POST /api/auth/login, or a personal API token (inbox_pat_…)' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/**
 * helmet's defaults (CSP, no sniffing, frame denial, HSTS…) everywhere, except
 * that the web chat widget and its assets may be loaded by the sites that embed it.
 * Images may come from https: so an agent can choose to show a customer's HTML
 * mail with its remote images (its sandboxed frame blocks them until then).
 */
function useSecurityHeaders(app: INestApplication): void {
  const strict = helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https:'] } } });
  const embeddable = helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/webchat/') ? embeddable : strict)(req, res, next));
}

const API_DESCRIPTION = [
  'Omnichannel complaints inbox REST API.',
  '',
  '**Authentication.** Send `Authorization: Bearer <token>` with either',
  '- an access token from `POST /api/auth/login` (`{email, password, code?}`; `code` is the TOTP or a recovery code when the account has two-factor sign-in), or',
  '- a **personal API token** for an integration: create it in the web app (your account, "Personal API tokens") or with `POST /api/account/api-tokens` `{name, scope, expiresInDays}`.',
  '  It is shown once (`inbox_pat_…`). Scopes: `read` (GET only), `act` (anything but admin-only routes), `admin` (everything its owner may; admins only).',
  '  `GET /api/account/api-tokens` lists yours, `DELETE /api/account/api-tokens/{id}` revokes one at once.',
  '',
  'The web workspace itself uses an HttpOnly session cookie with a CSRF token (`X-CSRF-Token`); API clients need neither.',
].join('\n');
