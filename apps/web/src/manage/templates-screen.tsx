import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { formatDate, formatDateTime, humanise } from '../format';
import { FirmDateInput } from '../firm-date-input';
import { firmDate } from '../firm-time';
import { useWorkspace } from '../shell/workspace-context';
import { useSaveForm } from './use-save-form';

/** "idr_response" → "IDR response": the acronyms RG 271 uses, as people write them. */
const kindLabel = (kind: string) => humanise(kind).replace(/\bIdr\b/g, 'IDR').replace(/\bafca\b/gi, 'AFCA');

interface Template {
  kind: string;
  language: string;
  version: number;
  body: string;
  source: 'shipped' | 'admin';
  createdAt: string | null;
}

interface Override {
  id: string;
  date: string;
  jurisdiction: string;
  action: 'add' | 'remove';
  name: string;
}

interface Holidays {
  state: string;
  year: number;
  holidays: Array<{ date: string; name: string }>;
}

/** The RG 271 texts customers receive (admins edit; the required parts cannot be removed) and the public-holiday calendar with its overrides. */
export function TemplatesScreen() {
  const ws = useWorkspace();
  const admin = ws.me.role === 'admin';
  return (
    <div className="mg-two">
      <TemplatesCard admin={admin} />
      <HolidaysCard admin={admin} timeZone={ws.settings.timeZone} />
    </div>
  );
}

function TemplatesCard({ admin }: { admin: boolean }) {
  const ws = useWorkspace();
  const [data, setData] = useState<{ items: Template[]; requiredPlaceholders: Record<string, string[]> } | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [draft, setDraft] = useState('');
  // One failure line for the card: a refused load or a refused save of the template shown (`current`, below).
  const form = useSaveForm(async () => {
    if (!current) return;
    await ws.api.put(`/api/compliance/templates/${current.kind}/${current.language}`, { body: draft });
    ws.toast(`Saved: ${kindLabel(current.kind)} (${current.language}), used from now on`);
    load();
  });
  const { busy, failure, setFailure } = form;

  const load = useCallback(() => {
    ws.api
      .get<{ items: Template[]; requiredPlaceholders: Record<string, string[]> }>('/api/compliance/templates')
      .then((d) => setData(d))
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api, setFailure]);
  useEffect(load, [load]);

  const key = (t: Template) => `${t.kind}/${t.language}`;
  const current = data?.items.find((t) => key(t) === selected) ?? data?.items[0] ?? null;
  // The draft restarts when another template (or a new version) is shown, not while its body is edited.
  useEffect(() => setDraft(current?.body ?? ''), [current?.kind, current?.language, current?.version]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="mg-card" aria-label="Compliance templates">
      <div className="mg-head">
        <h1>Compliance templates</h1>
        <p className="muted">What customers receive: acknowledgement, IDR response, delay notice, the AFCA block. {admin ? 'Saving makes a new version.' : 'Admins edit them.'}</p>
      </div>
      {failure && <p className="dialog-refusal" role="alert">{failure}</p>}
      {!data && !failure && <p className="muted">Loading…</p>}
      {data && current && (
        <form className="mg-form" onSubmit={form.onSubmit}>
          <label>
            Template
            <select aria-label="Template" value={key(current)} onChange={(e) => setSelected(e.target.value)}>
              {data.items.map((t) => (
                <option key={key(t)} value={key(t)}>{kindLabel(t.kind)} · {t.language}</option>
              ))}
            </select>
          </label>
          <p className="muted small">
            {current.source === 'shipped' ? 'As shipped' : `Version ${current.version}${current.createdAt ? `, saved ${formatDateTime(current.createdAt)}` : ''}`}
            {(data.requiredPlaceholders[current.kind] ?? []).length > 0 && <> · must keep {data.requiredPlaceholders[current.kind].map((p) => `{{${p}}}`).join(', ')}</>}
          </p>
          <label>
            Text
            <textarea aria-label="Template text" className="mg-code" rows={14} value={draft} readOnly={!admin} onChange={(e) => setDraft(e.target.value)} />
          </label>
          {admin && (
            <div className="mg-form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || draft === current.body}>{busy ? 'Saving…' : 'Save new version'}</button>
              <button type="button" className="btn" disabled={draft === current.body} onClick={() => setDraft(current.body)}>Undo changes</button>
            </div>
          )}
        </form>
      )}
    </section>
  );
}

