import type { EntityManager } from 'typeorm';

/**
 * What a repository method runs its SQL on: the EntityManager that UnitOfWork.run hands its work
 * (writes and locks, inside the caller's transaction), or the DataSource for a read outside one.
 */
export type SqlClient = Pick<EntityManager, 'query'>;
