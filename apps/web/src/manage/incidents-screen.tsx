import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel, formatDateTime, humanise } from '../format';
import { useWorkspace } from '../shell/workspace-context';

interface Incident {
  id: string;
  key: string;
  title: string;
  status: string;
  openedAt: string;
  caseCount: number;
}

interface IncidentDetail extends Incident {
  cases: Array<{ id: string; reference: string; status: string; channel: string }>;
  updates: Array<{ id: string; text: string; authorUserId: string; createdAt: string; sent: number; failed: number }>;
}

/** Incidents: the affected cases, every update sent (and to how many), one more update after a confirmation, and closing. */
export function IncidentsScreen() {
  const ws = useWorkspace();
  const [items, setItems] = useState<Incident[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const load = useCallback(() => {
    ws.api
      .get<{ items: Incident[] }>('/api/incidents')
      .then((a) => {
        setItems(a.items);
        setOpenId((id) => id ?? a.items[0]?.id ?? null);
      })
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api]);
  useEffect(load, [load]);

  return (
    <div className="mg-two">
      <section className="mg-card" aria-label="Incidents">
        <div className="mg-head">
          <h1>Incidents</h1>
          <p className="muted">Bursts of similar complaints triage found; open ones first.</p>
        </div>
        {failure && <p className="sv-failure" role="alert">{failure}</p>}
        {items?.length === 0 && <p className="muted">No incident yet.</p>}
        <ul className="mg-list">
          {items?.map((i) => (
            <li key={i.id}>
              <button className={`mg-item btn-quiet mg-incident${i.id === openId ? ' active' : ''}`} style={{ width: '100%', textAlign: 'left' }} onClick={() => setOpenId(i.id)} aria-pressed={i.id === openId} data-testid="incident-row">
                <span className="mg-item-head">
                  <span className="mg-item-title">{i.title}</span>
                  <span className={`status status-${i.status === 'open' ? 'escalated' : 'resolved'}`}>{humanise(i.status)}</span>
                </span>
                <span className="muted small">{i.caseCount} case{i.caseCount === 1 ? '' : 's'} · since {formatDateTime(i.openedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {openId && <IncidentCard key={openId} id={openId} onChanged={load} />}
    </div>
  );
}

function IncidentCard({ id, onChanged }: { id: string; onChanged: () => void }) {
  const ws = useWorkspace();
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const load = useCallback(() => {
    ws.api.get<IncidentDetail>(`/api/incidents/${id}`).then(setDetail).catch((error) => setFailure(errorMessage(error)));
  }, [ws.api, id]);
  useEffect(load, [load]);

  const send = async () => {
    setBusy(true);
    try {
      const answer = await ws.api.post<{ results: Array<{ messageId?: string }> }>(`/api/incidents/${id}/updates`, { text });
      const sent = answer.results.filter((r) => r.messageId).length;
      const failed = answer.results.length - sent;
      ws.toast(`Update sent to ${sent} customer${sent === 1 ? '' : 's'}${failed ? `; ${failed} could not be sent` : ''}`, failed ? 'error' : 'info');
      setText('');
      setConfirming(false);
      load();
      onChanged();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const close = async () => {
    if (!window.confirm('Close this incident? Later complaints about the same thing will open a new one.')) return;
    try {
      await ws.api.post(`/api/incidents/${id}/close`);
      ws.toast('Incident closed');
      load();
      onChanged();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  if (!detail) return <section className="mg-card">{failure ? <p className="sv-failure" role="alert">{failure}</p> : <p className="muted">Loading…</p>}</section>;
  const count = detail.cases.length;
  return (
    <section className="mg-card" aria-label={`Incident: ${detail.title}`} data-testid="incident-detail">
      <div className="mg-item-head">
        <h2>{detail.title}</h2>
        {detail.status === 'open' && <button className="btn btn-small" onClick={() => void close()}>Close incident</button>}
      </div>
      {failure && <p className="dialog-refusal" role="alert">{failure}</p>}
      <h2>Updates sent ({detail.updates.length})</h2>
      {detail.updates.length === 0 ? <p className="muted small">None yet.</p> : (
        <ul className="mg-list">
          {detail.updates.map((u) => (
            <li key={u.id} className="mg-item" data-testid="incident-update">
              <span className="muted small">{formatDateTime(u.createdAt)} by {ws.staffName(u.authorUserId) ?? 'a supervisor'} · sent to {u.sent}{u.failed ? `, ${u.failed} failed` : ''}</span>
              <p className="mg-item-body">{u.text}</p>
            </li>
          ))}
        </ul>
      )}
      {detail.status === 'open' && (
        <div className="mg-form">
          <label>
            New update to every affected customer
            <textarea rows={3} value={text} onChange={(e) => { setText(e.target.value); setConfirming(false); }} placeholder="Each receives it on their own channel; it is not counted as an answer to their case" />
          </label>
          {confirming ? (
            <div className="mg-confirm" role="alertdialog" aria-label="Confirm the update">
              <span>Send this to <strong>{count}</strong> customer{count === 1 ? '' : 's'}, each on their own channel? It cannot be unsent.</span>
              <div className="mg-form-actions">
                <button className="btn btn-primary" disabled={busy} onClick={() => void send()} autoFocus>{busy ? 'Sending…' : `Send to ${count}`}</button>
                <button className="btn" disabled={busy} onClick={() => setConfirming(false)}>Back</button>
              </div>
            </div>
          ) : (
            <div className="mg-form-actions">
              <button className="btn btn-primary" disabled={!text.trim() || count === 0} onClick={() => setConfirming(true)}>Send update…</button>
            </div>
          )}
        </div>
      )}
      <h2>Affected cases ({count})</h2>
      <div className="mg-scroll">
        <table className="mg-table">
          <thead><tr><th>Reference</th><th>Channel</th><th>Status</th></tr></thead>
          <tbody>
            {detail.cases.map((c) => (
              <tr key={c.id}><td className="mg-ref"><a href={`#/cases/${c.id}`}>{c.reference}</a></td><td>{channelLabel(c.channel)}</td><td>{humanise(c.status)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
