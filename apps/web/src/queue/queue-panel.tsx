import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { DEFAULT_CASE_PRIORITY, DEFAULT_QUEUE_SORT, isQueueSort, QUEUE_SORT_LABELS, QUEUE_SORTS, type CaseSummary, type FieldCondition, type QueueAssigneeFilter, type QueueFilters, type QueueSort } from '@inbox/contracts';
import { channelLabel, customerLabel, firstLine, humanise, initials, nextDeadline, formatDateTime } from '../format';
import { ChannelIcon, Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import { routeHref } from '../routes';
import { TagChip } from '../tags/tag-chip';
import { useTags } from '../tags/tag-queries';
import { BulkBar } from './bulk-bar';
import { orderedEntries, type QueueEntry } from './queue-state';
import { keepPresent, NO_SELECTION, pickRange, toggleRow, without, type QueueSelection } from './queue-selection';
import { queueTags } from './queue-tags';
import { matchesQueueFilters } from './queue-filter';
import { SavedViews } from './saved-views';
import { FieldConditions } from './field-conditions';
import { useNow } from './use-now';

type QueueFilter = QueueAssigneeFilter;

/** The queue as it opens: every open case, no tag, word or field condition, in deadline order. */
const NO_FILTERS: QueueFilters = { assignee: 'all', tagIds: [], text: '', fields: [], sort: DEFAULT_QUEUE_SORT };

/** Holder of a case as the queue shows it: its name when the event or directory gives one. */
export function assigneeName(summary: CaseSummary, staffName: (id: string) => string | null, myId: string): string | null {
  if (!summary.assigneeId) return null;
  if (summary.assigneeId === myId) return 'You';
  return (summary as CaseSummary & { assigneeName?: string | null }).assigneeName ?? staffName(summary.assigneeId) ?? 'Another agent';
}

export function QueuePanel({ selectedId }: { selectedId: string | null }) {
  const { live, me, staffName, api } = useWorkspace();
  const view = useSyncExternalStore(live.subscribe, live.getView);
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTERS.assignee);
  const [search, setSearch] = useState(NO_FILTERS.text);
  const [tagFilter, setTagFilter] = useState<ReadonlySet<string>>(() => new Set(NO_FILTERS.tagIds));
  const [fieldFilter, setFieldFilter] = useState<FieldCondition[]>(NO_FILTERS.fields ?? []);
  const [sort, setSort] = useState<QueueSort>(DEFAULT_QUEUE_SORT);
  const [appliedViewId, setAppliedViewId] = useState<string | null>(null);
  const [picked, setPicked] = useState<QueueSelection>(NO_SELECTION);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const now = useNow(30_000);

  const all = useMemo(() => orderedEntries(view.queue, sort), [view.queue, sort]);
  const knownTags = useTags(api).data;
  // The queue's tags, and any picked one no case carries now (a saved view's), so it can be unpicked.
  const tagsInQueue = useMemo(() => {
    const inQueue = queueTags(all.map((e) => e.summary));
    const missing = (knownTags ?? []).filter((t) => tagFilter.has(t.id) && !inQueue.some((q) => q.id === t.id));
    return [...inQueue, ...missing];
  }, [all, knownTags, tagFilter]);
  const activeTags = tagFilter;
  const current = useMemo(
    () => ({ assignee: filter, tagIds: [...activeTags], text: search, ...(fieldFilter.length > 0 ? { fields: fieldFilter } : {}), sort }),
    [filter, activeTags, search, fieldFilter, sort],
  );
  const entries = useMemo(() => all.filter(({ summary }) => matchesQueueFilters(summary, current, me.userId)), [all, current, me.userId]);
  const summaries = useMemo(() => all.map((e) => e.summary), [all]);
  // Picked rows that left the queue (closed, moved away) leave the selection.
  const present = useMemo(() => new Set(all.map((e) => e.summary.id)), [all]);
  const selection = keepPresent(picked, present);
  const order = entries.map((e) => e.summary.id);
  const pick = (id: string, range: boolean) => setPicked((s) => (range ? pickRange(keepPresent(s, present), id, order) : toggleRow(keepPresent(s, present), id)));
  const counts = useMemo(
    () => ({
      all: all.length,
      mine: all.filter((e) => e.summary.assigneeId === me.userId).length,
      unassigned: all.filter((e) => !e.summary.assigneeId).length,
    }),
    [all, me.userId],
  );

  const showFilters = (filters: QueueFilters) => {
    setFilter(filters.assignee);
    setTagFilter(new Set(filters.tagIds));
    setSearch(filters.text);
    setFieldFilter(filters.fields ?? []);
    setSort(isQueueSort(filters.sort) ? filters.sort : DEFAULT_QUEUE_SORT);
  };

  const move = (delta: number) => {
    if (entries.length === 0) return;
    const index = entries.findIndex((e) => e.summary.id === selectedId);
    const next = index < 0 ? (delta > 0 ? 0 : entries.length - 1) : Math.min(entries.length - 1, Math.max(0, index + delta));
    window.location.hash = routeHref({ name: 'case', caseId: entries[next].summary.id });
  };
  useShortcuts([
    { key: 'j', description: 'Next case in the queue', group: 'Queue', run: () => move(1) },
    { key: 'k', description: 'Previous case in the queue', group: 'Queue', run: () => move(-1) },
    { key: '/', description: 'Search the queue', group: 'Queue', run: () => searchRef.current?.focus() },
    { key: 'g', description: 'Back to the queue (close the case)', group: 'Queue', run: () => (window.location.hash = '#/queue') },
    { key: 'x', description: 'Select the open case for a bulk action', group: 'Queue', run: () => selectedId && present.has(selectedId) && pick(selectedId, false) },
  ]);

  // Keep the selected row in view when moving with the keyboard, without jumping otherwise.
  useEffect(() => {
    if (!selectedId) return;
    listRef.current?.querySelector<HTMLElement>(`[data-case-id="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className={`queue${selection.ids.size > 0 ? ' selecting' : ''}`} aria-label="Queue">
      <div className="queue-head">
        <div className="queue-title">
          <h2>Queue</h2>
          <span className="count" data-testid="queue-count">{view.queue.loaded ? all.length : '–'}</span>
          <label className="queue-sort">
            <span>Sort</span>
            <select value={sort} onChange={(e) => setSort(e.target.value as QueueSort)} aria-label="Sort the queue">
              {QUEUE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {QUEUE_SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="queue-search">
          <Icon name="search" size={14} />
          <input
            ref={searchRef}
            type="search"
            placeholder="Filter by customer, text, reference"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (setSearch(''), e.currentTarget.blur())}
            aria-label="Filter the queue"
          />
        </div>
        <SavedViews
          cases={summaries}
          current={current}
          appliedId={appliedViewId}
          onApply={({ id, filters }) => {
            setAppliedViewId(id);
            showFilters(filters);
          }}
          onClear={() => {
            setAppliedViewId(null);
            showFilters(NO_FILTERS);
          }}
        />
        <FieldConditions conditions={fieldFilter} onChange={setFieldFilter} />
        {tagsInQueue.length > 0 && (
          <div className="queue-tag-filter" role="group" aria-label="Filter by tag">
            {tagsInQueue.map((tag) => (
              <button
                key={tag.id}
                aria-pressed={activeTags.has(tag.id)}
                title={activeTags.has(tag.id) ? `Stop filtering by ${tag.name}` : `Only cases tagged ${tag.name}`}
                onClick={() =>
                  setTagFilter((f) => {
                    const next = new Set(f);
                    if (next.has(tag.id)) next.delete(tag.id);
                    else next.add(tag.id);
                    return next;
                  })
                }
              >
                <TagChip tag={tag} />
              </button>
            ))}
          </div>
        )}
        <div className="segmented" role="tablist" aria-label="Which cases">
          {(['all', 'mine', 'unassigned'] as const).map((f) => (
            <button key={f} role="tab" aria-selected={filter === f} className={filter === f ? 'active' : ''} onClick={() => setFilter(f)}>
              {f === 'all' ? 'All open' : f === 'mine' ? 'Mine' : 'Unassigned'}
              <span className="seg-count">{counts[f]}</span>
            </button>
          ))}
        </div>
      </div>
      <BulkBar caseIds={[...selection.ids]} onDone={(applied) => setPicked((s) => without(s, applied))} onClear={() => setPicked(NO_SELECTION)} />
      {!view.queue.loaded ? (
        <QueueSkeleton />
      ) : entries.length === 0 ? (
        <div className="queue-empty">
          <Icon name="inbox" size={28} />
          <p>{all.length === 0 ? 'No open cases. New complaints appear here the moment they arrive.' : 'No case matches this filter.'}</p>
        </div>
      ) : (
        <ol className="queue-list" ref={listRef} data-testid="queue-list">
          {entries.map((entry) => (
            <QueueRow
              key={entry.summary.id}
              entry={entry}
              selected={entry.summary.id === selectedId}
              picked={selection.ids.has(entry.summary.id)}
              onPick={pick}
              now={now}
              assignee={assigneeName(entry.summary, staffName, me.userId)}
            />
          ))}
        </ol>
      )}
      {view.connection === 'reconnecting' && <div className="queue-banner">Connection lost — reconnecting; the queue catches up by itself.</div>}
    </aside>
  );
}

const QueueRow = memo(function QueueRow({
  entry,
  selected,
  picked,
  onPick,
  now,
  assignee,
}: {
  entry: QueueEntry;
  selected: boolean;
  picked: boolean;
  onPick: (id: string, range: boolean) => void;
  now: number;
  assignee: string | null;
}) {
  const { summary } = entry;
  const deadline = nextDeadline(summary, now);
  const fresh = entry.arrivedLiveAt !== undefined && now - entry.arrivedLiveAt < 60_000;
  return (
    <li data-case-id={summary.id} data-testid="queue-row" className={`queue-row${selected ? ' selected' : ''}${picked ? ' picked' : ''}${fresh ? ' fresh' : ''}`}>
      <input
        type="checkbox"
        className="row-select"
        checked={picked}
        aria-label={`Select ${summary.reference}`}
        onChange={() => undefined}
        onClick={(e) => onPick(summary.id, e.shiftKey)}
      />
      <a href={routeHref({ name: 'case', caseId: summary.id })} aria-current={selected ? 'true' : undefined}>
        <ChannelIcon channel={summary.channel} />
        <div className="row-main">
          <div className="row-line">
            <span className="row-who">
              <span className="row-customer">{customerLabel(summary)}</span>
              {summary.status === 'escalated' && <span className="status status-escalated status-mini">Escalated</span>}
              {summary.status === 'pending' && <span className="status status-pending status-mini">Pending</span>}
              {summary.priority !== DEFAULT_CASE_PRIORITY && (
                <span className={`chip priority-chip priority-${summary.priority}`} title={`Priority ${summary.priority} (1 is the most urgent)`} data-testid="row-priority">
                  P{summary.priority}
                </span>
              )}
            </span>
            {deadline ? (
              <span className={`deadline tone-${deadline.tone}`} title={`${deadline.kind === 'acknowledge' ? 'Acknowledge' : 'Respond'} by ${formatDateTime(deadline.at)}`}>
                <Icon name="clock" size={12} />
                {deadline.kind === 'acknowledge' ? 'Ack ' : ''}
                {deadline.label}
              </span>
            ) : (
              <span className="deadline tone-none">no deadline</span>
            )}
          </div>
          <div className="row-preview">{firstLine(summary.preview) || <em>(no text)</em>}</div>
          <div className="row-line row-meta">
            <span className="row-ref">
              {summary.reference} · {channelLabel(summary.channel)}
              {summary.category && <span className="chip">{humanise(summary.category)}</span>}
              {summary.tags?.map((tag) => <TagChip key={tag.id} tag={tag} />)}
              {summary.classificationCheck && (
                <span className="chip chip-warn" title="A complaint because triage could not rule one out: check the classification" data-testid="row-check">
                  Check
                </span>
              )}
            </span>
            <span className={`row-assignee${assignee ? '' : ' unassigned'}`} data-testid="row-assignee">
              {assignee ? (
                <>
                  <span className="avatar avatar-xs">{assignee === 'You' ? 'Me' : initials(assignee)}</span>
                  {assignee}
                </>
              ) : (
                'Unassigned'
              )}
            </span>
          </div>
        </div>
      </a>
    </li>
  );
});

function QueueSkeleton() {
  return (
    <ol className="queue-list" aria-busy="true" aria-label="Loading the queue">
      {Array.from({ length: 6 }, (_, i) => (
        <li key={i} className="queue-row skeleton">
          <span className="sk sk-icon" />
          <div className="row-main">
            <span className="sk sk-line" style={{ width: '55%' }} />
            <span className="sk sk-line" style={{ width: '85%' }} />
            <span className="sk sk-line" style={{ width: '40%' }} />
          </div>
        </li>
      ))}
    </ol>
  );
}
