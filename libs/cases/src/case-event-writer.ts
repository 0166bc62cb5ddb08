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
  const event: CaseEvent = {
    seq: 0, // set below: the statement takes the sequence number and writes it into both copies
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
  // One round trip: the audit row and its outbox entry, both carrying the sequence number.
  const [{ seq }] = (await em.query(
    `WITH next AS (SELECT nextval('case_events_seq_seq') AS seq),
          event AS (INSERT INTO case_events (seq, case_id, type, actor_user_id, payload)
                    SELECT next.seq, $1, $2, $3, jsonb_set($4::jsonb, '{seq}', to_jsonb(next.seq)) FROM next
                    RETURNING seq, payload),
          queued AS (INSERT INTO outbox (topic, key, payload) SELECT $5, $1::text, event.payload FROM event)
     SELECT seq FROM event`,
    [event.caseId, event.type, event.actorUserId, JSON.stringify(event), TOPICS.caseEvents],
  )) as Array<{ seq: string }>;
  event.seq = Number(seq);
  return event;
}
