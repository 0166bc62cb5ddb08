import { useState } from 'react';
import { errorMessage } from '../api-client';
import { formatDateTime } from '../format';
import { Icon } from '../shell/icons';
import { useWorkspace } from '../shell/workspace-context';
import type { SupervisorOverview } from '@inbox/contracts';

/** Open incidents from triage with their case counts (live), and one update to every affected customer. */
export function IncidentsPanel({ incidents }: { incidents: SupervisorOverview['incidents'] }) {
  const [composing, setComposing] = useState<string | null>(null);
  return (
    <div className="sv-card sv-incidents">
      <header className="sv-card-head">
        <h2>Incidents</h2>
        <span className="muted small">bursts of similar complaints</span>
      </header>
      {incidents.length === 0 ? (
        <p className="muted sv-empty">No open incident.</p>
      ) : (
        <ul className="sv-incident-list">
          {incidents.map((i) => (
            <li key={i.id} className="sv-incident" data-testid="incident">
              <div className="sv-incident-main">
                <Icon name="alert" size={16} />
                <div>
                  <div className="sv-incident-title">{i.title}</div>
                  <div className="muted small">since {formatDateTime(i.openedAt)} · {i.key}</div>
                </div>
                <span className="sv-incident-count" title="Linked cases">{i.caseCount}</span>
              </div>
              {composing === i.id ? (
                <IncidentUpdateForm incidentId={i.id} caseCount={i.caseCount} onDone={() => setComposing(null)} />
              ) : (
                <button className="btn sv-incident-action" onClick={() => setComposing(i.id)}>
                  <Icon name="send" size={14} /> Send update to all {i.caseCount} affected
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function IncidentUpdateForm({ incidentId, caseCount, onDone }: { incidentId: string; caseCount: number; onDone: () => void }) {
  const ws = useWorkspace();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const send = async () => {
    // One text to every affected customer cannot be unsent: say how many first.
    if (!window.confirm(`Send this update to ${caseCount} customer${caseCount === 1 ? '' : 's'}, each on their own channel? It cannot be unsent.`)) return;
    setSending(true);
    try {
      const answer = await ws.api.post<{ results: Array<{ messageId?: string; error?: unknown }> }>(`/api/incidents/${incidentId}/updates`, { text });
      const sent = answer.results.filter((r) => r.messageId).length;
      const failed = answer.results.length - sent;
      ws.toast(`Update sent to ${sent} customer${sent === 1 ? '' : 's'}${failed ? `; ${failed} could not be sent` : ''}`, failed ? 'error' : 'info');
      onDone();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="sv-incident-form">
      <textarea
        className="input"
        rows={3}
        autoFocus
        placeholder={`What every affected customer (${caseCount}) receives, each on their own channel`}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row-gap">
        <button className="btn btn-primary" disabled={sending || !text.trim()} onClick={() => void send()}>
          {sending ? 'Sending…' : 'Send to all'}
        </button>
        <button className="btn" onClick={onDone} disabled={sending}>Cancel</button>
      </div>
    </div>
  );
}
