import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, type StaffPrincipal, type StaffRole } from '@inbox/contracts';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { TokenService } from './token.service';

/** Every HTTP route needs a staff token unless marked @Public(); @Roles() narrows it further. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; staff?: StaffPrincipal; staffSessionId?: string }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const session = await this.tokens.authenticateSession(token);
    request.staff = session.principal;
    request.staffSessionId = session.sessionId;
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(request.staff.role)) {
      throw new ForbiddenError('role_required', `Only ${roles.join(' or ')} users may do this`);
    }
    return true;
  }
}
