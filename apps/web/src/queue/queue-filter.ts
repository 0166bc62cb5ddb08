import { DEFAULT_QUEUE_SORT, isQueueSort, matchesFieldConditions, type CaseSummary, type QueueFilters } from '@inbox/contracts';
import { withTags } from './queue-tags';

/** Whether a case passes a combination of the queue's filters (the queue's own, or a saved view's). */
export function matchesQueueFilters(summary: CaseSummary, filters: QueueFilters, myId: string): boolean {
  if (filters.assignee === 'mine' && summary.assigneeId !== myId) return false;
  if (filters.assignee === 'unassigned' && summary.assigneeId) return false;
  if (!withTags(summary, new Set(filters.tagIds))) return false;
  if (!matchesFieldConditions(summary.fields, filters.fields)) return false;
  const needle = filters.text.trim().toLowerCase();
  if (!needle) return true;
  return [summary.customerName, summary.customerAddress, summary.preview, summary.reference, summary.category].some((f) => f?.toLowerCase().includes(needle));
}

/**
 * Whether two combinations of filters show the same cases in the same order: tags in any order, the words
 * without their outer spaces, and a view saved before field conditions or sorting read as having the defaults.
 */
export function sameQueueFilters(a: QueueFilters, b: QueueFilters): boolean {
  const key = (f: QueueFilters) => JSON.stringify([f.assignee, [...new Set(f.tagIds)].sort(), f.text.trim(), f.fields ?? [], isQueueSort(f.sort) ? f.sort : DEFAULT_QUEUE_SORT]);
  return key(a) === key(b);
}
