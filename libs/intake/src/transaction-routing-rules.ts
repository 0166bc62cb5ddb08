import type { EntityManager } from 'typeorm';
import { loadRoutingRules, type RoutingRuleView } from '@inbox/workspace';

const read = new WeakMap<EntityManager, Promise<RoutingRuleView[]>>();

/**
 * The routing rules, read once per transaction: a batch that opens many cases
 * (intake-batch.writer.ts) reads them for its first new case and reuses them
 * for the rest, as the rules in force when the batch began.
 */
export function routingRulesOf(em: EntityManager): Promise<RoutingRuleView[]> {
  let rules = read.get(em);
  if (!rules) {
    rules = loadRoutingRules(em);
    read.set(em, rules);
  }
  return rules;
}
