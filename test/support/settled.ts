import type { INestApplication } from '@nestjs/common';
import { DeadlineScheduler } from '@inbox/complaint-handling';
import { TOPICS } from '@inbox/contracts';

/** Runs one query on the test database (TestDatabase.query, or a pg Client's rows). */
export type QueryRows = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * The sentinel for "this never happens" on the in-process bus: waits until the
 * outbox holds nothing for the case — neither case events nor outbound
 * messages. The relay deletes a row only after `publish` resolved, and
 * LocalBus.publish resolves only once every consumer group has handled the
 * record; a reaction that writes new rows (an acknowledgement, a satisfaction
 * question) commits them before it returns. So when this resolves, every
 * reaction to what happened on the case so far has run to its end, the
 * provider stand-ins included, and an absence checked afterwards is real.
 * Only meaningful on the in-process bus (startTestInbox without Kafka).
 */
export async function caseSettled(query: QueryRows, caseId: string, ms = 20_000): Promise<void> {
  await drained(query, caseId, ms);
}

/** caseSettled for every case at once: the outbox holds no case event and no outbound message at all. */
export async function allSettled(query: QueryRows, ms = 20_000): Promise<void> {
  await drained(query, undefined, ms);
}

async function drained(query: QueryRows, caseId: string | undefined, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const pending = await query(`SELECT 1 FROM outbox WHERE topic = ANY($1) AND ($2::text IS NULL OR key = $2) LIMIT 1`, [
      [TOPICS.caseEvents, TOPICS.outbound],
      caseId ?? null,
    ]);
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${caseId ? `case ${caseId}: ` : ''}outbox records still unhandled after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The sentinel for "the deadline scheduler raised nothing (more)": resolves
 * once a complete sweep has run that started after the call. A round already
 * under way when this is called may have read the cases before; the second
 * `tick()` is a round that started after the first one ended. Rounds never
 * overlap (DeadlineScheduler.tick), and this process must be the leader.
 */
export async function completedSweep(app: INestApplication): Promise<void> {
  const scheduler = app.get(DeadlineScheduler);
  await scheduler.tick();
  if (!scheduler.isLeader) throw new Error('this process does not lead the deadline scheduler: its ticks do not sweep');
  await scheduler.tick();
}
