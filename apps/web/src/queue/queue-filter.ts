import { matchesFieldConditions, type CaseSummary, type QueueFilters } from '@inbox/contracts';
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
