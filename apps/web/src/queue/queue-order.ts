import { DEFAULT_QUEUE_SORT, type CaseSummary, type QueueSort } from '@inbox/contracts';

type Compare = (a: CaseSummary, b: CaseSummary) => number;

const deadline: Compare = (a, b) => {
  const da = a.deadlines.respondBy ? Date.parse(a.deadlines.respondBy) : Number.POSITIVE_INFINITY;
  const db = b.deadlines.respondBy ? Date.parse(b.deadlines.respondBy) : Number.POSITIVE_INFINITY;
  return da === db ? 0 : da < db ? -1 : 1;
};
const priority: Compare = (a, b) => a.priority - b.priority;
const arrival: Compare = (a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
const activity: Compare = (a, b) => Date.parse(a.lastMessageAt) - Date.parse(b.lastMessageAt);
const reversed =
  (compare: Compare): Compare =>
  (a, b) =>
    compare(b, a);
// Equal keys fall back to the reference, so a tie keeps its place as the queue changes.
const reference: Compare = (a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);

/** Each order as keys tried in turn: the same keys `GET /api/cases` sorts by (libs/cases/src/case-order.ts). */
const KEYS: Record<QueueSort, Compare[]> = {
  deadline: [deadline, priority, arrival],
  priority: [priority, deadline, arrival],
  newest: [reversed(arrival)],
  oldest: [arrival],
  last_activity: [reversed(activity), reversed(arrival)],
};

/** A comparator for the queue in the given order (the queue's own, deadline first, by default). */
export function compareCasesBy(sort: QueueSort = DEFAULT_QUEUE_SORT): Compare {
  const keys = [...(KEYS[sort] ?? KEYS[DEFAULT_QUEUE_SORT]), reference];
  return (a, b) => {
    for (const key of keys) {
      const order = key(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}
