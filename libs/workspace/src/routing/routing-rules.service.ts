import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError, type Channel, type ClassificationKind } from '@inbox/contracts';
import { isUuid, queryRows } from '@inbox/cases';
import { hasCondition, type RoutingConditions, type RoutingRule } from './routing-rule-match';

export interface RoutingRuleView extends RoutingRule {
  name: string;
  position: number;
  updatedAt: string;
}

export interface RoutingRuleInput {
  name: string;
  teamId: string;
  channel?: Channel | null;
  account?: string | null;
  kind?: ClassificationKind | null;
  words?: string[];
}

interface RuleRow {
  id: string;
  position: number;
  name: string;
  channel: Channel | null;
  account: string | null;
  kind: ClassificationKind | null;
  words: string[];
  team_id: string;
  updated_at: Date;
}

const COLUMNS = 'id, position, name, channel, account, kind, words, team_id, updated_at';

const toView = (r: RuleRow): RoutingRuleView => ({
  id: r.id,
  position: r.position,
  name: r.name,
  channel: r.channel,
  account: r.account,
  kind: r.kind,
  words: r.words,
  teamId: r.team_id,
  updatedAt: r.updated_at.toISOString(),
});

/** The rules in the order they are tried; read by intake inside the transaction that opens a case. */
export async function loadRoutingRules(em: Pick<EntityManager, 'query'>): Promise<RoutingRuleView[]> {
  return (await queryRows<RuleRow>(em, `SELECT ${COLUMNS} FROM routing_rules ORDER BY position, created_at`, [])).map(toView);
}

/** Blank parts become "no condition"; words are trimmed, blank ones dropped, repeats removed. */
function cleanConditions(input: Partial<RoutingRuleInput>, current?: RoutingConditions): RoutingConditions {
  const account = input.account === undefined ? current?.account ?? null : input.account?.trim() || null;
  const words = input.words === undefined ? current?.words ?? [] : [...new Set(input.words.map((w) => w.trim()).filter((w) => w !== ''))];
  return {
    channel: input.channel === undefined ? current?.channel ?? null : input.channel,
    account,
    kind: input.kind === undefined ? current?.kind ?? null : input.kind,
    words,
  };
}

/** An admin's routing rules: which team a new case goes to (docs/workspace-screens.md). */
@Injectable()
export class RoutingRulesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<RoutingRuleView[]> {
    return loadRoutingRules(this.db);
  }

  async get(id: string): Promise<RoutingRuleView> {
    const [row] = isUuid(id) ? await queryRows<RuleRow>(this.db, `SELECT ${COLUMNS} FROM routing_rules WHERE id = $1`, [id]) : [];
    if (!row) throw new NotFoundError('routing_rule_not_found', 'No such routing rule');
    return toView(row);
  }

  /** A new rule is tried last. */
  async create(input: RoutingRuleInput): Promise<RoutingRuleView> {
    const conditions = this.checked(cleanConditions(input));
    await this.checkTeam(input.teamId);
    const [row] = await queryRows<{ id: string }>(
      this.db,
      `INSERT INTO routing_rules (position, name, channel, account, kind, words, team_id)
       VALUES ((SELECT COALESCE(max(position), 0) + 1 FROM routing_rules), $1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.name.trim(), conditions.channel, conditions.account, conditions.kind, conditions.words, input.teamId],
    );
    return this.get(row.id);
  }

  async update(id: string, input: Partial<RoutingRuleInput>): Promise<RoutingRuleView> {
    const current = await this.get(id);
    const conditions = this.checked(cleanConditions(input, current));
    if (input.teamId !== undefined) await this.checkTeam(input.teamId);
    await this.db.query(
      `UPDATE routing_rules SET name = $2, channel = $3, account = $4, kind = $5, words = $6, team_id = $7, updated_at = now() WHERE id = $1`,
      [id, input.name?.trim() || current.name, conditions.channel, conditions.account, conditions.kind, conditions.words, input.teamId ?? current.teamId],
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.db.query(`DELETE FROM routing_rules WHERE id = $1`, [id]);
  }

  /** Sets the order the rules are tried in: `ids` names every rule exactly once. */
  async reorder(ids: string[]): Promise<RoutingRuleView[]> {
    return this.db.transaction(async (em) => {
      // Locked so a rule created meanwhile cannot be left out of the new order.
      const existing = (await queryRows<{ id: string }>(em, `SELECT id FROM routing_rules FOR UPDATE`, [])).map((r) => r.id);
      const unique = new Set(ids);
      if (unique.size !== ids.length || ids.length !== existing.length || !existing.every((id) => unique.has(id))) {
        throw new InvalidInputError('routing_order_incomplete', 'The new order must name every routing rule exactly once');
      }
      await em.query(`UPDATE routing_rules r SET position = o.n FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) WHERE r.id = o.id`, [ids]);
      return loadRoutingRules(em);
    });
  }

  private checked(conditions: RoutingConditions): RoutingConditions {
    if (!hasCondition(conditions)) {
      throw new InvalidInputError('routing_rule_without_condition', 'A routing rule needs at least one condition: a channel, an account, a kind or words');
    }
    return conditions;
  }

  private async checkTeam(teamId: string): Promise<void> {
    const [team] = isUuid(teamId) ? await queryRows<{ id: string }>(this.db, `SELECT id FROM teams WHERE id = $1`, [teamId]) : [];
    if (!team) throw new InvalidInputError('team_not_found', 'The routing rule names a team that does not exist');
  }
}
