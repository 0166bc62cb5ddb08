import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError, type AutomationRule, type RuleAction, type RuleConditions, type RuleRun, type RuleTrigger } from '@inbox/contracts';
import { isUuid, readCustomFields } from '@inbox/cases';
import { ruleDefinitionOf } from './rule-match';

export interface RuleInput {
  name: string;
  enabled?: boolean;
  trigger: unknown;
  conditions?: unknown;
  actions: unknown;
}

type RuleRow = {
  id: string;
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  conditions: RuleConditions;
  actions: RuleAction[];
  created_at: Date;
  updated_at: Date;
};

const RUN_LOG_LIMIT = 200;
/** Every case event asks for the enabled rules: kept this long, and dropped at once by an edit on this process. */
const ENABLED_CACHE_MS = 5_000;

export function toRule(r: RuleRow): AutomationRule {
  return { id: r.id, name: r.name, enabled: r.enabled, trigger: r.trigger, conditions: r.conditions, actions: r.actions, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
}

/** The admins' automation rules and each rule's log of runs. */
@Injectable()
export class AutomationRulesService {
  private readonly enabledCache = new Map<RuleTrigger['type'], { rules: Promise<AutomationRule[]>; readAt: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<AutomationRule[]> {
    return ((await this.db.query(`SELECT * FROM automation_rules ORDER BY lower(name), created_at`)) as RuleRow[]).map(toRule);
  }

  /** The enabled rules of one kind of trigger, for the consumer and the scheduler. */
  enabled(type: RuleTrigger['type']): Promise<AutomationRule[]> {
    const cached = this.enabledCache.get(type);
    if (cached && Date.now() - cached.readAt < ENABLED_CACHE_MS) return cached.rules;
    const rules = this.db
      .query(`SELECT * FROM automation_rules WHERE enabled AND trigger->>'type' = $1 ORDER BY created_at`, [type])
      .then((rows: RuleRow[]) => rows.map(toRule));
    this.enabledCache.set(type, { rules, readAt: Date.now() });
    rules.catch(() => this.enabledCache.delete(type));
    return rules;
  }

  async get(id: string): Promise<AutomationRule> {
    const [row] = isUuid(id) ? ((await this.db.query(`SELECT * FROM automation_rules WHERE id = $1`, [id])) as RuleRow[]) : [];
    if (!row) throw new NotFoundError('rule_not_found', 'No such rule');
    return toRule(row);
  }

  async create(actorUserId: string, input: RuleInput): Promise<AutomationRule> {
    const def = ruleDefinitionOf(input, { fields: await readCustomFields(this.db, null, true) });
    const [row] = (await this.db.query(
      `INSERT INTO automation_rules (name, enabled, trigger, conditions, actions, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [ruleName(input.name), input.enabled ?? true, JSON.stringify(def.trigger), JSON.stringify(def.conditions), JSON.stringify(def.actions), actorUserId],
    )) as RuleRow[];
    this.enabledCache.clear();
    return toRule(row);
  }

  /** Replaces a rule's definition; its runs stay, so a case it already ran on is not run on again for the same cause. */
  async update(id: string, input: Partial<RuleInput>): Promise<AutomationRule> {
    const current = await this.get(id);
    const keptArchived = new Set((current.conditions.fields ?? []).map((c) => c.fieldId));
    const def = ruleDefinitionOf(
      { trigger: input.trigger ?? current.trigger, conditions: input.conditions ?? current.conditions, actions: input.actions ?? current.actions },
      { fields: await readCustomFields(this.db, null, true), keptArchived },
    );
    const [[row]] = (await this.db.query(
      `UPDATE automation_rules SET name = $2, enabled = $3, trigger = $4, conditions = $5, actions = $6, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, input.name === undefined ? current.name : ruleName(input.name), input.enabled ?? current.enabled, JSON.stringify(def.trigger), JSON.stringify(def.conditions), JSON.stringify(def.actions)],
    )) as [RuleRow[], number];
    this.enabledCache.clear();
    return toRule(row);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.db.query(`DELETE FROM automation_rules WHERE id = $1`, [id]);
    this.enabledCache.clear();
  }

  /** The rule's log: its latest runs, newest first, with the case and what each action did. */
  async runs(id: string): Promise<RuleRun[]> {
    await this.get(id);
    const rows = (await this.db.query(
      `SELECT r.id, r.rule_id, r.case_id, c.reference, r.ran_at, r.finished_at, r.cause, r.results
         FROM rule_runs r JOIN cases c ON c.id = r.case_id WHERE r.rule_id = $1 ORDER BY r.ran_at DESC, r.id LIMIT $2`,
      [id, RUN_LOG_LIMIT],
    )) as Array<{ id: string; rule_id: string; case_id: string; reference: string; ran_at: Date; finished_at: Date | null; cause: string; results: RuleRun['results'] }>;
    return rows.map((r) => ({ id: r.id, ruleId: r.rule_id, caseId: r.case_id, caseReference: r.reference, ranAt: r.ran_at.toISOString(), finished: r.finished_at !== null, cause: r.cause, results: r.results }));
  }
}

function ruleName(raw: string): string {
  const name = (raw ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!name) throw new InvalidInputError('invalid_rule', 'A rule needs a name');
  if (name.length > 120) throw new InvalidInputError('invalid_rule', 'A rule name may have at most 120 characters');
  return name;
}
