import { TOPICS, type CaseEvent, type CaseEventData, type CaseEventOf, type CaseEventType, type CaseSummary, type MessageView } from '@inbox/contracts';

type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };

/** Events of a transaction that writes them together at its end (see bufferCaseEvents). */
const buffered = new WeakMap<Queryable, Array<{ event: CaseEvent; json: string }>>();

/**
 * From now on, the case events written with this transaction's manager are
 * kept and written together, in the order they were made, by
 * flushCaseEvents: one statement for a whole intake batch instead of one per
 * event. Their `seq` is set by the flush; nothing may read them back before it.
 */
export function bufferCaseEvents(em: Queryable): void {
  if (!buffered.has(em)) buffered.set(em, []);
}

/** Writes the buffered events (audit rows and outbox entries, sequence numbers in order) and stops buffering. */
export async function flushCaseEvents(em: Queryable): Promise<void> {
  const events = buffered.get(em) ?? [];
  buffered.delete(em);
  if (events.length === 0) return;
  // The sequence numbers are drawn after the sort, so they follow the order the events were made in.
  const rows = (await em.query(
    `WITH numbered AS (
            SELECT nextval('case_events_seq_seq') AS seq, e.case_id, e.type, e.actor_user_id, e.payload, e.ord
              FROM (SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[]) WITH ORDINALITY
                      AS u(case_id, type, actor_user_id, payload, ord) ORDER BY ord) e),
          event AS (INSERT INTO case_events (seq, case_id, type, actor_user_id, payload)
                    SELECT seq, case_id, type, actor_user_id, jsonb_set(payload, '{seq}', to_jsonb(seq)) FROM numbered ORDER BY seq
                    RETURNING seq, case_id, payload),
          queued AS (INSERT INTO outbox (topic, key, payload) SELECT $5, case_id::text, payload FROM event ORDER BY seq)
     SELECT seq FROM numbered ORDER BY ord`,
    [
      events.map((e) => e.event.caseId),
      events.map((e) => e.event.type),
      events.map((e) => e.event.actorUserId),
      events.map((e) => e.json),
      TOPICS.caseEvents,
    ],
  )) as Array<{ seq: string }>;
  rows.forEach(({ seq }, i) => (events[i].event.seq = Number(seq)));
}

/**
 * Writes a case event into the audit trail and the outbox in the caller's
 * transaction (docs/architecture.md rule 3); the outbox relay publishes it after commit.
 * In a transaction that buffers its events (bufferCaseEvents) it is only kept, and written at the flush.
 */
export async function writeCaseEvent<T extends CaseEventType>(
  em: Queryable,
  input: {
    type: T;
    summary: CaseSummary;
    actorUserId?: string | null;
    message?: MessageView;
    data?: CaseEventData[T];
  },
): Promise<CaseEventOf<T>> {
  const event = {
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
  } as CaseEventOf<T>;
  const pending = buffered.get(em);
  if (pending) {
    // Serialised now: what the event says is what was true when it was made.
    pending.push({ event: event as CaseEvent, json: JSON.stringify(event) });
    return event;
  }
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
