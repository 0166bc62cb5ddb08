export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is asking: carried in the JWT and checked by every query that shows customer data. */
export interface StaffPrincipal {
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  teamIds: string[];
}

/** Supervisors and admins see every team's cases; agents only their own teams'. */
export function seesAllTeams(principal: StaffPrincipal): boolean {
  return principal.role === 'supervisor' || principal.role === 'admin';
}
