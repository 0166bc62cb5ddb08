import { Injectable } from '@nestjs/common';
import { ConflictError, type StaffPrincipal } from '@inbox/contracts';
import { CaseActionRunner, requireOpen } from './case-action-runner';

/**
 * An agent records that the complaint was acknowledged outside the automatic
 * acknowledgement (e.g. on a call): the RG 271 acknowledgement clock stops.
 */
@Injectable()
export class CaseAcknowledgementService {
  constructor(private readonly runner: CaseActionRunner) {}

  async acknowledge(principal: StaffPrincipal, caseId: string, input: { note?: string }) {
    return this.runner.run(principal, caseId, async (em, locked) => {
      requireOpen(locked);
      const [row] = (await em.query(`SELECT acknowledged_at FROM cases WHERE id = $1`, [locked.id])) as Array<{ acknowledged_at: Date | null }>;
      if (row.acknowledged_at) {
        throw new ConflictError('already_acknowledged', `Case ${locked.reference} was acknowledged at ${row.acknowledged_at.toISOString()}`, {
          acknowledgedAt: row.acknowledged_at.toISOString(),
        });
      }
      await em.query(
        `UPDATE cases SET acknowledged_at = now(), status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now() WHERE id = $1`,
        [locked.id],
      );
      return { type: 'case.acknowledged', data: { manual: true, ...(input.note ? { note: input.note } : {}) } };
    });
  }
}
