import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffPrincipal } from '@inbox/contracts';

export { IS_PUBLIC, REQUIRED_ROLES, Public, Roles } from '@inbox/platform';

/** The signed-in staff member, set by StaffAuthGuard. */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  return ctx.switchToHttp().getRequest<{ staff: StaffPrincipal }>().staff;
});
