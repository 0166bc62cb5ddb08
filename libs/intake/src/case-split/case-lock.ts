import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '@inbox/contracts';
import { OPEN_STATUSES } from '@inbox/cases';

/** A case row as a split or merge sees it, locked for its transaction. */
export interface LockedCaseRow {
  id: string;
  reference: string;
  status: string;
  kind: string;
  channel: string;
  account: string;
  customer_id: string;
  team_id: string | null;
  assignee_id: string | null;
  received_at: Date;
  acknowledge_by: Date | null;
  respond_by: Date | null;
  last_message_at: Date;
  preview: string;
}

/**
 * Locks the cases in id order (two merges of the same pair never deadlock); a missing one is not found.
 * NO KEY UPDATE: a delivery update holds its message and then writes a case event (a key-share lock on the
 * case); a full UPDATE lock here would wait on that message while it waits on us.
 */
export async function lockCases(em: EntityManager, ids: string[]): Promise<Map<string, LockedCaseRow>> {
  const rows = (await em.query(
    `SELECT id, reference, status, kind, channel, account, customer_id, team_id, assignee_id, received_at, acknowledge_by, respond_by,
            last_message_at, preview
       FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [ids],
  )) as LockedCaseRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) if (!byId.has(id)) throw new NotFoundError('case_not_found', 'No such case');
  return byId;
}

/** Splitting or merging a resolved or closed case would rewrite a finished complaint: reopen it first. */
export function requireOpenCase(c: LockedCaseRow): void {
  if (!(OPEN_STATUSES as readonly string[]).includes(c.status)) {
    throw new ConflictError('case_not_open', `Case ${c.reference} is ${c.status}; reopen it first`, { caseId: c.id, status: c.status });
  }
}
