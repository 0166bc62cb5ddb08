import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, type StaffPrincipal, type StaffRole } from '@inbox/contracts';

const BCRYPT_COST = 10;

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  teamIds: string[];
  active: boolean;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  password_hash: string;
  team_ids: string[] | null;
}

/** Staff accounts: agents, supervisors, admins, and the teams they belong to. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(input: { email: string; password: string; name: string; role: StaffRole; teamIds?: string[] }): Promise<StaffUser> {
    const email = input.email.trim().toLowerCase();
    const hash = await bcrypt.hash(input.password, BCRYPT_COST);
    return this.db.transaction(async (em) => {
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
      return { id, email, name: input.name.trim(), role: input.role, teamIds, active: true };
    });
  }

  /** Checks a password; the same answer and similar time whether the email exists or not. */
  async verifyCredentials(email: string, password: string): Promise<StaffUser | null> {
    const row = await this.findRowByEmail(email);
    const ok = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
    return row && ok && row.active ? toUser(row) : null;
  }

  async principal(userId: string): Promise<StaffPrincipal | null> {
    const [row] = (await this.db.query(`${SELECT_USER} WHERE u.id = $1 GROUP BY u.id`, [userId])) as UserRow[];
    if (!row || !row.active) return null;
    return { userId: row.id, email: row.email, name: row.name, role: row.role, teamIds: row.team_ids ?? [] };
  }

  async list(): Promise<StaffUser[]> {
    const rows = (await this.db.query(`${SELECT_USER} GROUP BY u.id ORDER BY u.name`)) as UserRow[];
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM users`)) as Array<{ n: number }>;
    return n;
  }

  private async findRowByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = (await this.db.query(`${SELECT_USER} WHERE lower(u.email) = lower($1) GROUP BY u.id`, [email.trim()])) as UserRow[];
    return row;
  }
}

const SELECT_USER = `SELECT u.id, u.email, u.name, u.role, u.active, u.password_hash,
  array_remove(array_agg(ut.team_id), NULL) AS team_ids
  FROM users u LEFT JOIN user_teams ut ON ut.user_id = u.id`;

// Compared against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', BCRYPT_COST);

function toUser(row: UserRow): StaffUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, teamIds: row.team_ids ?? [], active: row.active };
}
