import { randomBytes } from 'node:crypto';
import type { StaffPrincipal, StaffRole } from '@inbox/contracts';

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface StaffSpec {
  role?: StaffRole;
  /** Team ids; unset: the default team (every case no routing rule sends elsewhere). */
  teamIds?: string[];
  name?: string;
}

/** The default team's id (created by the first migration). */
export async function defaultTeamId(query: Query): Promise<string> {
  const [team] = await query<{ id: string }>(`SELECT id FROM teams WHERE is_default`);
  if (!team) throw new Error('No default team: is this a migrated database?');
  return team.id;
}

/** A team written straight into the database (a queue of its own, so other tests' cases stay out of it); its id. */
export async function insertTeam(query: Query, name = `team ${randomBytes(3).toString('hex')}`): Promise<string> {
  const [team] = await query<{ id: string }>(`INSERT INTO teams (name) VALUES ($1) RETURNING id`, [name]);
  return team!.id;
}

/**
 * A staff member written straight into the database, as the principal a service receives after
 * sign-in. For the medium tier, where no HTTP sign-in runs; integration tests use `createStaffMember`.
 */
export async function insertStaffMember(query: Query, spec: StaffSpec = {}): Promise<StaffPrincipal> {
  const role = spec.role ?? 'agent';
  const name = spec.name ?? `${role} ${randomBytes(3).toString('hex')}`;
  const email = `${name.replace(/\W+/g, '.').toLowerCase()}@staff.test`;
  const teamIds = spec.teamIds ?? [await defaultTeamId(query)];
  const [user] = await query<{ id: string }>(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, NULL) RETURNING id`, [email, name, role]);
  for (const teamId of teamIds) await query(`INSERT INTO user_teams (user_id, team_id) VALUES ($1, $2)`, [user!.id, teamId]);
  return { userId: user!.id, email, name, role, teamIds };
}

/** What a test needs to act as a staff member created through the API. */
export interface CreatedStaffMember {
  id: string;
  email: string;
  password: string;
}

type Api = <T = unknown>(path: string, init?: { method?: string; token?: string; body?: unknown }) => Promise<{ status: number; body: T }>;

/** A staff member created by an admin through `POST /api/users`; fails the test with the API's answer otherwise. */
export async function createStaffMember(
  inbox: { api: Api },
  adminToken: string,
  spec: StaffSpec & { email?: string; password?: string } = {},
): Promise<CreatedStaffMember> {
  const role = spec.role ?? 'agent';
  const email = spec.email ?? `${role}-${randomBytes(4).toString('hex')}@test.local`;
  const password = spec.password ?? `${role}-password-1`;
  const res = await inbox.api<{ id: string }>('/api/users', {
    token: adminToken,
    body: { email, password, name: spec.name ?? email.split('@')[0], role, ...(spec.teamIds ? { teamIds: spec.teamIds } : {}) },
  });
  if (res.status !== 201) throw new Error(`creating ${role} ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email, password };
}
