import type { CaseDetail } from '@inbox/contracts';

/**
 * The merge this case is closed by, when it is: the latest `case.merged` of
 * it (as the merged case) that no `case.unmerged` followed. Read from the
 * case's own history, so the link and the undo need no call of their own.
 */
export function activeMergeOf(detail: Pick<CaseDetail, 'id' | 'events'>): { intoCaseId: string; intoReference: string } | null {
  let active: { intoCaseId: string; intoReference: string } | null = null;
  for (const e of detail.events) {
    const data = e.data ?? {};
    if (data.mergedCaseId !== detail.id) continue;
    if (e.type === 'case.merged') active = { intoCaseId: String(data.intoCaseId), intoReference: String(data.intoReference) };
    if (e.type === 'case.unmerged') active = null;
  }
  return active;
}
