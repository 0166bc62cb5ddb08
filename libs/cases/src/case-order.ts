import { DEFAULT_QUEUE_SORT, type QueueSort } from '@inbox/contracts';

/**
 * The ORDER BY of each queue order, over `cases c`: fixed SQL picked by a
 * whitelisted name, never built from what the caller sent. The same keys as
 * the web queue's (apps/web/src/queue/queue-order.ts). `deadline` is the
 * queue's own order, the one its index serves.
 */
const ORDER_BY: Record<QueueSort, string> = {
  deadline: 'c.respond_by ASC NULLS LAST, c.priority ASC, c.received_at ASC',
  priority: 'c.priority ASC, c.respond_by ASC NULLS LAST, c.received_at ASC',
  newest: 'c.received_at DESC',
  oldest: 'c.received_at ASC',
  last_activity: 'c.last_message_at DESC, c.received_at DESC',
};

/** The columns an ORDER BY above reads, for a subquery that must carry them to an outer sort. */
export const CASE_ORDER_COLUMNS = 'c.respond_by, c.priority, c.received_at, c.last_message_at';

export function caseOrderSql(sort: QueueSort = DEFAULT_QUEUE_SORT): string {
  return `ORDER BY ${ORDER_BY[sort] ?? ORDER_BY[DEFAULT_QUEUE_SORT]}`;
}
