import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BulkActionResult, Macro, SettableCaseStatus } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { bulkProblems } from '../macros/macro-text';
import { useWorkspace } from '../shell/workspace-context';
import { tagKeys, useTags } from '../tags/tag-queries';

type BulkRequest =
  | { action: 'assign_to_me' }
  | { action: 'tag'; tag: { name: string } }
  | { action: 'change_team'; teamId: string }
  | { action: 'change_status'; status: SettableCaseStatus; reason?: string }
  | { action: 'apply_macro'; macroId: string };

/**
 * The bar over the queue while rows are picked: assign them to me, tag them,
 * move them to a team, reopen or escalate them, or apply a macro (POST /api/cases/bulk).
 * Each case is done on its own on the server; the cases that did not apply stay
 * picked and are listed with why, and so are a macro's steps that did not apply.
 */
export function BulkBar({ caseIds, onDone, onClear }: { caseIds: string[]; onDone: (applied: string[]) => void; onClear: () => void }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const tags = useTags(ws.api).data ?? [];
  const [busy, setBusy] = useState(false);
  const [tagName, setTagName] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [escalating, setEscalating] = useState(false);
  const [reason, setReason] = useState('');
  const [macros, setMacros] = useState<Macro[]>([]);
  const selecting = caseIds.length > 0;
  useEffect(() => {
    if (!selecting) return;
    let cancelled = false;
    ws.api
      .get<{ items: Macro[] }>('/api/macros')
      .then((r) => !cancelled && setMacros(r.items))
      .catch(() => !cancelled && setMacros([]));
    return () => {
      cancelled = true;
    };
  }, [ws.api, selecting]);

  async function run(request: BulkRequest, verb: string) {
    setBusy(true);
    try {
      const result = await ws.api.post<BulkActionResult>('/api/cases/bulk', { caseIds, ...request });
      const listed = bulkProblems(result);
      setProblems(listed);
      // A case a macro did only in part stays picked with the refused ones, to be dealt with next.
      onDone(result.applied.filter((a) => !a.notApplied?.length).map((a) => a.caseId));
      const n = result.applied.length;
      const partly = result.applied.filter((a) => a.notApplied?.length).length;
      const notes = [result.refused.length ? `${result.refused.length} not` : '', partly ? `${partly} in part` : ''].filter(Boolean).join(', ');
      ws.toast(`${verb} ${n} case${n === 1 ? '' : 's'}${notes ? `; ${notes} (see why above the queue)` : ''}`, result.refused.length && !n ? 'error' : 'info');
      if (request.action === 'change_status') {
        setEscalating(false);
        setReason('');
      }
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
          <button className="btn" onClick={onClear} disabled={busy}>
            Clear
          </button>
          <div className="bulk-actions">
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
            <select
              aria-label="Change the status of the selected cases"
              value=""
              disabled={busy}
              data-action="bulk-status"
              onChange={(e) => {
                if (e.target.value === 'open') void run({ action: 'change_status', status: 'open' }, 'Reopened');
                if (e.target.value === 'escalated') setEscalating(true);
              }}
            >
              <option value="">Change status…</option>
              <option value="open">Reopen</option>
              <option value="escalated">Escalate to supervisors…</option>
            </select>
            <select
              aria-label="Apply a macro to the selected cases"
              value=""
              disabled={busy || macros.length === 0}
              data-action="bulk-macro"
              onChange={(e) => {
                const macro = macros.find((m) => m.id === e.target.value);
                if (macro) void run({ action: 'apply_macro', macroId: macro.id }, `Macro “${macro.name}” applied to`);
              }}
            >
              <option value="">{macros.length ? 'Apply macro…' : 'No macros'}</option>
              {macros.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          {escalating && (
            <form
              className="bulk-reason"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim()) void run({ action: 'change_status', status: 'escalated', reason: reason.trim() }, 'Escalated to supervisors:');
              }}
            >
              <input autoFocus required placeholder="Why escalate them?" aria-label="Why the selected cases are escalated" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} disabled={busy} />
              <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()}>
                Escalate
              </button>
              <button type="button" className="btn" onClick={() => setEscalating(false)} disabled={busy}>
                Cancel
              </button>
            </form>
          )}
        </div>
      )}
      {problems.length > 0 && (
        <div className="bulk-refused" role="status" data-testid="bulk-refused">
          <strong>What did not apply{problems.length > 1 ? ` (${problems.length} cases)` : ''}:</strong>{' '}
          <button className="btn btn-small" onClick={() => setProblems([])}>
            Dismiss
          </button>
          <ul>
            {problems.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
