import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffPrincipal } from '@inbox/contracts';

export { IS_PUBLIC, REQUIRED_ROLES, Public, Roles } from '@inbox/platform';

/** The signed-in staff member, set by StaffAuthGuard. */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  return ctx.switchToHttp().getRequest<{ staff: StaffPrincipal }>().staff;
});

/** The id of the session the request's token names, set by StaffAuthGuard. */
export const CurrentSessionId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<{ staffSessionId: string }>().staffSessionId;
});

/** The client's address (behind TRUST_PROXY proxies, the one before them). */
export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<{ ip?: string }>().ip ?? 'unknown';
});

/** How the request signed in (bearer token, session cookie or API token), set by StaffAuthGuard. */
export const CurrentCredential = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<{ staffCredential: { via: 'bearer' | 'cookie' | 'api_token' } }>().staffCredential;
});
