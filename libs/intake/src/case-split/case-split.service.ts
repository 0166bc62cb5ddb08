import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, type CaseSummary, type Classification, type ClassificationKind, type StaffPrincipal } from '@inbox/contracts';
import { priorityFor } from '@inbox/complaint-detection';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CaseQueryService, loadCaseSummary, UnitOfWork, writeCaseEvent, writeCaseReturningSummary } from '@inbox/cases';
import { enforceCaseAction } from '@inbox/workspace';
import { ComplaintClockService, recordAudit } from '@inbox/complaint-handling';
import { lockCases, requireOpenCase, type LockedCaseRow } from './case-lock';

interface CaseMessageRow {
  id: string;
  direction: 'inbound' | 'outbound';
  received_at: Date;
  text: string;
  classification: Classification | null;
}

const PREVIEW_LENGTH = 140;

/**
 * Moves messages of one case to a new case: one complaint, one case
 * (docs/workspace.md). The new case gets its own reference, its RG 271 clock
 * from the earliest moved message's receipt (the complaint clock service
 * computes the deadlines), and its kind, category and priority from the moved
 * messages' own classification; the case they left restarts its clock when
 * the moved messages were what it counted from. Both cases record the split
 * in their history and in the compliance audit trail.
 */
@Injectable()
export class CaseSplitService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseQueryService,
    private readonly clocks: ComplaintClockService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async split(principal: StaffPrincipal, caseId: string, messageIds: string[]): Promise<{ case: CaseSummary; from: CaseSummary }> {
    const moving = [...new Set(messageIds)];
    if (moving.length === 0) throw new InvalidInputError('no_messages', 'Select at least one of the customer’s messages to move');
    await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const original = (await lockCases(em, [caseId])).get(caseId)!;
      requireOpenCase(original);
      await enforceCaseAction(em, principal, 'split', original, { finalResponseApproval: this.config.workspace.finalResponseApproval });
      // Not locked: the case lock keeps intake from placing messages on it meanwhile, and replies never move.
      const messages = (await em.query(
        `SELECT id, direction, received_at, text, classification FROM messages WHERE case_id = $1 ORDER BY intake_seq`,
        [caseId],
      )) as CaseMessageRow[];
      const moved = refuseImpossibleSplit(original, messages, moving);
      const stays = messages.filter((m) => m.direction === 'inbound' && !moving.includes(m.id));
      const { summary: created, kind } = await this.openSplitCase(em, original, moved, principal);
      await em.query(`UPDATE messages SET case_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [moving, created.id]);
      await em.query(`UPDATE split_suggestions SET status = 'split', decided_at = now(), decided_by = $2 WHERE message_id = ANY($1::uuid[]) AND status = 'open'`, [
        moving,
        principal.userId,
      ]);
      const why = `split from ${original.reference} into ${created.reference}`;
      await this.clocks.restartIn(em, created.id, moved[0].received_at, { actorUserId: principal.userId, reason: 'split', why: `${why}: the clock starts at the earliest moved message` });
      // The case that kept the rest counts from its own first message when the moved ones were what it counted from.
      if (original.received_at.getTime() >= moved[0].received_at.getTime()) {
        await this.clocks.restartIn(em, original.id, stays[0].received_at, { actorUserId: principal.userId, reason: 'split', why: `${why}: the clock starts at the earliest message that stayed` });
      }
      const latest = stays[stays.length - 1];
      await em.query(`UPDATE cases SET last_message_at = $2, preview = $3, updated_at = now() WHERE id = $1`, [original.id, latest.received_at, previewOf(latest.text)]);

      const data = { fromCaseId: original.id, fromReference: original.reference, newCaseId: created.id, newReference: created.reference, messageIds: moving };
      for (const id of [original.id, created.id]) await recordAudit(em, { caseId: id, actorUserId: principal.userId, action: 'case.split', reason: why, data });
      const createdSummary = (await loadCaseSummary(em, created.id))!;
      const fromSummary = (await loadCaseSummary(em, original.id))!;
      await writeCaseEvent(em, { type: 'case.created', summary: createdSummary, actorUserId: principal.userId, data: { kind, splitFromCaseId: original.id, ...data } });
      await writeCaseEvent(em, { type: 'case.split', summary: createdSummary, actorUserId: principal.userId, data });
      await writeCaseEvent(em, { type: 'case.split', summary: fromSummary, actorUserId: principal.userId, data });
      return { case: createdSummary, from: fromSummary };
    });
  }

  /** The new case, in the original's team and hands, classified from the moved messages; its clock is set by the caller. */
  private async openSplitCase(em: EntityManager, original: LockedCaseRow, moved: CaseMessageRow[], principal: StaffPrincipal): Promise<{ summary: CaseSummary; kind: ClassificationKind }> {
    const classifications = moved.map((m) => m.classification).filter((c): c is Classification => c !== null);
    // Any doubt counts for the customer (RG 271): one complaining message makes the new case a complaint.
    const kind: ClassificationKind = classifications.some((c) => c.kind === 'complaint') ? 'complaint' : 'enquiry';
    const leading = classifications.find((c) => c.kind === kind && c.category) ?? classifications.find((c) => c.category);
    const priority = classifications.length > 0 ? Math.min(...classifications.map((c) => priorityFor(c))) : 3;
    const urgency = classifications.some((c) => c.urgency === 'high') ? 'high' : 'normal';
    const vulnerability = [...new Set(classifications.flatMap((c) => c.vulnerability ?? []))];
    const latest = moved[moved.length - 1];
    const summary = (await writeCaseReturningSummary(
      em,
      `INSERT INTO cases (reference, status, channel, account, customer_id, team_id, assignee_id, received_at, last_message_at, preview, kind,
                          category, priority, urgency, vulnerability, linked_case_id, split_from_case_id)
       SELECT 'C-' || lpad(n::text, greatest(6, length(n::text)), '0'), 'open', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14
         FROM (SELECT nextval('case_reference_seq') AS n) seq
       RETURNING *`,
      [
        original.channel,
        original.account,
        original.customer_id,
        original.team_id,
        // The agent who splits holds the original (or is a supervisor): the new case stays with the original's holder.
        original.assignee_id ?? (principal.role === 'agent' ? principal.userId : null),
        moved[0].received_at,
        latest.received_at,
        previewOf(latest.text),
        kind,
        leading?.category ?? null,
        priority,
        urgency,
        JSON.stringify(vulnerability),
        original.id,
      ],
    ))!;
    return { summary, kind };
  }
}

/** The moved messages in the order they came in, or a refusal that says which rule the selection breaks. */
function refuseImpossibleSplit(original: LockedCaseRow, messages: CaseMessageRow[], moving: string[]): CaseMessageRow[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const foreign = moving.filter((id) => !byId.has(id));
  if (foreign.length > 0) {
    throw new InvalidInputError('message_not_in_case', `Only messages of ${original.reference} can be moved out of it`, { messageIds: foreign });
  }
  const outbound = moving.filter((id) => byId.get(id)!.direction === 'outbound');
  if (outbound.length > 0) {
    throw new InvalidInputError('outbound_message', 'Only the customer’s messages can move: replies stay on the case they answered', { messageIds: outbound });
  }
  if (!messages.some((m) => m.direction === 'inbound' && !moving.includes(m.id))) {
    throw new InvalidInputError('split_takes_all', `Leave at least one of the customer’s messages on ${original.reference}: moving them all is not a split`);
  }
  return messages.filter((m) => moving.includes(m.id));
}

function previewOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH);
}
