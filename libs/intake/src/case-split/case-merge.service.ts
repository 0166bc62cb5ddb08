import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type CaseMergeData, type CaseSummary, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CaseQueryService, loadCaseSummary, queryRows, UnitOfWork, writeCaseEvent } from '@inbox/cases';
import { enforceCaseAction } from '@inbox/workspace';
import { ComplaintClockService, recordAudit } from '@inbox/complaint-handling';
import { lockCases, requireOpenCase, type LockedCaseRow } from './case-lock';

/** What the surviving case was before a merge: put back as it was when the merge is undone. */
interface SurvivorBefore {
  kind: string;
  receivedAt: string;
  acknowledgeBy: string | null;
  respondBy: string | null;
  lastMessageAt: string;
  preview: string;
}

export interface CaseMergeResult {
  mergeId: string;
  case: CaseSummary;
  merged: CaseSummary;
}

/**
 * Merges two open cases of one customer that are one complaint: the
 * surviving case takes the other's messages and keeps the earlier receipt
 * (the strictest RG 271 clock, recomputed by the complaint clock service);
 * the other is closed as merged, with a link to the survivor. Undoable while
 * neither has been answered since (no staff reply, no resolution).
 */
@Injectable()
export class CaseMergeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseQueryService,
    private readonly clocks: ComplaintClockService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async merge(principal: StaffPrincipal, caseId: string, intoCaseId: string): Promise<CaseMergeResult> {
    if (caseId === intoCaseId) throw new InvalidInputError('same_case', 'A case cannot be merged into itself');
    await this.cases.summaryVisibleTo(principal, caseId);
    await this.cases.summaryVisibleTo(principal, intoCaseId);
    return this.unitOfWork.run(async (em) => {
      const locked = await lockCases(em, [caseId, intoCaseId]);
      const merged = locked.get(caseId)!;
      const into = locked.get(intoCaseId)!;
      if (merged.customer_id !== into.customer_id) {
        throw new InvalidInputError('different_customers', `${merged.reference} and ${into.reference} are different customers’ cases: only one customer’s cases merge`);
      }
      for (const c of [merged, into]) {
        requireOpenCase(c);
        await this.enforce(em, principal, c);
      }
      const moved = await queryRows<{ id: string }>(em, `UPDATE messages SET case_id = $2, updated_at = now() WHERE case_id = $1 RETURNING id`, [merged.id, into.id]);
      const before: SurvivorBefore = {
        kind: into.kind,
        receivedAt: into.received_at.toISOString(),
        acknowledgeBy: into.acknowledge_by?.toISOString() ?? null,
        respondBy: into.respond_by?.toISOString() ?? null,
        lastMessageAt: into.last_message_at.toISOString(),
        preview: into.preview,
      };
      // One complaint among them makes the survivor one (any doubt counts for the customer).
      const kind = merged.kind === 'complaint' ? 'complaint' : into.kind;
      const later = merged.last_message_at > into.last_message_at;
      await em.query(
        `UPDATE cases SET kind = $2, last_message_at = GREATEST(last_message_at, $3), preview = CASE WHEN $4 THEN $5 ELSE preview END, updated_at = now() WHERE id = $1`,
        [into.id, kind, merged.last_message_at, later, merged.preview],
      );
      const start = merged.received_at < into.received_at ? merged.received_at : into.received_at;
      if (start < into.received_at || kind !== into.kind) {
        await this.clocks.restartIn(em, into.id, start, { actorUserId: principal.userId, reason: 'merge', why: `${merged.reference} merged into ${into.reference}: the earliest receipt starts the clock` });
      }
      await em.query(`UPDATE cases SET status = 'closed', closed_at = now(), merged_into_case_id = $2, updated_at = now() WHERE id = $1`, [merged.id, into.id]);
      const [{ id: mergeId }] = (await em.query(
        `INSERT INTO case_merges (merged_case_id, into_case_id, moved_message_ids, merged_case_status, into_before, merged_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [merged.id, into.id, moved.map((m) => m.id), merged.status, JSON.stringify(before), principal.userId],
      )) as Array<{ id: string }>;
      const data = { mergeId, mergedCaseId: merged.id, mergedReference: merged.reference, intoCaseId: into.id, intoReference: into.reference, messages: moved.length };
      return this.record(em, principal, 'case.merged', `${merged.reference} merged into ${into.reference}`, data, merged.id, into.id);
    });
  }

  /** Undoes the merge of `caseId` (the case closed as merged), while neither case has been answered since. */
  async unmerge(principal: StaffPrincipal, caseId: string): Promise<CaseMergeResult> {
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const [merge] = (await em.query(
        `SELECT id, into_case_id, moved_message_ids, merged_case_status, into_before, merged_at FROM case_merges
          WHERE merged_case_id = $1 AND undone_at IS NULL FOR UPDATE`,
        [caseId],
      )) as Array<{ id: string; into_case_id: string; moved_message_ids: string[]; merged_case_status: string; into_before: SurvivorBefore; merged_at: Date }>;
      if (!merge) throw new NotFoundError('not_merged', 'This case is not merged into another case');
      const locked = await lockCases(em, [caseId, merge.into_case_id]);
      const merged = locked.get(caseId)!;
      const into = locked.get(merge.into_case_id)!;
      await this.enforce(em, principal, into);
      const [answered] = (await em.query(
        `SELECT (SELECT count(*) FROM messages WHERE case_id = ANY($1::uuid[]) AND direction = 'outbound' AND author_user_id IS NOT NULL AND created_at > $2)
              + (SELECT count(*) FROM case_resolutions WHERE case_id = ANY($1::uuid[]) AND resolved_at > $2) AS n`,
        [[merged.id, into.id], merge.merged_at],
      )) as Array<{ n: string }>;
      if (Number(answered.n) > 0) {
        throw new ConflictError('answered_since_merge', `${into.reference} has been answered since the merge: the customer was told about both as one case, so it stays merged`);
      }
      // Messages that arrived after the merge stay where they were placed: only the merged case's own go back.
      await em.query(`UPDATE messages SET case_id = $2, updated_at = now() WHERE id = ANY($1::uuid[]) AND case_id = $3`, [merge.moved_message_ids, merged.id, into.id]);
      const b = merge.into_before;
      await em.query(`UPDATE cases SET kind = $2, last_message_at = $3, preview = $4, updated_at = now() WHERE id = $1`, [into.id, b.kind, b.lastMessageAt, b.preview]);
      if (into.received_at.toISOString() !== b.receivedAt || into.kind !== b.kind) {
        await this.clocks.restartIn(em, into.id, new Date(b.receivedAt), { actorUserId: principal.userId, reason: 'unmerge', why: `${merged.reference} unmerged from ${into.reference}: the clock is as before the merge` });
      }
      await em.query(`UPDATE cases SET status = $2, closed_at = NULL, merged_into_case_id = NULL, updated_at = now() WHERE id = $1`, [merged.id, merge.merged_case_status]);
      await em.query(`UPDATE case_merges SET undone_at = now(), undone_by = $2 WHERE id = $1`, [merge.id, principal.userId]);
      const data = { mergeId: merge.id, mergedCaseId: merged.id, mergedReference: merged.reference, intoCaseId: into.id, intoReference: into.reference, messages: merge.moved_message_ids.length };
      return this.record(em, principal, 'case.unmerged', `${merged.reference} unmerged from ${into.reference}`, data, merged.id, into.id);
    });
  }

  private enforce(em: EntityManager, principal: StaffPrincipal, c: LockedCaseRow) {
    return enforceCaseAction(em, principal, 'merge', c, { finalResponseApproval: this.config.workspace.finalResponseApproval });
  }

  /** The merge or its undoing on both cases: the audit trail and each case's history. */
  private async record(
    em: EntityManager,
    principal: StaffPrincipal,
    type: 'case.merged' | 'case.unmerged',
    reason: string,
    data: CaseMergeData,
    mergedId: string,
    intoId: string,
  ): Promise<CaseMergeResult> {
    for (const id of [mergedId, intoId]) await recordAudit(em, { caseId: id, actorUserId: principal.userId, action: type, reason, data });
    const merged = (await loadCaseSummary(em, mergedId))!;
    const into = (await loadCaseSummary(em, intoId))!;
    await writeCaseEvent(em, { type, summary: merged, actorUserId: principal.userId, data });
    await writeCaseEvent(em, { type, summary: into, actorUserId: principal.userId, data });
    return { mergeId: data.mergeId, case: into, merged };
  }
}
