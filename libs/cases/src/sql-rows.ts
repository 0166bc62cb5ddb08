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
