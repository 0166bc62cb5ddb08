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

/** Which teams' cases a staff member may see: every team, or the listed ones. */
export type TeamScope = { readonly allTeams: true } | { readonly allTeams: false; readonly teamIds: readonly string[] };

/**
 * THE team boundary, in one place. Whether staff may see a case, its
 * customer, its messages, notes, satisfaction answers, attachments, the
 * systemic issues and knowledge articles made from it, and which socket rooms
 * they join, is decided from this scope (in SQL by libs/cases/src/visibility).
 * A case without a team is seen only by those who see all teams.
 */
export function teamScope(principal: StaffPrincipal): TeamScope {
  return seesAllTeams(principal) ? { allTeams: true } : { allTeams: false, teamIds: principal.teamIds };
}

/** Whether a case of this team is visible to the principal. */
export function maySeeTeam(principal: StaffPrincipal, teamId: string | null | undefined): boolean {
  const scope = teamScope(principal);
  return scope.allTeams || (typeof teamId === 'string' && scope.teamIds.includes(teamId));
}
