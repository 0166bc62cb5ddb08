import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';

const MINUTE_MS = 60_000;

function requestOf(context: ExecutionContext): { method?: string; path?: string } | undefined {
  return context.getType() === 'http' ? context.switchToHttp().getRequest() : undefined;
}

/**
 * Provider webhooks are not limited: they are rejected before any work unless
 * signed, and a provider that gets 429 may drop the message instead of
 * retrying. Health checks are not limited either (load balancers poll them).
 * Socket events are limited by their own gateways.
 */
function isExempt(context: ExecutionContext): boolean {
  const req = requestOf(context);
  if (!req) return true;
  const path = req.path ?? '';
  return path.startsWith('/webhooks/') || path === '/health';
}

/**
 * Per client address and per process: everything under one budget. Logins and
 * the status page have their own budgets in PostgreSQL, shared by every
 * process (SharedRateLimits).
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'requests', ttl: MINUTE_MS, limit: config.rateLimits.perMinute, skipIf: isExempt },
    ],
    errorMessage: 'Too many requests from this address; wait a minute and try again',
  };
}
