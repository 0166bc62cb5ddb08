import { NotFoundError, teamScope, type StaffPrincipal } from '@inbox/contracts';
import { visibleCaseSql, visibleCustomerSql } from './team-visibility.sql';

type Sql = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Every one of these customers is visible to the principal (a case of theirs
 * in a team the principal sees), or a not-found error: a customer of another
 * team is reported as missing, so their existence does not leak.
 */
export async function requireVisibleCustomers(db: Sql, principal: StaffPrincipal, customerIds: readonly string[]): Promise<void> {
  const ids = [...new Set(customerIds)];
  const params: unknown[] = [ids];
  const rows = (await db.query(`SELECT cu.id FROM customers cu WHERE cu.id = ANY($1::uuid[]) AND ${visibleCustomerSql(principal, 'cu.id', params)}`, params)) as unknown[];
  if (rows.length !== ids.length) throw new NotFoundError('customer_not_found', 'No such customer');
}

/**
 * Both sides of a merge are visible to whoever undoes it. The merged-away
 * customer's cases now sit on the survivor, so each side is judged by its own
 * cases: the survivor by those that were not moved by this merge, the other by
 * those that were (or came to it since).
 */
export async function requireVisibleMergeSides(db: Sql, principal: StaffPrincipal, merge: { id: string; survivorId: string; mergedId: string }): Promise<void> {
  if (teamScope(principal).allTeams) return;
  const params: unknown[] = [merge.id, merge.survivorId, merge.mergedId];
  const visible = visibleCaseSql(principal, 'vc.team_id', params);
  const moved = `SELECT i.item_id FROM customer_merge_items i WHERE i.merge_id = $1 AND i.item_type = 'case'`;
  const [row] = (await db.query(
    `SELECT EXISTS (SELECT 1 FROM cases vc WHERE vc.customer_id = $2 AND vc.id NOT IN (${moved}) AND ${visible}) AS survivor,
            EXISTS (SELECT 1 FROM cases vc WHERE (vc.id IN (${moved}) OR vc.customer_id = $3) AND ${visible}) AS merged`,
    params,
  )) as Array<{ survivor: boolean; merged: boolean }>;
  if (!row?.survivor || !row.merged) throw new NotFoundError('merge_not_found', 'No such merge');
}
