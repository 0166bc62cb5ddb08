import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CaseSummary } from '@inbox/contracts';
import { channelLabel, customerLabel, firstLine, humanise, initials, nextDeadline, formatDateTime } from '../format';
import { ChannelIcon, Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import { routeHref } from '../routes';
import { orderedEntries, type QueueEntry } from './queue-state';
import { useNow } from './use-now';

type QueueFilter = 'all' | 'mine' | 'unassigned';

/** Holder of a case as the queue shows it: its name when the event or directory gives one. */
export function assigneeName(summary: CaseSummary, staffName: (id: string) => string | null, myId: string): string | null {
  if (!summary.assigneeId) return null;
  if (summary.assigneeId === myId) return 'You';
  return (summary as CaseSummary & { assigneeName?: string | null }).assigneeName ?? staffName(summary.assigneeId) ?? 'Another agent';
}

export function QueuePanel({ selectedId }: { selectedId: string | null }) {
  const { live, me, staffName } = useWorkspace();
  const view = useSyncExternalStore(live.subscribe, live.getView);
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [search, setSearch] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const now = useNow(30_000);

  const all = useMemo(() => orderedEntries(view.queue), [view.queue]);
  const entries = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return all.filter(({ summary }) => {
      if (filter === 'mine' && summary.assigneeId !== me.userId) return false;
      if (filter === 'unassigned' && summary.assigneeId) return false;
      if (!needle) return true;
      return [summary.customerName, summary.customerAddress, summary.preview, summary.reference, summary.category].some((f) => f?.toLowerCase().includes(needle));
    });
  }, [all, filter, search, me.userId]);
  const counts = useMemo(
    () => ({
      all: all.length,
      mine: all.filter((e) => e.summary.assigneeId === me.userId).length,
      unassigned: all.filter((e) => !e.summary.assigneeId).length,
    }),
    [all, me.userId],
  );

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
  ]);

  // Keep the selected row in view when moving with the keyboard, without jumping otherwise.
  useEffect(() => {
    if (!selectedId) return;
    listRef.current?.querySelector<HTMLElement>(`[data-case-id="${selectedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className="queue" aria-label="Queue">
      <div className="queue-head">
        <div className="queue-title">
          <h2>Queue</h2>
          <span className="count" data-testid="queue-count">{view.queue.loaded ? all.length : '–'}</span>
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
        <div className="segmented" role="tablist" aria-label="Which cases">
          {(['all', 'mine', 'unassigned'] as const).map((f) => (
            <button key={f} role="tab" aria-selected={filter === f} className={filter === f ? 'active' : ''} onClick={() => setFilter(f)}>
              {f === 'all' ? 'All open' : f === 'mine' ? 'Mine' : 'Unassigned'}
              <span className="seg-count">{counts[f]}</span>
            </button>
          ))}
        </div>
      </div>
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

const QueueRow = memo(function QueueRow({ entry, selected, now, assignee }: { entry: QueueEntry; selected: boolean; now: number; assignee: string | null }) {
  const { summary } = entry;
  const deadline = nextDeadline(summary, now);
  const fresh = entry.arrivedLiveAt !== undefined && now - entry.arrivedLiveAt < 60_000;
  return (
    <li data-case-id={summary.id} data-testid="queue-row" className={`queue-row${selected ? ' selected' : ''}${fresh ? ' fresh' : ''}`}>
      <a href={routeHref({ name: 'case', caseId: summary.id })} aria-current={selected ? 'true' : undefined}>
        <ChannelIcon channel={summary.channel} />
        <div className="row-main">
          <div className="row-line">
            <span className="row-who">
              <span className="row-customer">{customerLabel(summary)}</span>
              {summary.status === 'escalated' && <span className="status status-escalated status-mini">Escalated</span>}
              {summary.status === 'pending' && <span className="status status-pending status-mini">Pending</span>}
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
