import { Injectable } from '@nestjs/common';
import { CASE_PRIORITIES, InvalidInputError } from '@inbox/contracts';
import { CaseActionRunner, requireOpen, type CaseActor } from './case-action-runner';

/** A case's priority, 1 (most urgent) to 5: the queue orders cases due together by it and shows it on the row. */
@Injectable()
export class CasePriorityService {
  constructor(private readonly runner: CaseActionRunner) {}

  async setPriority(actor: CaseActor, caseId: string, priority: number, reason?: string) {
    if (!(CASE_PRIORITIES as readonly number[]).includes(priority)) throw new InvalidInputError('invalid_priority', 'Priority is 1 (most urgent) to 5');
    return this.runner.run(actor, caseId, async (em, locked) => {
      requireOpen(locked);
      const [before] = (await em.query(`SELECT priority FROM cases WHERE id = $1`, [locked.id])) as Array<{ priority: number }>;
      await em.query(`UPDATE cases SET priority = $2, updated_at = now() WHERE id = $1`, [locked.id, priority]);
      return { type: 'case.updated', data: { change: 'priority', from: Number(before.priority), to: priority, ...(reason ? { reason } : {}) } };
    });
  }
}
