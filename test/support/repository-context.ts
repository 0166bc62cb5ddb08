import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IntakeModule, InboundIntakeService } from '@inbox/intake';
import { useMediumContext, type MediumContext } from './medium-context';

/**
 * A medium context for one repository's test (test/medium/*-repository.test.ts): the whole case side,
 * so that the real intake makes the customers, cases and messages the test reads and writes.
 */
export function useRepositoryContext<R>(repositoryClass: Type<R>) {
  const ctx: { readonly current: MediumContext } = useMediumContext({ imports: [IntakeModule] });
  return {
    ctx,
    query: <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params),
    repository: () => ctx.current.get<R>(repositoryClass),
    /** A transaction of the test's own: the EntityManager a repository's writes and locks take. */
    inTransaction: <T>(work: (em: EntityManager) => Promise<T>) => ctx.current.dataSource.transaction(work),
    intake: () => ctx.current.get<InboundIntakeService>(InboundIntakeService),
  };
}
