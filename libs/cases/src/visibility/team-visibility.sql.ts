import { teamScope, type StaffPrincipal } from '@inbox/contracts';

/**
 * The team boundary (teamScope in @inbox/contracts) as SQL conditions, for
 * queries that filter many rows at once. Each appends its parameter to
 * `params` and returns the condition to AND into a WHERE clause.
 */

/** The case whose team column is `teamColumn` is visible. */
export function visibleCaseSql(principal: StaffPrincipal, teamColumn: string, params: unknown[]): string {
  const scope = teamScope(principal);
  if (scope.allTeams) return 'TRUE';
  params.push(scope.teamIds);
  return `${teamColumn} = ANY($${params.length}::uuid[])`;
}

/** The customer in `customerColumn` is visible: they have a case the principal may see. */
export function visibleCustomerSql(principal: StaffPrincipal, customerColumn: string, params: unknown[]): string {
  if (teamScope(principal).allTeams) return 'TRUE';
  return `EXISTS (SELECT 1 FROM cases vc WHERE vc.customer_id = ${customerColumn} AND ${visibleCaseSql(principal, 'vc.team_id', params)})`;
}
