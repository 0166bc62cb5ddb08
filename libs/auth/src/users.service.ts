import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type StaffPrincipal, type StaffRole } from '@inbox/contracts';
import { SessionRevocations } from './session-revocations';
import { revokeUserSessions } from './session-store';

const BCRYPT_COST = 10;

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  teamIds: string[];
  active: boolean;
  /** How they sign in: a password, the identity provider, or not yet (invited). */
  signIn: 'password' | 'sso' | 'invited';
  secondFactor: boolean;
  lastSignInAt: string | null;
}

/** What the identity provider says of a person at sign-in. */
export interface DirectoryIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  role: StaffRole;
  teamNames: string[];
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  password_hash: string | null;
  team_ids: string[] | null;
  oidc_subject: string | null;
  totp_enabled_at: Date | null;
  last_sign_in_at: Date | null;
}

/** Staff accounts: agents, supervisors, admins, and the teams they belong to. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly revocations: SessionRevocations,
  ) {}

  /** A password account, or (no password) an invitation: the person signs in with single sign-on, matched by email. */
  async create(input: { email: string; password?: string; name: string; role: StaffRole; teamIds?: string[] }): Promise<StaffUser> {
    const email = input.email.trim().toLowerCase();
    const hash = input.password ? await bcrypt.hash(input.password, BCRYPT_COST) : null;
    let createdId = '';
    await this.db.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
        [email, input.name.trim(), input.role, hash],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) throw new ConflictError('email_taken', 'A user with this email already exists');
      const id = inserted[0].id;
      const teamIds = input.teamIds?.length
        ? input.teamIds
        : ((await em.query(`SELECT id FROM teams WHERE is_default`)) as Array<{ id: string }>).map((t) => t.id);
      const teams = (await em.query(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [teamIds])) as Array<{ id: string }>;
      if (teams.length !== new Set(teamIds).size) throw new InvalidInputError('unknown_team', 'One of the teams does not exist');
      await em.query(`INSERT INTO user_teams (user_id, team_id) SELECT $1, unnest($2::uuid[])`, [id, teamIds]);
      createdId = id;
    });
    return this.get(createdId);
  }

  /**
   * The person the identity provider vouches for, as it says now: found by
   * (issuer, subject), or by email the first time (an invitation, or an
   * account made before single sign-on), or created. Role and teams follow
   * the claims at every sign-in; a change ends the person's other sessions.
   * A disabled account stays disabled: null.
   */
  async upsertFromDirectory(identity: DirectoryIdentity): Promise<StaffUser | null> {
    const id = await this.db.transaction(async (em) => {
      let [row] = (await em.query(`SELECT id, active FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE`, [identity.issuer, identity.subject])) as Array<{
        id: string;
        active: boolean;
      }>;
      if (!row) {
        // TypeORM answers an UPDATE with [rows, count].
        const [linked] = (await em.query(
          `UPDATE users SET oidc_issuer = $2, oidc_subject = $3, updated_at = now() WHERE lower(email) = lower($1) AND oidc_subject IS NULL RETURNING id, active`,
          [identity.email, identity.issuer, identity.subject],
        )) as [Array<{ id: string; active: boolean }>, number];
        row = linked[0];
      }
      if (!row) {
        const inserted = (await em.query(
          `INSERT INTO users (email, name, role, oidc_issuer, oidc_subject) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
          [identity.email.toLowerCase(), identity.name, identity.role, identity.issuer, identity.subject],
        )) as Array<{ id: string }>;
        // The email belongs to an account already linked to another subject: not this person.
        if (inserted.length === 0) throw new ConflictError('email_taken', 'Another account already uses this email');
        row = { id: inserted[0].id, active: true };
      }
      if (!row.active) return null;
      const teamIds = await this.teamIdsByName(em, identity.teamNames);
      const before = await this.lockUser(em, row.id);
      if (before.role !== identity.role) {
        if (before.role === 'admin') await this.requireAnotherAdmin(em, row.id, 'The last active admin cannot stop being an admin');
        await em.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [row.id, identity.role]);
        await revokeUserSessions(em, [row.id], 'role_changed');
      }
      if (identity.name && identity.name !== before.name) await em.query(`UPDATE users SET name = $2 WHERE id = $1`, [row.id, identity.name]);
      const current = new Set(before.team_ids ?? []);
      if (teamIds.length !== current.size || teamIds.some((t) => !current.has(t))) {
        await em.query(`DELETE FROM user_teams WHERE user_id = $1`, [row.id]);
        await em.query(`INSERT INTO user_teams (user_id, team_id) SELECT $1, unnest($2::uuid[])`, [row.id, teamIds]);
        if (current.size > 0) await revokeUserSessions(em, [row.id], 'teams_changed');
      }
      return row.id;
    });
    await this.revocations.settle();
    return id ? this.get(id) : null;
  }

  /** Someone the directory no longer gives a role: every session and token of theirs ends (the account stays, for the record). */
  async withdrawDirectoryAccess(issuer: string, subject: string): Promise<StaffUser | null> {
    const [row] = (await this.db.query(`SELECT id FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2`, [issuer, subject])) as Array<{ id: string }>;
    if (!row) return null;
    await revokeUserSessions(this.db, [row.id], 'access_withdrawn');
    await this.revocations.settle();
    return this.get(row.id);
  }

  /** Teams named by the directory mapping (case-insensitive); the default team when none match. */
  private async teamIdsByName(em: EntityManager, names: string[]): Promise<string[]> {
    const found = names.length
      ? ((await em.query(`SELECT id FROM teams WHERE lower(name) = ANY($1::text[]) ORDER BY id`, [names.map((n) => n.toLowerCase())])) as Array<{ id: string }>)
      : [];
    if (found.length > 0) return found.map((t) => t.id);
    return ((await em.query(`SELECT id FROM teams WHERE is_default`)) as Array<{ id: string }>).map((t) => t.id);
  }

  /**
   * Changes a user's name, role or teams. A change of role or teams ends every
   * session they have (in the same transaction), so what they may see is never
   * decided by a token issued before the change.
   */
  async update(userId: string, input: { name?: string; role?: StaffRole; teamIds?: string[] }): Promise<StaffUser> {
    await this.db.transaction(async (em) => {
      const before = await this.lockUser(em, userId);
      if (input.role && input.role !== before.role) {
        if (before.role === 'admin') await this.requireAnotherAdmin(em, userId, 'The last active admin cannot stop being an admin');
        await em.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [userId, input.role]);
        await revokeUserSessions(em, [userId], 'role_changed');
      }
      if (input.name?.trim()) await em.query(`UPDATE users SET name = $2, updated_at = now() WHERE id = $1`, [userId, input.name.trim()]);
      if (input.teamIds) {
        const wanted = [...new Set(input.teamIds)];
        const known = (await em.query(`SELECT id FROM teams WHERE id = ANY($1::uuid[])`, [wanted])) as Array<{ id: string }>;
        if (known.length !== wanted.length) throw new InvalidInputError('unknown_team', 'One of the teams does not exist');
        const current = new Set(before.team_ids ?? []);
        if (wanted.length !== current.size || wanted.some((t) => !current.has(t))) {
          await em.query(`DELETE FROM user_teams WHERE user_id = $1 AND NOT (team_id = ANY($2::uuid[]))`, [userId, wanted]);
          await em.query(`INSERT INTO user_teams (user_id, team_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [userId, wanted]);
          await revokeUserSessions(em, [userId], 'teams_changed');
        }
      }
    });
    await this.revocations.settle();
    return this.get(userId);
  }

  /** Disables (every session ends at once, on every process) or re-enables a user. */
  async setActive(actorUserId: string, userId: string, active: boolean): Promise<StaffUser> {
    if (!active && actorUserId === userId) throw new ConflictError('cannot_disable_self', 'You cannot disable your own account');
    await this.db.transaction(async (em) => {
      const before = await this.lockUser(em, userId);
      if (before.active === active) return;
      if (!active && before.role === 'admin') await this.requireAnotherAdmin(em, userId, 'The last active admin cannot be disabled');
      await em.query(`UPDATE users SET active = $2, updated_at = now() WHERE id = $1`, [userId, active]);
      if (!active) await revokeUserSessions(em, [userId], 'user_disabled');
    });
    await this.revocations.settle();
    return this.get(userId);
  }

  /** An admin sets a new password; every session of the user ends. */
  async resetPassword(userId: string, password: string): Promise<void> {
    const hash = await bcrypt.hash(password, BCRYPT_COST);
    await this.db.transaction(async (em) => {
      await this.lockUser(em, userId);
      await em.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, hash]);
      await revokeUserSessions(em, [userId], 'password_reset');
    });
    await this.revocations.settle();
  }

  async get(userId: string): Promise<StaffUser> {
    const [row] = isUuid(userId) ? ((await this.db.query(`${SELECT_USER} WHERE u.id = $1 GROUP BY u.id`, [userId])) as UserRow[]) : [];
    if (!row) throw new NotFoundError('user_not_found', 'No such user');
    return toUser(row);
  }

  /** Checks a password; the same answer and similar time whether the email exists or not. */
  async verifyCredentials(email: string, password: string): Promise<StaffUser | null> {
    const row = await this.findRowByEmail(email);
    // An account without a password (single sign-on, or invited and not yet set up) never matches.
    const ok = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
    if (!row?.password_hash) return null;
    return row && ok && row.active ? toUser(row) : null;
  }

  async principal(userId: string): Promise<StaffPrincipal | null> {
    const [row] = (await this.db.query(`${SELECT_USER} WHERE u.id = $1 GROUP BY u.id`, [userId])) as UserRow[];
    if (!row || !row.active) return null;
    return { userId: row.id, email: row.email, name: row.name, role: row.role, teamIds: row.team_ids ?? [] };
  }

  async markSignedIn(userId: string): Promise<void> {
    await this.db.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [userId]);
  }

  async list(): Promise<StaffUser[]> {
    const rows = (await this.db.query(`${SELECT_USER} GROUP BY u.id ORDER BY u.name`)) as UserRow[];
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM users`)) as Array<{ n: number }>;
    return n;
  }

  private async lockUser(em: EntityManager, userId: string): Promise<UserRow> {
    if (!isUuid(userId)) throw new NotFoundError('user_not_found', 'No such user');
    const [locked] = (await em.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [userId])) as Array<{ id: string }>;
    if (!locked) throw new NotFoundError('user_not_found', 'No such user');
    const [row] = (await em.query(`${SELECT_USER} WHERE u.id = $1 GROUP BY u.id`, [userId])) as UserRow[];
    return row;
  }

  /** Admin changes are serialised on the admins' rows, so two concurrent demotions cannot leave none. */
  private async requireAnotherAdmin(em: EntityManager, userId: string, message: string): Promise<void> {
    const others = (await em.query(`SELECT id FROM users WHERE role = 'admin' AND active AND id <> $1 FOR UPDATE`, [userId])) as unknown[];
    if (others.length === 0) throw new ConflictError('last_admin', message);
  }

  private async findRowByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = (await this.db.query(`${SELECT_USER} WHERE lower(u.email) = lower($1) GROUP BY u.id`, [email.trim()])) as UserRow[];
    return row;
  }
}

const SELECT_USER = `SELECT u.id, u.email, u.name, u.role, u.active, u.password_hash, u.oidc_subject, u.totp_enabled_at, u.last_sign_in_at,
  array_remove(array_agg(ut.team_id), NULL) AS team_ids
  FROM users u LEFT JOIN user_teams ut ON ut.user_id = u.id`;

// Compared against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', BCRYPT_COST);

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function toUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds: row.team_ids ?? [],
    active: row.active,
    signIn: row.oidc_subject ? 'sso' : row.password_hash ? 'password' : 'invited',
    secondFactor: row.totp_enabled_at !== null,
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
  };
}
