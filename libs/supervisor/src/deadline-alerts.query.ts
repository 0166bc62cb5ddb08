import type { DeadlineAlert, QueueHealth } from '@inbox/contracts';
import { UNDELIVERED_STATUSES } from './acknowledgement-given';

type Db = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Each count is taken up to this many and then said to be more (the
 * dashboard shows "1,000+"): counting every breached deadline of a neglected
 * queue read all of its open cases (822 ms at 1M cases, docs/benchmark.md),
 * and past a thousand the number changes nothing a supervisor does.
 */
export const DEADLINE_COUNT_CAP = 1_000;

export interface DeadlineAlertRow {
  id: string;
  reference: string;
  channel: string;
  team_id: string | null;
  assignee_id: string | null;
  deadline: DeadlineAlert['deadline'];
  due_at: Date;
  fraction: string | null;
}

const OPEN_COMPLAINT = `c.status IN ('new', 'open', 'pending', 'escalated') AND c.kind = 'complaint'`;
const COLUMNS = `c.id, c.reference, c.channel, c.team_id, c.assignee_id`;

/**
 * The deadlines at risk and breached at `now`, the most urgent `limit` of them
 * listed and each kind counted up to DEADLINE_COUNT_CAP + 1, as the RG 271
 * clock counts them: IDR time used excludes allowed pauses, the
 * acknowledgement clock has none and stops once the customer could have the
 * acknowledgement (acknowledgement-given.ts). Every read walks a partial index
 * in deadline order (migration 1732402100001), so it stops at the page or the
 * cap; the few cases with a pause, and the few whose automatic
 * acknowledgement the provider has not taken, are read whole beside them.
 */
export async function deadlineAlerts(db: Db, now: Date, threshold: number, limit: number): Promise<{ rows: DeadlineAlertRow[]; counts: QueueHealth['deadlines']['counts'] }> {
  const cap = DEADLINE_COUNT_CAP + 1;
  const paused = (await db.query(
    `SELECT ${COLUMNS}, 'idr_response' AS deadline, c.respond_by + pz.paused_s * interval '1 second' AS due_at,
            (extract(epoch FROM $1::timestamptz - c.received_at) - pz.paused_s) / NULLIF(extract(epoch FROM c.respond_by - c.received_at), 0) AS fraction
       FROM (SELECT p.case_id, sum(extract(epoch FROM LEAST(COALESCE(p.ended_at, $1::timestamptz), $1::timestamptz) - p.started_at)) AS paused_s
               FROM compliance_pauses p WHERE p.started_at < $1::timestamptz GROUP BY p.case_id) pz
       JOIN cases c ON c.id = pz.case_id
      WHERE ${OPEN_COMPLAINT} AND c.respond_by IS NOT NULL`,
    [now],
  )) as DeadlineAlertRow[];
  const pausedIds = paused.map((r) => r.id);
  const idrFraction = `extract(epoch FROM $1::timestamptz - c.received_at) / NULLIF(extract(epoch FROM c.respond_by - c.received_at), 0)`;
  const idrOpen = (pausedParam: string) => `${OPEN_COMPLAINT} AND c.respond_by IS NOT NULL AND c.id <> ALL(${pausedParam}::uuid[])`;
  const ackFraction = `extract(epoch FROM $1::timestamptz - c.received_at) / NULLIF(extract(epoch FROM c.acknowledge_by - c.received_at), 0)`;
  // Never acknowledged: the partial index holds exactly these.
  const ackOpen = `${OPEN_COMPLAINT} AND c.acknowledged_at IS NULL AND c.acknowledge_by IS NOT NULL`;
  const count = async (sql: string, params: unknown[]) =>
    ((await db.query(`SELECT count(*)::int AS n FROM (${sql} LIMIT ${cap}) t`, params)) as Array<{ n: number }>)[0].n;

  const [idrPage, ackPage, undelivered, idrBreached, idrAtRisk, ackBreached, ackAtRisk] = await Promise.all([
    db.query(
      `SELECT ${COLUMNS}, 'idr_response' AS deadline, c.respond_by AS due_at, ${idrFraction} AS fraction FROM cases c
        WHERE ${idrOpen('$3')} AND (c.respond_by < $1 OR COALESCE(${idrFraction}, 1) >= $2) ORDER BY c.respond_by LIMIT $4`,
      [now, threshold, pausedIds, limit],
    ) as Promise<DeadlineAlertRow[]>,
    db.query(
      `SELECT ${COLUMNS}, 'acknowledgement' AS deadline, c.acknowledge_by AS due_at, ${ackFraction} AS fraction FROM cases c
        WHERE ${ackOpen} AND (c.acknowledge_by < $1 OR COALESCE(${ackFraction}, 1) >= $2) ORDER BY c.acknowledge_by LIMIT $3`,
      [now, threshold, limit],
    ) as Promise<DeadlineAlertRow[]>,
    // Marked acknowledged by the automatic acknowledgement, which the provider has not taken or did not deliver.
    db.query(
      `SELECT ${COLUMNS}, 'acknowledgement' AS deadline, c.acknowledge_by AS due_at, ${ackFraction} AS fraction
         FROM messages am JOIN case_compliance cc ON cc.acknowledgement_message_id = am.id JOIN cases c ON c.id = cc.case_id
        WHERE am.direction = 'outbound' AND (am.external_id IS NULL OR am.delivery_status IN (${UNDELIVERED_STATUSES.map((s) => `'${s}'`).join(', ')}))
          AND ${OPEN_COMPLAINT} AND c.acknowledged_at IS NOT NULL AND c.acknowledge_by IS NOT NULL
          AND (c.acknowledge_by < $1 OR COALESCE(${ackFraction}, 1) >= $2)`,
      [now, threshold],
    ) as Promise<DeadlineAlertRow[]>,
    count(`SELECT 1 FROM cases c WHERE ${idrOpen('$2')} AND c.respond_by < $1`, [now, pausedIds]),
    count(`SELECT 1 FROM cases c WHERE ${idrOpen('$3')} AND c.respond_by >= $1 AND COALESCE(${idrFraction}, 1) >= $2 ORDER BY c.respond_by`, [now, threshold, pausedIds]),
    count(`SELECT 1 FROM cases c WHERE ${ackOpen} AND c.acknowledge_by < $1`, [now]),
    count(`SELECT 1 FROM cases c WHERE ${ackOpen} AND c.acknowledge_by >= $1 AND COALESCE(${ackFraction}, 1) >= $2 ORDER BY c.acknowledge_by`, [now, threshold]),
  ]);

  const flagged = (r: DeadlineAlertRow) => now > r.due_at || (r.fraction === null ? 1 : Number(r.fraction)) >= threshold;
  const breached = (r: DeadlineAlertRow) => now > r.due_at;
  const pausedFlagged = paused.filter(flagged);
  const capped = (n: number) => Math.min(n, cap);
  const counts: QueueHealth['deadlines']['counts'] = {
    idr_response: {
      atRisk: capped(idrAtRisk + pausedFlagged.filter((r) => !breached(r)).length),
      breached: capped(idrBreached + pausedFlagged.filter(breached).length),
    },
    acknowledgement: {
      atRisk: capped(ackAtRisk + undelivered.filter((r) => !breached(r)).length),
      breached: capped(ackBreached + undelivered.filter(breached).length),
    },
  };
  const rows = [...idrPage, ...pausedFlagged, ...ackPage, ...undelivered]
    .sort((a, b) => a.due_at.getTime() - b.due_at.getTime() || a.reference.localeCompare(b.reference))
    .slice(0, limit);
  return { rows, counts };
}
