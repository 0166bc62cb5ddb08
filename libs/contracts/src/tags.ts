import type { FieldCondition } from './custom-fields';

/** A free label on cases, with the colour it is shown in (`#rrggbb`). */
export interface CaseTag {
  id: string;
  name: string;
  colour: string;
}

/** Colours a new tag is given in turn when the agent names none. */
export const TAG_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'] as const;

export const MAX_TAG_NAME_LENGTH = 40;

/** The bulk actions on a selection of cases in the queue; each runs per case through the case's own action. */
export const BULK_CASE_ACTIONS = ['assign_to_me', 'tag', 'change_team', 'change_status', 'apply_macro'] as const;
export type BulkCaseAction = (typeof BULK_CASE_ACTIONS)[number];

export const MAX_BULK_CASES = 200;

/** What a bulk action did: the cases it applied to, and each case it did not apply to, with why. */
export interface BulkActionResult {
  /** `notApplied`: a macro's steps that did not apply on a case where others did, each with why. */
  applied: Array<{ caseId: string; reference: string; notApplied?: string[] }>;
  refused: Array<{ caseId: string; reference: string; error: string; message: string }>;
}

/** Whose cases a queue filter keeps. */
export const QUEUE_ASSIGNEE_FILTERS = ['all', 'mine', 'unassigned'] as const;
export type QueueAssigneeFilter = (typeof QUEUE_ASSIGNEE_FILTERS)[number];

/**
 * The orders the queue (and `GET /api/cases`) can show cases in. `deadline`,
 * the default, is the queue's own: IDR response deadline first (none last),
 * then priority, then arrival — a view saved without a sort keeps it.
 */
export const QUEUE_SORTS = ['deadline', 'priority', 'newest', 'oldest', 'last_activity'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const DEFAULT_QUEUE_SORT: QueueSort = 'deadline';

/** What each order is called where an agent picks it. */
export const QUEUE_SORT_LABELS: Record<QueueSort, string> = {
  deadline: 'Deadline first',
  priority: 'Priority first',
  newest: 'Newest first',
  oldest: 'Oldest first',
  last_activity: 'Latest activity',
};

export function isQueueSort(value: unknown): value is QueueSort {
  return typeof value === 'string' && (QUEUE_SORTS as readonly string[]).includes(value);
}

/** A combination of the queue's filters: whose cases, the tags they all carry, words they contain and conditions on their custom fields; and the order they are shown in. */
export interface QueueFilters {
  assignee: QueueAssigneeFilter;
  tagIds: string[];
  text: string;
  /** Absent in views saved before custom fields: no condition. */
  fields?: FieldCondition[];
  /** The order the cases are shown in; absent (views saved before sorting): `deadline`. */
  sort?: QueueSort;
}

/** A saved view of the queue: the agent's own, or shared with one of their teams (`teamId`). */
export interface SavedView {
  id: string;
  name: string;
  filters: QueueFilters;
  teamId: string | null;
  ownerUserId: string;
  ownerName: string;
}
