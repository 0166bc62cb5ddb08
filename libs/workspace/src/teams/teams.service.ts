import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { revokeUserSessions, SessionRevocations } from '@inbox/auth';
import { OPEN_STATUSES } from '@inbox/cases';
import { isUuid, queryRows } from '@inbox/cases';

export type AssignmentMode = 'pull' | 'push';

export interface TeamView {
  id: string;
  name: string;
  isDefault: boolean;
  assignmentMode: AssignmentMode;
  maxOpenPerAgent: number;
  members: Array<{ userId: string; name: string; role: string; online: boolean; openCases: number }>;
}

/** Teams: their queue's assignment mode (pull: agents claim; push: auto-assigned), the per-agent limit, and members. */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {}

  async list(): Promise<TeamView[]> {
    const teams = (await this.db.query(
      `SELECT id, name, is_default, assignment_mode, max_open_per_agent FROM teams ORDER BY is_default DESC, name`,
    )) as Array<{ id: string; name: string; is_default: boolean; assignment_mode: AssignmentMode; max_open_per_agent: number }>;
    const members = (await this.db.query(
      `SELECT ut.team_id, u.id, u.name, u.role,
              EXISTS (SELECT 1 FROM agent_presence p WHERE p.user_id = u.id AND p.last_seen_at > now() - make_interval(secs => $1)) AS online,
              (SELECT count(*)::int FROM cases c WHERE c.assignee_id = u.id AND c.status = ANY($2)) AS open_cases
         FROM user_teams ut JOIN users u ON u.id = ut.user_id AND u.active ORDER BY u.name`,
      [this.config.workspace.presenceTtlSeconds, OPEN_STATUSES],
    )) as Array<{ team_id: string; id: string; name: string; role: string; online: boolean; open_cases: number }>;
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      isDefault: t.is_default,
      assignmentMode: t.assignment_mode,
      maxOpenPerAgent: t.max_open_per_agent,
      members: members
        .filter((m) => m.team_id === t.id)
        .map((m) => ({ userId: m.id, name: m.name, role: m.role, online: m.online, openCases: m.open_cases })),
    }));
  }

  async get(id: string): Promise<TeamView> {
    const team = isUuid(id) ? (await this.list()).find((t) => t.id === id) : undefined;
    if (!team) throw new NotFoundError('team_not_found', 'No such team');
    return team;
  }

  async create(input: { name: string; assignmentMode?: AssignmentMode; maxOpenPerAgent?: number }): Promise<TeamView> {
    const rows = (await this.db.query(
      `INSERT INTO teams (name, assignment_mode, max_open_per_agent) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [input.name.trim(), input.assignmentMode ?? 'pull', input.maxOpenPerAgent ?? 25],
    )) as Array<{ id: string }>;
    if (rows.length === 0) throw new ConflictError('team_name_taken', 'A team with this name already exists');
    return this.get(rows[0].id);
  }

  async update(id: string, input: { name?: string; assignmentMode?: AssignmentMode; maxOpenPerAgent?: number }): Promise<TeamView> {
    const current = await this.get(id);
    try {
      await this.db.query(`UPDATE teams SET name = $2, assignment_mode = $3, max_open_per_agent = $4 WHERE id = $1`, [
        id,
        input.name?.trim() ?? current.name,
        input.assignmentMode ?? current.assignmentMode,
        input.maxOpenPerAgent ?? current.maxOpenPerAgent,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError('team_name_taken', 'A team with this name already exists');
      throw error;
    }
    return this.get(id);
  }

  async addMember(teamId: string, userId: string): Promise<TeamView> {
    await this.get(teamId);
    const [user] = isUuid(userId) ? ((await this.db.query(`SELECT id FROM users WHERE id = $1`, [userId])) as Array<{ id: string }>) : [];
    if (!user) throw new InvalidInputError('unknown_user', 'No such user');
    // What a member may see changes with their teams: their sessions end (in the same transaction).
    await this.db.transaction(async (em) => {
      const added = await queryRows(em, `INSERT INTO user_teams (user_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`, [userId, teamId]);
      if (added.length > 0) await revokeUserSessions(em, [userId], 'teams_changed');
    });
    await this.revocations.settle();
    return this.get(teamId);
  }

  async removeMember(teamId: string, userId: string): Promise<TeamView> {
    await this.get(teamId);
    if (!isUuid(userId)) throw new InvalidInputError('unknown_user', 'No such user');
    await this.db.transaction(async (em) => {
      const removed = await queryRows(em, `DELETE FROM user_teams WHERE user_id = $1 AND team_id = $2 RETURNING user_id`, [userId, teamId]);
      if (removed.length > 0) await revokeUserSessions(em, [userId], 'teams_changed');
    });
    await this.revocations.settle();
    return this.get(teamId);
  }
}
