import type { StaffRole } from '@inbox/contracts';

const RANK: Record<StaffRole, number> = { agent: 1, supervisor: 2, admin: 3 };

export interface DirectoryMapping {
  rolesClaim: string;
  roleMap: Record<string, StaffRole>;
  teamsMap: Record<string, string>;
}

/**
 * What the directory's groups make of a person: the highest role any of
 * their groups maps to (none: null, they are refused), and the teams their
 * groups name. Groups come as an array of strings (Entra ID, Okta, Keycloak,
 * Google via a custom claim) or, from some providers, one space- or
 * comma-separated string.
 */
export function mapDirectoryClaims(claims: Record<string, unknown>, mapping: DirectoryMapping): { role: StaffRole | null; teamNames: string[]; groups: string[] } {
  const groups = groupsOf(claims[mapping.rolesClaim]);
  let role: StaffRole | null = null;
  for (const group of groups) {
    const mapped = mapping.roleMap[group];
    if (mapped && (!role || RANK[mapped] > RANK[role])) role = mapped;
  }
  const teamNames = [...new Set(groups.map((g) => mapping.teamsMap[g]).filter((t): t is string => Boolean(t)))];
  return { role, teamNames, groups };
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').slice(0, 500);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean).slice(0, 500);
  return [];
}
