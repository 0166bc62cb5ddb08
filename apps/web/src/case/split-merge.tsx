import './split-merge.css';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { decideCaseAction, type CaseSummary } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { formatDateTime } from '../format';
import { Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import { escalatedToSupervisors } from './case-actions';
import type { CaseDetail } from '@inbox/contracts';
import { activeMergeOf } from './merge-link';

/** GET /api/cases/:id/split-suggestions: intake thinks this message is another complaint, and says why. */
interface SplitSuggestion {
  id: string;
  messageId: string;
  messageProducts: string[];
  caseProducts: string[];
}

const OPEN = ['new', 'open', 'pending', 'escalated'];
const products = (list: string[]) => list.map((p) => p.replace(/_/g, ' ')).join(', ');

/**
 * One complaint, one case (docs/workspace.md), under the case header: intake's
 * split suggestion, "Move to a new case" (pick the customer's messages), "Merge
 * into…" (the customer's other open cases), and on a merged case its link and
 * the undo. Who may: the case action policy, the server's own words on a
 * disabled button.
 */
export function OneComplaintOneCase({ detail, refresh }: { detail: CaseDetail; refresh: () => Promise<void> }) {
  const ws = useWorkspace();
  const [suggestions, setSuggestions] = useState<SplitSuggestion[]>([]);
  const [dialog, setDialog] = useState<null | { kind: 'split'; preselected: string[] } | { kind: 'merge' }>(null);
  const [busy, setBusy] = useState(false);
  const open = OPEN.includes(detail.status);
  const merged = activeMergeOf(detail);
  const holding = { status: detail.status, assigneeId: detail.assigneeId, escalatedToSupervisors: escalatedToSupervisors(detail) };
  const splitDecision = decideCaseAction(ws.me, 'split', holding, ws.settings);
  const mergeDecision = decideCaseAction(ws.me, 'merge', holding, ws.settings);
  const inbound = detail.messages.filter((m) => m.direction === 'inbound');

  useEffect(() => {
    if (!open) return setSuggestions([]);
    let live = true;
    ws.api
      .get<{ items: SplitSuggestion[] }>(`/api/cases/${detail.id}/split-suggestions`)
      .then((r) => live && setSuggestions(r.items))
      .catch(() => live && setSuggestions([]));
    return () => {
      live = false;
    };
  }, [ws.api, detail.id, open, detail.events.length]);

  const act = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      try {
        await work();
      } catch (error) {
        ws.toast(errorMessage(error), 'error');
      } finally {
        setBusy(false);
      }
    },
    [ws],
  );
  const dismiss = (s: SplitSuggestion) =>
    act(async () => {
      await ws.api.post(`/api/cases/${detail.id}/split-suggestions/${s.id}/dismiss`, {});
      setSuggestions((list) => list.filter((x) => x.id !== s.id));
    });
  const unmerge = () =>
    act(async () => {
      await ws.api.post(`/api/cases/${detail.id}/unmerge`, {});
      ws.toast(`${detail.reference} is its own case again`);
      await refresh();
    });

  const suggestion = suggestions.find((s) => inbound.some((m) => m.id === s.messageId));
  const suggestedMessage = suggestion && inbound.find((m) => m.id === suggestion.messageId);
  return (
    <div className="one-case" data-testid="one-case">
      {merged && (
        <div className="one-case-banner info" role="status">
          <Icon name="history" size={14} />
          <p>
            Merged into <a href={`#/cases/${merged.intoCaseId}`}>{merged.intoReference}</a>: its messages and clock are there.
          </p>
          <button className="btn" disabled={busy} onClick={() => void unmerge()}>Undo merge</button>
        </div>
      )}
      {open && suggestion && suggestedMessage && (
        <div className="one-case-banner" role="region" aria-label="Split suggestion" data-testid="split-suggestion">
          <Icon name="alert" size={14} />
          <p>
            The message of {formatDateTime(suggestedMessage.receivedAt)} reads as another complaint: it is about{' '}
            <strong>{products(suggestion.messageProducts)}</strong>, this case about <strong>{products(suggestion.caseProducts)}</strong>.
          </p>
          <span className="row-gap">
            <button className="btn" disabled={!splitDecision.allowed || busy} title={splitDecision.allowed ? undefined : splitDecision.message} onClick={() => setDialog({ kind: 'split', preselected: [suggestion.messageId] })}>
              Move it to a new case…
            </button>
            <button className="btn" disabled={busy} onClick={() => void dismiss(suggestion)}>Dismiss</button>
          </span>
        </div>
      )}
      {open && (
        <div className="one-case-tools" role="group" aria-label="One complaint, one case">
          <ToolButton label="Move to a new case…" icon="split" decision={splitDecision} disabled={inbound.length < 2 ? 'Only one message of the customer: nothing to split.' : null} onClick={() => setDialog({ kind: 'split', preselected: [] })} />
          <ToolButton label="Merge into…" icon="merge" decision={mergeDecision} disabled={null} onClick={() => setDialog({ kind: 'merge' })} />
        </div>
      )}
      {dialog?.kind === 'split' && <SplitDialog detail={detail} preselected={dialog.preselected} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'merge' && <MergeDialog detail={detail} onClose={() => setDialog(null)} />}
    </div>
  );
}

