import { SetMetadata } from '@nestjs/common';
import type { StaffRole } from '@inbox/contracts';

export const IS_PUBLIC = 'inbox:isPublic';
export const REQUIRED_ROLES = 'inbox:roles';

/** Routes anyone may call: login, health, provider webhooks (which check their own signatures). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Routes only these roles may call. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(REQUIRED_ROLES, roles);
