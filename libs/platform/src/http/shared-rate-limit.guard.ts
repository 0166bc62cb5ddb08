import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SharedRateLimits, type SharedLimitName } from './shared-rate-limits';

const SHARED_LIMIT = 'inbox:sharedLimit';

/** Counts each call of the route against the named budget per client address, in PostgreSQL (shared by every process). */
export const SharedLimit = (name: SharedLimitName, message: string) => SetMetadata(SHARED_LIMIT, { name, message });

/** Applies @SharedLimit(): 429 with Retry-After once the address has used its budget. */
@Injectable()
export class SharedRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: SharedRateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const limit = this.reflector.get<{ name: SharedLimitName; message: string } | undefined>(SHARED_LIMIT, context.getHandler());
    if (!limit) return true;
    const request = context.switchToHttp().getRequest<{ ip?: string }>();
    await this.limits.take(limit.name, request.ip ?? 'unknown', limit.message);
    return true;
  }
}
