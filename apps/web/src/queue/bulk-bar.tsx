import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BulkActionResult } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import { tagKeys, useTags } from '../tags/tag-queries';

type BulkRequest = { action: 'assign_to_me' } | { action: 'tag'; tag: { name: string } } | { action: 'change_team'; teamId: string };

/**
 * The bar over the queue while rows are picked: assign them to me, tag them,
 * or move them to a team (POST /api/cases/bulk). Each case is done on its own
 * on the server; the cases that did not apply stay picked and are listed with why.
 */
export function BulkBar({ caseIds, onDone, onClear }: { caseIds: string[]; onDone: (applied: string[]) => void; onClear: () => void }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const tags = useTags(ws.api).data ?? [];
  const [busy, setBusy] = useState(false);
  const [tagName, setTagName] = useState('');
  const [refused, setRefused] = useState<BulkActionResult['refused']>([]);

  async function run(request: BulkRequest, verb: string) {
    setBusy(true);
    try {
      const result = await ws.api.post<BulkActionResult>('/api/cases/bulk', { caseIds, ...request });
      setRefused(result.refused);
      onDone(result.applied.map((a) => a.caseId));
      const n = result.applied.length;
      ws.toast(`${verb} ${n} case${n === 1 ? '' : 's'}${result.refused.length ? `; ${result.refused.length} not (see why above the queue)` : ''}`, result.refused.length && !n ? 'error' : 'info');
      if (request.action === 'tag') {
        setTagName('');
        void queries.invalidateQueries({ queryKey: tagKeys.all });
      }
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  // One grid row of the queue, there even when empty, so the list keeps its own row.
  return (
    <div className="bulk">
      {caseIds.length > 0 && (
        <div className="bulk-bar" role="toolbar" aria-label="Bulk actions" data-testid="bulk-bar">
          <span className="bulk-count">{caseIds.length} selected</span>
          <button className="btn" disabled={busy} onClick={() => void run({ action: 'assign_to_me' }, 'Assigned to you:')} data-action="bulk-assign">
            Assign to me
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (tagName.trim()) void run({ action: 'tag', tag: { name: tagName.trim() } }, `Tagged “${tagName.trim()}”:`);
            }}
          >
            <input list="bulk-tag-names" placeholder="Tag…" aria-label="Tag the selected cases" value={tagName} maxLength={40} onChange={(e) => setTagName(e.target.value)} disabled={busy} />
            <datalist id="bulk-tag-names">
              {tags.map((t) => (
                <option key={t.id} value={t.name} />
              ))}
            </datalist>
          </form>
          <select
            aria-label="Move the selected cases to a team"
            value=""
            disabled={busy}
            onChange={(e) => {
              const team = ws.teams.find((t) => t.id === e.target.value);
              if (team) void run({ action: 'change_team', teamId: team.id }, `Moved to ${team.name}:`);
            }}
          >
            <option value="">Move to team…</option>
            {ws.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <button className="btn" onClick={onClear} disabled={busy}>
            Clear
          </button>
        </div>
      )}
      {refused.length > 0 && (
        <div className="bulk-refused" role="status" data-testid="bulk-refused">
          <strong>Not applied to {refused.length === 1 ? '1 case' : `${refused.length} cases`}:</strong>{' '}
          <button className="btn btn-small" onClick={() => setRefused([])}>
            Dismiss
          </button>
          <ul>
            {refused.map((r) => (
              <li key={r.caseId}>
                {r.reference}: {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
