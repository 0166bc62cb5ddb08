import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type CaseEvent, type CustomerMergeData, type StaffPrincipal } from '@inbox/contracts';
import { planUnmerge } from '@inbox/complaint-detection';
import { loadCaseSummary, queryRows, requireVisibleCustomers, requireVisibleMergeSides, UnitOfWork, writeCaseEvent } from '@inbox/cases';

export interface MergeResult {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  identities: number;
  cases: number;
  messages: number;
}

/** Who merges or unmerges: recorded on the merge and on every affected case's history; both customers must be visible to them. */
export type MergeActor = StaffPrincipal;

/**
 * Merging two customers moves the other's identities, cases and messages to
 * the survivor in one transaction and records exactly what moved; unmerge
 * gives back what came from the other side, attributing what arrived after
 * the merge by provenance (see planUnmerge). Both are audited: the
 * customer_merges row, and a case event on every case of both customers.
 */
/**
 * A merge moves every identity, case and message of a customer while intake and the case-event consumers may
 * be locking some of those rows in another order; PostgreSQL then aborts one side as a deadlock. The merge is
 * all in its transaction, so it is simply run again (a loaded test run saw the 500 this used to give).
 */
const MERGE_TRANSACTION = { deadlockAttempts: 3 };

@Injectable()
export class CustomerMergeService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async merge(survivorId: string, otherId: string, actor: MergeActor, suggestionId?: string): Promise<MergeResult> {
    if (survivorId === otherId) throw new InvalidInputError('merge_same_customer', 'A customer cannot be merged into itself');
    return this.unitOfWork.run(async (em) => {
      await this.lockCustomers(em, [survivorId, otherId], { mustBeActive: true });
      // Both customers visible to the caller: an agent cannot pull another team's customer into view.
      await requireVisibleCustomers(em, actor, [survivorId, otherId]);
      const [merge] = (await em.query(
        `INSERT INTO customer_merges (survivor_id, merged_id, merged_by) VALUES ($1, $2, $3) RETURNING id`,
        [survivorId, otherId, actor.userId],
      )) as Array<{ id: string }>;
      const counts: Record<string, number> = {};
      for (const [type, table] of [['identity', 'identities'], ['case', 'cases'], ['message', 'messages']] as const) {
        const moved = await queryRows(
          em,
          `WITH moved AS (UPDATE ${table} SET customer_id = $2 WHERE customer_id = $3 RETURNING id)
           INSERT INTO customer_merge_items (merge_id, item_type, item_id) SELECT $1, $4, id FROM moved RETURNING item_id`,
          [merge.id, survivorId, otherId, type],
        );
        counts[type] = moved.length;
      }
      await em.query(`UPDATE customers SET merged_into_id = $1, updated_at = now() WHERE id = $2`, [survivorId, otherId]);
      await em.query(
        `UPDATE customers s SET display_name = COALESCE(s.display_name, o.display_name), updated_at = now()
           FROM customers o WHERE s.id = $1 AND o.id = $2`,
        [survivorId, otherId],
      );
      await em.query(
        `UPDATE merge_suggestions SET status = 'accepted', decided_by = $3, decided_at = now(), merge_id = $4
          WHERE status = 'open' AND (id = $5::uuid OR (LEAST(customer_id, other_customer_id) = LEAST($1::uuid, $2::uuid)
                                                  AND GREATEST(customer_id, other_customer_id) = GREATEST($1::uuid, $2::uuid)))`,
        [survivorId, otherId, actor.userId, merge.id, suggestionId ?? null],
      );
      const data = { mergeId: merge.id, survivorId, mergedId: otherId, moved: counts };
      await this.recordOnCases(em, 'customer.merged', [survivorId], actor, data);
      return { mergeId: merge.id, survivorId, mergedId: otherId, identities: counts.identity, cases: counts.case, messages: counts.message };
    }, undefined, MERGE_TRANSACTION);
  }

  async unmerge(mergeId: string, actor: MergeActor): Promise<MergeResult> {
    return this.unitOfWork.run(async (em) => {
      const [merge] = (await em.query(
        `SELECT id, survivor_id, merged_id, created_at, unmerged_at FROM customer_merges WHERE id = $1`,
        [mergeId],
      )) as Array<{ id: string; survivor_id: string; merged_id: string; created_at: Date; unmerged_at: Date | null }>;
      if (!merge) throw new NotFoundError('merge_not_found', 'No such merge');
      const { survivor_id: survivorId, merged_id: otherId } = merge;
      const locked = await this.lockCustomers(em, [survivorId, otherId], { mustBeActive: false });
      await requireVisibleMergeSides(em, actor, { id: mergeId, survivorId, mergedId: otherId });
      if (merge.unmerged_at) throw new ConflictError('merge_already_undone', 'This merge was already undone');
      if (locked.get(survivorId)) {
        throw new ConflictError('survivor_merged_later', 'The surviving customer was merged again since; undo that merge first');
      }
      const items = (await em.query(`SELECT item_type, item_id FROM customer_merge_items WHERE merge_id = $1`, [mergeId])) as Array<{
        item_type: 'identity' | 'case' | 'message';
        item_id: string;
      }>;
      const ofType = (t: string) => items.filter((i) => i.item_type === t).map((i) => i.item_id);
      const plan = planUnmerge({
        movedIdentityIds: ofType('identity'),
        movedCaseIds: ofType('case'),
        laterCases: (await em.query(
          `SELECT c.id, (SELECT i.id FROM messages m JOIN identities i ON i.channel = m.channel AND i.address = m.sender_address
                          WHERE m.case_id = c.id AND m.direction = 'inbound' ORDER BY m.intake_seq LIMIT 1) AS opener
             FROM cases c WHERE c.customer_id = $1 AND c.created_at > $2`,
          [survivorId, merge.created_at],
        ) as Array<{ id: string; opener: string | null }>).map((c) => ({ id: c.id, openerIdentityId: c.opener })),
        laterIdentities: (await em.query(
          `SELECT i.id, (SELECT m.case_id FROM messages m WHERE m.channel = i.channel AND m.sender_address = i.address
                            AND m.direction = 'inbound' ORDER BY m.intake_seq LIMIT 1) AS first_case
             FROM identities i WHERE i.customer_id = $1 AND i.created_at > $2`,
          [survivorId, merge.created_at],
        ) as Array<{ id: string; first_case: string | null }>).map((i) => ({ id: i.id, firstCaseId: i.first_case })),
        caselessMessages: (await em.query(
          `SELECT m.id, i.id AS identity_id FROM messages m
             LEFT JOIN identities i ON i.channel = m.channel AND i.address = m.sender_address
            WHERE m.customer_id = $1 AND m.case_id IS NULL`,
          [survivorId],
        ) as Array<{ id: string; identity_id: string | null }>).map((m) => ({ id: m.id, identityId: m.identity_id })),
      });
      const back = async (sql: string, params: unknown[]) => (await queryRows(em, sql, params)).length;
      const identities = await back(`UPDATE identities SET customer_id = $2 WHERE customer_id = $1 AND id = ANY($3) RETURNING id`, [survivorId, otherId, plan.identityIds]);
      const cases = await back(`UPDATE cases SET customer_id = $2, updated_at = now() WHERE customer_id = $1 AND id = ANY($3) RETURNING id`, [survivorId, otherId, plan.caseIds]);
      const messages = await back(
        `UPDATE messages SET customer_id = $2 WHERE customer_id = $1 AND (case_id = ANY($3) OR id = ANY($4)) RETURNING id`,
        [survivorId, otherId, plan.caseIds, plan.caselessMessageIds],
      );
      await em.query(`UPDATE customers SET merged_into_id = NULL, updated_at = now() WHERE id = $1`, [otherId]);
      await em.query(`UPDATE customer_merges SET unmerged_at = now(), unmerged_by = $2 WHERE id = $1`, [mergeId, actor.userId]);
      const data = { mergeId, survivorId, mergedId: otherId, restored: { identities, cases, messages } };
      await this.recordOnCases(em, 'customer.unmerged', [survivorId, otherId], actor, data);
      return { mergeId, survivorId, mergedId: otherId, identities, cases, messages };
    }, undefined, MERGE_TRANSACTION);
  }

  /** Locks the customers in id order (so two merges never deadlock); returns each one's merged_into_id. */
  private async lockCustomers(em: EntityManager, ids: string[], opts: { mustBeActive: boolean }): Promise<Map<string, string | null>> {
    const rows = (await em.query(`SELECT id, merged_into_id FROM customers WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [ids])) as Array<{
      id: string;
      merged_into_id: string | null;
    }>;
    if (rows.length !== ids.length) throw new NotFoundError('customer_not_found', 'No such customer');
    const state = new Map(rows.map((r) => [r.id, r.merged_into_id]));
    if (opts.mustBeActive && rows.some((r) => r.merged_into_id)) {
      throw new ConflictError('customer_already_merged', 'One of these customers was already merged into another');
    }
    return state;
  }

  private async recordOnCases(em: EntityManager, type: 'customer.merged' | 'customer.unmerged', customerIds: string[], actor: MergeActor, data: CustomerMergeData): Promise<CaseEvent[]> {
    const cases = (await em.query(`SELECT id FROM cases WHERE customer_id = ANY($1) ORDER BY received_at`, [customerIds])) as Array<{ id: string }>;
    const events: CaseEvent[] = [];
    for (const c of cases) {
      const summary = (await loadCaseSummary(em, c.id))!;
      events.push(await writeCaseEvent(em, { type, summary, actorUserId: actor.userId, data }));
    }
    return events;
  }
}
