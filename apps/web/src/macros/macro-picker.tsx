import './macros.css';
import type { MacroPreview, MacroRunResult } from '@inbox/contracts';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api-client';
import { useCustomFields } from '../fields/field-queries';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import { PickerList } from '../shell/picker-list';
import { describeMacroRun, describeMacroStep } from './macro-text';

/**
 * The composer's "Apply macro" menu: pick a macro, read its steps with the reply already filled for this
 * case (nothing is sent yet), then apply; the answer says which steps applied and which did not, and why.
 */
export function MacroPicker({ caseId, onApplied, onClose }: { caseId: string; onApplied: () => void; onClose: () => void }) {
  const ws = useWorkspace();
  const [items, setItems] = useState<MacroPreview[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<MacroPreview | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ReturnType<typeof describeMacroRun> | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const fields = useCustomFields(ws.api).data ?? [];
  const describe = (step: MacroPreview['steps'][number]) => describeMacroStep(step, ws.staffName, (id) => fields.find((f) => f.id === id));
  useEffect(() => {
    let cancelled = false;
    ws.api
      .get<{ items: MacroPreview[] }>(`/api/cases/${caseId}/macros`)
      .then((r) => !cancelled && setItems(r.items))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [ws.api, caseId]);
  useEffect(() => {
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && onClose();
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);
  useShortcuts([{ key: 'Escape', description: 'Close macros', group: 'Composer', run: onClose, inFields: true }]);

  async function apply(macro: MacroPreview) {
    setRunning(true);
    setError(null);
    try {
      const run = await ws.api.post<MacroRunResult>(`/api/cases/${caseId}/macros/${macro.id}/apply`, {});
      const said = describeMacroRun(run);
      setResult(said);
      ws.toast(said.headline, said.allApplied ? 'info' : 'error');
      onApplied();
      if (said.allApplied) onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  }

  const needle = filter.trim().toLowerCase();
  const shown = (items ?? []).filter((m) => !needle || m.name.toLowerCase().includes(needle));
  return (
    <div className="popover macro-picker" ref={box} role="dialog" aria-label="Apply a macro" data-testid="macro-picker">
      {chosen ? (
        <>
          <div className="macro-picker-head">
            <strong>{chosen.name}</strong>
            {!result && <button type="button" className="btn btn-small btn-quiet" onClick={() => setChosen(null)}>Back</button>}
          </div>
          <div className="popover-list">
            {result ? (
              <div className="macro-result" role="status" data-testid="macro-result">
                <p>{result.headline}</p>
                <ul>{result.notApplied.map((line) => <li key={line}>{line}</li>)}</ul>
                <button type="button" className="btn btn-small" onClick={onClose}>Close</button>
              </div>
            ) : (
              <>
                <ol className="macro-summary">
                  {chosen.steps.map((s, i) => (
                    <li key={i}>
                      {describe(s)}
                      {s.type === 'reply' && <blockquote className="macro-reply-preview" data-testid="macro-reply-preview">{s.filledText}</blockquote>}
                    </li>
                  ))}
                </ol>
                {error && <p className="form-error small" role="alert">{error}</p>}
                <div className="mg-form-actions">
                  <button type="button" className="btn btn-primary" disabled={running} onClick={() => void apply(chosen)} data-testid="macro-apply">
                    {running ? 'Applying…' : chosen.steps.some((s) => s.type === 'reply') ? 'Apply — sends the reply' : 'Apply'}
                  </button>
                </div>
              </>
            )}
          </div>
        </>
      ) : (
        <>
          <input
            autoFocus
            placeholder="Find a macro"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Find a macro"
            onKeyDown={(e) => e.key === 'Enter' && shown[0] && (e.preventDefault(), setChosen(shown[0]))}
          />
          <PickerList
            items={items}
            shown={shown}
            error={error}
            noneYet="No macros yet: write one under Manage → Macros."
            onPick={setChosen}
            title={(m) => m.name}
            detail={(m) => m.steps.map(describe).join(' · ')}
          />
        </>
      )}
    </div>
  );
}
