import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, type StaffPrincipal, type StaffRole } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { API_TOKEN_PREFIX, type ApiTokenScope } from './api-tokens.service';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { CSRF_HEADER, SESSION_COOKIE, csrfTokenMatches, readCookie } from './session-cookie';
import { TokenService } from './token.service';

/** How the request proved who it is: a bearer token, the web workspace's cookie, or a personal API token. */
export type StaffCredential = { via: 'bearer' } | { via: 'cookie' } | { via: 'api_token'; scope: ApiTokenScope };

type StaffRequest = {
  method: string;
  headers: Record<string, string | undefined>;
  staff?: StaffPrincipal;
  staffSessionId?: string;
  staffCredential?: StaffCredential;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every HTTP route needs a signed-in staff member unless marked @Public();
 * @Roles() narrows it further. A `Authorization: Bearer` header wins (API
 * clients, tests); otherwise the session cookie, and then every change must
 * carry the session's CSRF token in X-CSRF-Token. A personal API token is
 * held to its scope: `read` only reads, `act` cannot call admin-only routes.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (bearer?.startsWith(API_TOKEN_PREFIX)) {
      const live = await this.tokens.authenticateApiToken(bearer);
      checkScope(live.scope, request.method, roles);
      Object.assign(request, { staff: live.principal, staffSessionId: live.sessionId, staffCredential: { via: 'api_token', scope: live.scope } });
    } else if (bearer) {
      const session = await this.tokens.authenticateSession(bearer);
      Object.assign(request, { staff: session.principal, staffSessionId: session.sessionId, staffCredential: { via: 'bearer' } });
    } else {
      const session = await this.tokens.authenticateSession(readCookie(request.headers.cookie, SESSION_COOKIE));
      if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(request.headers[CSRF_HEADER], session.sessionId, this.config.auth.jwtSecret ?? '')) {
        throw new ForbiddenError('csrf_token_invalid', 'The request did not carry this session’s CSRF token (X-CSRF-Token); reload the page');
      }
      Object.assign(request, { staff: session.principal, staffSessionId: session.sessionId, staffCredential: { via: 'cookie' } });
    }
    if (roles && !roles.includes(request.staff!.role)) {
      throw new ForbiddenError('role_required', `Only ${roles.join(' or ')} users may do this`);
    }
    return true;
  }
}

function checkScope(scope: ApiTokenScope, method: string, roles: StaffRole[] | undefined): void {
  if (scope === 'read' && !SAFE_METHODS.has(method)) throw new ForbiddenError('token_scope', 'This API token may only read (scope read)');
  if (scope === 'act' && roles?.length === 1 && roles[0] === 'admin') throw new ForbiddenError('token_scope', 'Admin-only routes need a token with scope admin');
}
