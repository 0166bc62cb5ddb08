import type { EntityManager } from 'typeorm';

/**
 * Rows of any statement. TypeORM's `query` returns `[rows, affected]` for
 * UPDATE/DELETE … RETURNING on PostgreSQL (rows are objects, never arrays,
 * so the shape tells the two apart), which would make `.length` lie.
 */
export async function queryRows<T>(em: Pick<EntityManager, 'query'>, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await em.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** Ids in URLs are checked before they reach PostgreSQL, so a malformed one is a 404, not a 500. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
