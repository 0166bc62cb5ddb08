import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { parseSatisfactionAnswer } from './satisfaction-answer';

export interface RecordedAnswer {
  /** The resolved case the answer belongs to: intake stores the message there, without reopening it or opening a new case. */
  caseId: string;
  score: number;
}

/**
 * Takes a customer's reply as the answer to a pending satisfaction question.
 *
 * Intake calls `tryRecordAnswer` in its own transaction, once it knows the
 * customer and before it looks for (or opens) a case:
 *
 *   const answer = await this.satisfaction.tryRecordAnswer(em, customerId, message.text);
 *   if (answer) → store the message on answer.caseId and write its message.created event;
 *                 the case keeps its status, no case is opened.
 *
 * It returns null (nothing changed) unless the customer was asked within
 * CSAT_ANSWER_WINDOW_HOURS, has not answered yet, the case is still resolved,
 * and the text reads as a score 1–5.
 */
@Injectable()
export class SatisfactionAnswers {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async tryRecordAnswer(em: EntityManager, customerId: string, text: string): Promise<RecordedAnswer | null> {
    const score = parseSatisfactionAnswer(text);
    if (score === null) return null;
    const [pending] = (await em.query(
      `SELECT s.id, s.case_id FROM case_satisfaction s JOIN cases c ON c.id = s.case_id
        WHERE c.customer_id = $1 AND s.score IS NULL AND s.asked_at > now() - make_interval(hours => $2)
          AND c.status IN ('resolved', 'closed') AND c.resolved_at = s.resolved_at
        ORDER BY s.asked_at DESC LIMIT 1 FOR UPDATE OF s`,
      [customerId, this.config.workspace.csatAnswerWindowHours],
    )) as Array<{ id: string; case_id: string }>;
    if (!pending) return null;
    await em.query(`UPDATE case_satisfaction SET score = $2, answer_text = $3, answered_at = now() WHERE id = $1`, [pending.id, score, text.trim()]);
    const summary = (await loadCaseSummary(em, pending.case_id))!;
    await writeCaseEvent(em, { type: 'satisfaction.recorded', summary, data: { satisfactionId: pending.id, score, answer: text.trim() } });
    return { caseId: pending.case_id, score };
  }
}
