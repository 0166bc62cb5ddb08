import type { EntityManager } from 'typeorm';
import { decideCaseAction, ForbiddenError, type CaseActionSettings, type GuardedCaseAction, type StaffPrincipal } from '@inbox/contracts';

/**
 * Applies the case action policy (libs/contracts/src/case-action-policy.ts)
 * to a case locked in the caller's transaction: refuses with a 403 that says
 * why. Whether an escalation went to supervisors is the latest escalation's
 * target; a supervisor's transfer hands the case back (status leaves `escalated`).
 */
export async function enforceCaseAction(
  em: EntityManager,
  principal: StaffPrincipal,
  action: GuardedCaseAction,
  locked: { id: string; status: string; assignee_id: string | null },
  settings: CaseActionSettings,
): Promise<void> {
  let escalatedToSupervisors = false;
  if (locked.status === 'escalated') {
    const [latest] = (await em.query(
      `SELECT payload->'data'->>'to' AS "to" FROM case_events WHERE case_id = $1 AND type = 'case.escalated' ORDER BY seq DESC LIMIT 1`,
      [locked.id],
    )) as Array<{ to: string | null }>;
    escalatedToSupervisors = latest?.to === 'supervisors';
  }
  const decision = decideCaseAction(principal, action, { status: locked.status, assigneeId: locked.assignee_id, escalatedToSupervisors }, settings);
  if (!decision.allowed) throw new ForbiddenError(decision.code, decision.message);
}
