import type { EntityManager } from 'typeorm';
import { TOPICS, type CaseEvent, type CaseEventType, type CaseSummary, type MessageView } from '@inbox/contracts';

/**
 * Writes a case event into the audit trail and the outbox in the caller's
 * transaction (ARCHITECTURE rule 3); the outbox relay publishes it after commit.
 */
export async function writeCaseEvent(
  em: EntityManager,
  input: {
    type: CaseEventType;
    summary: CaseSummary;
    actorUserId?: string | null;
    message?: MessageView;
    data?: Record<string, unknown>;
  },
): Promise<CaseEvent> {
  // Take the sequence number first so the stored payload carries it: one insert, no update.
  const [{ seq }] = (await em.query(`SELECT nextval('case_events_seq_seq') AS seq`)) as Array<{ seq: string }>;
  const event: CaseEvent = {
    seq: Number(seq),
    type: input.type,
    caseId: input.summary.id,
    reference: input.summary.reference,
    teamId: input.summary.teamId,
    at: new Date().toISOString(),
    actorUserId: input.actorUserId ?? null,
    case: input.summary,
    ...(input.message ? { message: input.message } : {}),
    ...(input.data ? { data: input.data } : {}),
  };
  const payload = JSON.stringify(event);
  await em.query(`INSERT INTO case_events (seq, case_id, type, actor_user_id, payload) VALUES ($1, $2, $3, $4, $5)`, [
    seq,
    event.caseId,
    event.type,
    event.actorUserId,
    payload,
  ]);
  await em.query(`INSERT INTO outbox (topic, key, payload) VALUES ($1, $2, $3)`, [TOPICS.caseEvents, event.caseId, payload]);
  return event;
}