function ToolButton({ label, icon, decision, disabled, onClick }: { label: string; icon: 'split' | 'merge'; decision: { allowed: boolean; message?: string }; disabled: string | null; onClick: () => void }) {
  const why = !decision.allowed ? decision.message : disabled;
  return (
    <button type="button" className="btn" aria-disabled={why ? 'true' : undefined} title={why ?? undefined} onClick={() => !why && onClick()}>
      <Icon name={icon === 'split' ? 'transfer' : 'inbox'} size={14} /> {label}
    </button>
  );
}

/** Picks the customer's messages to move; refused by the server when all would go (the case keeps at least one). */
function SplitDialog({ detail, preselected, onClose }: { detail: CaseDetail; preselected: string[]; onClose: () => void }) {
  const ws = useWorkspace();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(preselected));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  useShortcuts([{ key: 'Escape', description: 'Close the dialog', group: 'General', run: onClose, inFields: true }]);
  const inbound = detail.messages.filter((m) => m.direction === 'inbound');
  const takesAll = chosen.size >= inbound.length;
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
    setRefusal(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await ws.api.post<{ case: CaseSummary }>(`/api/cases/${detail.id}/split`, { messageIds: [...chosen] });
      ws.toast(`Moved to ${result.case.reference}`);
      onClose();
      window.location.hash = `#/cases/${result.case.id}`;
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Move to a new case" onClick={onClose}>
      <form className="dialog" onClick={(e) => e.stopPropagation()} onSubmit={submit}>
        <div className="dialog-header">
          <h2><Icon name="transfer" size={18} /> Move to a new case</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label="Close"><Icon name="x" /></button>
        </div>
        <p className="dialog-intro">
          The messages you pick become a new case of {detail.customerName ?? 'this customer'} with its own reference; its RG 271 clock starts at the earliest
          of them. Replies stay here.
        </p>
        <fieldset className="pick-list" aria-label="The customer’s messages">
          {inbound.map((m, i) => (
            <label key={m.id}>
              <input type="checkbox" autoFocus={i === 0} checked={chosen.has(m.id)} onChange={() => toggle(m.id)} />
              <span>
                <span className="pick-meta">{formatDateTime(m.receivedAt)} · {m.channel}</span>
                <span className="pick-text">{m.text || '(no text)'}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {takesAll && chosen.size > 0 && <p className="dialog-refusal" role="alert">Leave at least one message here: moving them all is not a split.</p>}
        {refusal && <p className="dialog-refusal" role="alert">{refusal}</p>}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy || chosen.size === 0 || takesAll}>
            {busy ? 'Moving…' : `Move ${chosen.size || ''} to a new case`.replace('  ', ' ')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The customer's other open cases to merge this one into; the survivor keeps the earliest receipt. */
function MergeDialog({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const ws = useWorkspace();
  const [candidates, setCandidates] = useState<CaseSummary[] | null>(null);
  const [into, setInto] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  useShortcuts([{ key: 'Escape', description: 'Close the dialog', group: 'General', run: onClose, inFields: true }]);
  useEffect(() => {
    ws.api
      .get<{ items: CaseSummary[] }>(`/api/cases?customerId=${detail.customerId}&limit=50`)
      .then((r) => {
        const others = r.items.filter((c) => c.id !== detail.id && OPEN.includes(c.status));
        setCandidates(others);
        setInto(others[0]?.id ?? '');
      })
      .catch((error) => setRefusal(errorMessage(error)));
  }, [ws.api, detail.id, detail.customerId]);
  const target = useMemo(() => candidates?.find((c) => c.id === into), [candidates, into]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setBusy(true);
    try {
      await ws.api.post(`/api/cases/${detail.id}/merge`, { intoCaseId: target.id });
      ws.toast(`${detail.reference} merged into ${target.reference}`);
      onClose();
      window.location.hash = `#/cases/${target.id}`;
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Merge into another case" onClick={onClose}>
      <form className="dialog" onClick={(e) => e.stopPropagation()} onSubmit={submit}>
        <div className="dialog-header">
          <h2><Icon name="inbox" size={18} /> Merge {detail.reference} into…</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label="Close"><Icon name="x" /></button>
        </div>
        <p className="dialog-intro">
          {detail.reference} closes as merged and its messages join the case you pick, which keeps the earliest receipt (the strictest clock). Undo is possible
          while neither case has been answered since.
        </p>
        {candidates === null && !refusal && <p className="muted">Loading the customer’s open cases…</p>}
        {candidates?.length === 0 && <p className="muted">{detail.customerName ?? 'This customer'} has no other open case.</p>}
        {candidates && candidates.length > 0 && (
          <fieldset className="pick-list" aria-label="The customer’s other open cases">
            {candidates.map((c, i) => (
              <label key={c.id}>
                <input type="radio" name="into" autoFocus={i === 0} checked={into === c.id} onChange={() => setInto(c.id)} />
                <span>
                  <span className="pick-meta">
                    {c.reference} · {c.status} · received {formatDateTime(c.receivedAt)}
                  </span>
                  <span className="pick-text">{c.preview || '(no text)'}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {refusal && <p className="dialog-refusal" role="alert">{refusal}</p>}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy || !target}>{busy ? 'Merging…' : target ? `Merge into ${target.reference}` : 'Merge'}</button>
        </div>
      </form>
    </div>
  );
}
