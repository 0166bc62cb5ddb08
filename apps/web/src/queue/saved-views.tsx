import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseSummary, QueueFilters, SavedView } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { Icon } from '../shell/icons';
import { useWorkspace } from '../shell/workspace-context';
import { matchesQueueFilters, sameQueueFilters } from './queue-filter';

const viewKeys = { all: ['saved-views'] as const };

/**
 * Saved views over the queue: each with the number of its cases, counted from
 * the pushed queue so it moves as cases change; a click applies its filters,
 * and the view stays marked applied (its name said above the chips) until the
 * filters in use differ from it; "Clear view" beside its name goes back to the
 * whole queue. "Save view" keeps the filters in use, for me or shared with my team.
 */
export function SavedViews({
  cases,
  current,
  appliedId,
  onApply,
  onClear,
}: {
  cases: readonly CaseSummary[];
  current: QueueFilters;
  /** The view last applied: still applied while `current` is its filters. */
  appliedId: string | null;
  onApply: (view: SavedView) => void;
  /** Leaves the applied view: the queue's filters back to how it opens. */
  onClear: () => void;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const views = useQuery({ queryKey: viewKeys.all, queryFn: async () => (await ws.api.get<{ items: SavedView[] }>('/api/saved-views')).items }).data ?? [];
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const myTeam = ws.teams.find((t) => ws.me.teamIds.includes(t.id)) ?? null;
  const [share, setShare] = useState(false);
  const applied = views.find((v) => v.id === appliedId && sameQueueFilters(v.filters, current)) ?? null;
  const group = useRef<HTMLDivElement>(null);

  // The clear button goes with the view: the keyboard lands on the view's chip, to apply it again or move on.
  function clear(view: SavedView) {
    onClear();
    group.current?.querySelector<HTMLButtonElement>(`[data-view-id="${view.id}"] .saved-view-apply`)?.focus();
  }

  async function save() {
    try {
      await ws.api.post('/api/saved-views', { name: name.trim(), filters: current, ...(share && myTeam ? { teamId: myTeam.id } : {}) });
      ws.toast(`View “${name.trim()}” saved`);
      setSaving(false);
      setName('');
      void queries.invalidateQueries({ queryKey: viewKeys.all });
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  }
  async function remove(view: SavedView) {
    try {
      await ws.api.del(`/api/saved-views/${view.id}`);
      void queries.invalidateQueries({ queryKey: viewKeys.all });
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  }

  return (
    <div className="saved-views" role="group" aria-label="Saved views" ref={group}>
      <div className="saved-view-line">
        <p className="saved-view-status" role="status" data-testid="applied-view">
          {applied && (
            <>
              <Icon name="check" size={12} />
              <span>
                Applied view: <b>{applied.name}</b>
              </span>
            </>
          )}
        </p>
        {applied && (
          <button type="button" className="saved-view-clear" onClick={() => clear(applied)} aria-label={`Clear view ${applied.name}: show the whole queue`} title="Show the whole queue: every open case, no filter, by deadline">
            <Icon name="x" size={11} />
            Clear view
          </button>
        )}
      </div>
      {views.map((view) => (
        <span key={view.id} className={`saved-view${view === applied ? ' saved-view-applied' : ''}`} data-testid="saved-view" data-view-id={view.id}>
          <button
            className="saved-view-apply"
            aria-current={view === applied ? 'true' : undefined}
            onClick={() => onApply(view)}
            title={`${view === applied ? 'Applied: the queue shows this view. ' : ''}${view.teamId ? `Shared by ${view.ownerName}` : 'Your view'}`}
          >
            {view.name} <span className="seg-count" data-testid="saved-view-count">{cases.filter((c) => matchesQueueFilters(c, view.filters, ws.me.userId)).length}</span>
          </button>
          {view.ownerUserId === ws.me.userId && (
            <button className="tag-remove" aria-label={`Delete view ${view.name}`} onClick={() => void remove(view)}>
              ×
            </button>
          )}
        </span>
      ))}
      {saving ? (
        <form
          className="saved-view-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void save();
          }}
        >
          <input aria-label="View name" placeholder="View name" maxLength={60} value={name} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setSaving(false)} />
          {myTeam && (
            <label>
              <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} /> share with {myTeam.name}
            </label>
          )}
          <button className="btn btn-small" type="submit">
            Save
          </button>
        </form>
      ) : (
        <button className="tag-add" onClick={() => setSaving(true)}>
          + Save view
        </button>
      )}
    </div>
  );
}
