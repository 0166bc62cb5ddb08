import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError, type CaseSummary, type Classification, type StaffPrincipal } from '@inbox/contracts';
import { differentComplaintSignal, productsMentioned } from '@inbox/complaint-detection';
import { CaseQueryService, queryRows, UnitOfWork, writeCaseEvent } from '@inbox/cases';

/** The case's earlier customer messages the signal compares against: enough to know what the case is about. */
const CASE_TEXTS = 20;

/**
 * Intake's side: a message that joined a customer's open case but names
 * other products than the case's messages (differentComplaintSignal) is
 * suggested to the agent as a split, in the intake transaction. Never
 * automatic: the agent moves it, or dismisses the suggestion.
 */
export async function suggestSplitFromMessage(
  em: Pick<EntityManager, 'query'>,
  input: { summary: CaseSummary; messageId: string; text: string; classification: Classification },
): Promise<void> {
  if (input.classification.kind !== 'complaint' && input.classification.kind !== 'enquiry') return;
  // Most messages that join a case name no product ("any news?"): no query for them.
  if (productsMentioned(input.text).length === 0) return;
  const earlier = (await em.query(
    `SELECT text FROM messages WHERE case_id = $1 AND direction = 'inbound' AND id <> $2 ORDER BY intake_seq LIMIT $3`,
    [input.summary.id, input.messageId, CASE_TEXTS],
  )) as Array<{ text: string }>;
  const signal = differentComplaintSignal(input.text, earlier.map((m) => m.text));
  if (!signal) return;
  const [row] = (await em.query(
    `INSERT INTO split_suggestions (case_id, message_id, message_topics, case_topics) VALUES ($1, $2, $3, $4)
     ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [input.summary.id, input.messageId, signal.messageProducts, signal.caseProducts],
  )) as Array<{ id: string }>;
  if (!row) return;
  await writeCaseEvent(em, { type: 'split.suggested', summary: input.summary, data: { suggestionId: row.id, messageId: input.messageId, ...signal } });
}

export interface SplitSuggestionView {
  id: string;
  caseId: string;
  messageId: string;
  messageProducts: string[];
  caseProducts: string[];
  createdAt: string;
}

/** The agent's side: the open suggestions on a case, and dismissing one. */
@Injectable()
export class SplitSuggestionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async openFor(principal: StaffPrincipal, caseId: string): Promise<SplitSuggestionView[]> {
    await this.cases.summaryVisibleTo(principal, caseId);
    const rows = (await this.db.query(
      `SELECT s.id, s.case_id, s.message_id, s.message_topics, s.case_topics, s.created_at
         FROM split_suggestions s JOIN messages m ON m.id = s.message_id AND m.case_id = s.case_id
        WHERE s.case_id = $1 AND s.status = 'open' ORDER BY s.created_at`,
      [caseId],
    )) as Array<{ id: string; case_id: string; message_id: string; message_topics: string[]; case_topics: string[]; created_at: Date }>;
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      messageId: r.message_id,
      messageProducts: r.message_topics,
      caseProducts: r.case_topics,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async dismiss(principal: StaffPrincipal, caseId: string, suggestionId: string): Promise<{ id: string; status: 'dismissed' }> {
    const summary = await this.cases.summaryVisibleTo(principal, caseId);
    await this.unitOfWork.run(async (em) => {
      const [row] = await queryRows<{ message_id: string }>(
        em,
        `UPDATE split_suggestions SET status = 'dismissed', decided_at = now(), decided_by = $3
          WHERE id::text = $1 AND case_id = $2 AND status = 'open' RETURNING message_id`,
        [suggestionId, caseId, principal.userId],
      );
      if (!row) throw new NotFoundError('suggestion_not_found', 'No open split suggestion with that id on this case');
      await writeCaseEvent(em, { type: 'case.updated', summary, actorUserId: principal.userId, data: { change: 'split_suggestion_dismissed', suggestionId, messageId: row.message_id } });
    });
    return { id: suggestionId, status: 'dismissed' };
  }
}
