import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api-client';
import { formatDateTime } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import type { AsicDictionarySummary as DictionarySummary } from '@inbox/contracts';

/** The dictionaries loaded (the shipped one flagged UNVERIFIED) and the upload of a new version: ASIC's workbook or its JSON. */
export function DictionaryPanel(props: { dictionaries: DictionarySummary[] | null; selected: string | null; onSelect: (version: string) => void; onLoaded: (version: string) => void }) {
  const { api, toast } = useWorkspace();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<{ message: string; list: string[] } | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setProblems(null);
    try {
      const body = file.name.toLowerCase().endsWith('.json')
        ? { fileName: file.name, dictionary: JSON.parse(await file.text()) as Record<string, unknown> }
        : { fileName: file.name, contentBase64: await base64(file) };
      const loaded = await api.post<{ version: string }>('/api/reports/asic-idr/dictionaries', body);
      toast(`Dictionary ${loaded.version} loaded`);
      props.onLoaded(loaded.version);
    } catch (e) {
      const list = e instanceof ApiError && Array.isArray(e.details?.problems) ? (e.details.problems as string[]) : [];
      setProblems({ message: e instanceof SyntaxError ? 'The file is not valid JSON' : errorMessage(e), list });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className="sv-card cp-card" aria-labelledby="cp-dictionaries">
      <div className="sv-card-head">
        <h2 id="cp-dictionaries">Dictionaries</h2>
        <span className="muted">chosen by each complaint’s dates</span>
      </div>
      {props.dictionaries === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul className="cp-dicts" data-testid="dictionaries">
          {props.dictionaries.map((d) => (
            <li key={d.version} className={`cp-dict${props.selected === d.version ? ' selected' : ''}`}>
              <button type="button" className="cp-dict-pick" onClick={() => props.onSelect(d.version)} aria-pressed={props.selected === d.version}>
                <span className="cp-dict-title">
                  {d.verified ? <span className="cp-badge cp-badge-ok">Verified</span> : <span className="cp-badge cp-badge-warn" data-testid="unverified-badge">UNVERIFIED</span>}
                  <strong>{d.label}</strong>
                </span>
                <span className="cp-dict-meta">
                  version {d.version} · complaints received or closed from {d.appliesFrom} · {d.columns} columns, {d.codeTables} code tables
                  {!d.shipped && ` · loaded ${formatDateTime(d.loadedAt)}`}
                </span>
                {d.warning && <span className="cp-dict-warning">{d.warning}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="cp-upload">
        <label className="btn btn-primary" aria-disabled={busy}>
          {busy ? 'Loading…' : 'Load a dictionary…'}
          <input
            ref={input}
            type="file"
            accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="cp-file"
            data-testid="dictionary-file"
            disabled={busy}
            onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
          />
        </label>
        <span className="muted">ASIC’s Excel template with sheets Elements, Codes and About (see docs/compliance.md), or the same as JSON.</span>
      </div>
      {problems && (
        <div className="cp-problems" role="alert">
          <strong>{problems.message}</strong>
          {problems.list.length > 0 && (
            <ul>
              {problems.list.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