function HolidaysCard({ admin, timeZone }: { admin: boolean; timeZone: string }) {
  const ws = useWorkspace();
  const [year, setYear] = useState(() => Number(firmDate(Date.now()).slice(0, 4)));
  const [holidays, setHolidays] = useState<Holidays | null>(null);
  const [overrides, setOverrides] = useState<Override[]>([]);
  const [form, setForm] = useState({ date: '', jurisdiction: 'NATIONAL', action: 'add', name: '' });
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([ws.api.get<Holidays>(`/api/compliance/holidays?year=${year}`), ws.api.get<{ items: Override[] }>('/api/compliance/holiday-overrides')])
      .then(([h, o]) => {
        setHolidays(h);
        setOverrides(o.items);
        setForm((f) => (f.jurisdiction === 'NATIONAL' && h.state ? { ...f, jurisdiction: h.state } : f));
      })
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api, year]);
  useEffect(load, [load]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await ws.api.post('/api/compliance/holiday-overrides', form);
      ws.toast('Holiday override saved; new deadlines use it at once');
      setForm({ ...form, date: '', name: '' });
      setFailure(null);
      load();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  const remove = async (o: Override) => {
    if (!window.confirm(`Delete the override for ${o.date} (${o.name})?`)) return;
    try {
      await ws.api.del(`/api/compliance/holiday-overrides/${o.id}`);
      load();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };

  return (
    <section className="mg-card" aria-label="Public holidays">
      <div className="mg-head">
        <h1>Public holidays</h1>
        <p className="muted">Business days for RG 271 deadlines{holidays ? ` in ${holidays.state}` : ''}, counted in {timeZone}.</p>
      </div>
      <div className="mg-filters">
        <label>Year <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} /></label>
      </div>
      {failure && <p className="dialog-refusal" role="alert">{failure}</p>}
      <div className="mg-scroll">
        <table className="mg-table" data-testid="holidays-table">
          <thead><tr><th>Date</th><th>Holiday</th></tr></thead>
          <tbody>
            {holidays?.holidays.map((h) => (
              <tr key={h.date + h.name}><td className="mg-nowrap">{formatDate(`${h.date}T12:00:00Z`)}</td><td>{h.name}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Overrides</h2>
      {overrides.length === 0 ? (
        <p className="muted small">None: the holidays above are the shipped rules.</p>
      ) : (
        <ul className="mg-list">
          {overrides.map((o) => (
            <li key={o.id} className="mg-item mg-item-head" data-testid="holiday-override">
              <span><strong>{o.date}</strong> · {o.jurisdiction} · {o.action === 'add' ? 'holiday added' : 'holiday removed'}: {o.name}</span>
              {admin && <button className="btn btn-small" onClick={() => void remove(o)}>Delete</button>}
            </li>
          ))}
        </ul>
      )}
      {admin && (
        <form className="mg-filters" onSubmit={(e) => void add(e)} aria-label="Add an override">
          <label>Date <FirmDateInput required value={form.date} onChange={(date) => setForm({ ...form, date })} /></label>
          <label>
            Where
            <select value={form.jurisdiction} onChange={(e) => setForm({ ...form, jurisdiction: e.target.value })}>
              <option value="NATIONAL">Whole country</option>
              {holidays && <option value={holidays.state}>{holidays.state}</option>}
            </select>
          </label>
          <label>
            Change
            <select value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
              <option value="add">Add a holiday</option>
              <option value="remove">Remove a holiday</option>
            </select>
          </label>
          <label>Name <input required maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="e.g. Day of mourning" /></label>
          <button type="submit" className="btn btn-primary">Add override</button>
        </form>
      )}
    </section>
  );
}
