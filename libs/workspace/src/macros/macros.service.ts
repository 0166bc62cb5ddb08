import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ForbiddenError, InvalidInputError, maySeeTeam, NotFoundError, seesAllTeams, type Macro, type MacroAction, type MacroScope, type StaffPrincipal } from '@inbox/contracts';
import { isUuid } from '@inbox/cases';
import { CustomFieldsService } from '../fields/custom-fields.service';
import { checkFieldSteps, parseMacroActions } from './macro-steps';

interface MacroRow {
  id: string;
  name: string;
  actions: MacroAction[];
  scope: MacroScope;
  team_id: string | null;
  owner_user_id: string;
  owner_name: string;
  updated_at: Date;
}

export interface MacroInput {
  name: string;
  actions: unknown;
  scope: MacroScope;
  teamId?: string | null;
}

const SELECT = `SELECT m.id, m.name, m.actions, m.scope, m.team_id, m.owner_user_id, u.name AS owner_name, m.updated_at FROM macros m JOIN users u ON u.id = m.owner_user_id`;

/**
 * Macros: a personal one is its owner's alone; a team's is for everyone who may see that team's cases;
 * an everyone macro for all staff. Anyone keeps their own; shared ones are written by supervisors and admins.
 */
@Injectable()
export class MacrosService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fields: CustomFieldsService,
  ) {}

  async list(principal: StaffPrincipal): Promise<Macro[]> {
    const rows = (await this.db.query(`${SELECT} WHERE m.owner_user_id = $1 OR m.scope <> 'personal' ORDER BY m.scope = 'personal' DESC, lower(m.name)`, [
      principal.userId,
    ])) as MacroRow[];
    return rows.filter((r) => mayUse(principal, r)).map(toMacro);
  }

  /** A macro the caller may use; any other is "no such macro", so another's personal one is not confirmed to exist. */
  async get(principal: StaffPrincipal, id: string): Promise<Macro> {
    const [row] = isUuid(id) ? ((await this.db.query(`${SELECT} WHERE m.id = $1`, [id])) as MacroRow[]) : [];
    if (!row || !mayUse(principal, row)) throw new NotFoundError('macro_not_found', 'No such macro');
    return toMacro(row);
  }

  async create(principal: StaffPrincipal, input: MacroInput): Promise<Macro> {
    const actions = await this.checkedSteps(input.actions);
    const teamId = await this.checkScope(principal, input.scope, input.teamId);
    const [{ id }] = (await this.db.query(`INSERT INTO macros (name, owner_user_id, scope, team_id, actions) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      name(input.name),
      principal.userId,
      input.scope,
      teamId,
      JSON.stringify(actions),
    ])) as Array<{ id: string }>;
    return this.get(principal, id);
  }

  async update(principal: StaffPrincipal, id: string, input: Partial<MacroInput>): Promise<Macro> {
    const current = await this.get(principal, id);
    mayEdit(principal, current);
    const actions = input.actions === undefined ? current.actions : await this.checkedSteps(input.actions);
    const scope = input.scope ?? current.scope;
    const teamId = await this.checkScope(principal, scope, input.teamId === undefined ? current.teamId : input.teamId);
    await this.db.query(`UPDATE macros SET name = $2, scope = $3, team_id = $4, actions = $5, updated_at = now() WHERE id = $1`, [
      id,
      input.name === undefined ? current.name : name(input.name),
      scope,
      teamId,
      JSON.stringify(actions),
    ]);
    return this.get(principal, id);
  }

  async remove(principal: StaffPrincipal, id: string): Promise<void> {
    mayEdit(principal, await this.get(principal, id));
    await this.db.query(`DELETE FROM macros WHERE id = $1`, [id]);
  }

  /** The steps as they arrive, checked on their own and then, for field steps, against the fields as they are now. */
  private async checkedSteps(input: unknown): Promise<MacroAction[]> {
    const actions = parseMacroActions(input);
    if (!actions.some((a) => a.type === 'set_field')) return actions;
    return checkFieldSteps(actions, await this.fields.list(true));
  }

  private async checkScope(principal: StaffPrincipal, scope: MacroScope, teamId: string | null | undefined): Promise<string | null> {
    if (scope !== 'personal' && !seesAllTeams(principal)) throw new ForbiddenError('shared_macro_needs_supervisor', 'Only supervisors and admins share macros with a team or everyone');
    if (scope !== 'team') return null;
    if (!teamId) throw new InvalidInputError('team_required', 'Name the team to share the macro with');
    const [team] = (await this.db.query(`SELECT id FROM teams WHERE id = $1`, [teamId])) as Array<{ id: string }>;
    if (!team) throw new InvalidInputError('unknown_team', 'No such team');
    return team.id;
  }
}

function mayUse(principal: StaffPrincipal, row: Pick<MacroRow, 'scope' | 'team_id' | 'owner_user_id'>): boolean {
  if (row.scope === 'personal') return row.owner_user_id === principal.userId;
  return row.scope === 'everyone' || maySeeTeam(principal, row.team_id);
}

function mayEdit(principal: StaffPrincipal, macro: Macro): void {
  const allowed = macro.scope === 'personal' ? macro.ownerUserId === principal.userId : seesAllTeams(principal);
  if (!allowed) throw new ForbiddenError('not_macro_editor', 'Shared macros are kept by supervisors and admins');
}

function name(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidInputError('empty_name', 'The macro needs a name');
  return trimmed;
}

function toMacro(r: MacroRow): Macro {
  return { id: r.id, name: r.name, actions: r.actions, scope: r.scope, teamId: r.team_id, ownerUserId: r.owner_user_id, ownerName: r.owner_name, updatedAt: r.updated_at.toISOString() };
}
