import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api-client';
import { routeHref } from '../routes';
import { useWorkspace } from '../shell/workspace-context';
import type { AsicFix as Fix, AsicValidation as Validation } from '@inbox/contracts';
import { recentHalfYears, SOURCE_LABELS } from './asic-idr-labels';

/** One half-year: validated against the dictionary in force, each failing complaint with why and a link to fix it, then the download. */
export function HalfYearPanel(props: { changes: number; onValidated: () => void; onMapValue: (source: string, value: string) => void; onVersion: (version: string) => void }) {
  const { changes, onMapValue, onVersion } = props;
  const { api, toast } = useWorkspace();
  const periods = useMemo(() => recentHalfYears(new Date()), []);
  // The last complete half-year is the one being lodged.
  const [period, setPeriod] = useState(periods[1]);
  const [result, setResult] = useState<Validation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const query = `from=${period.from}&to=${period.to}`;

  const validate = async () => {
    setBusy(true);
    try {
      const v = await api.get<Validation>(`/api/reports/asic-idr/validation?${query}`);
      setResult(v);
      setError(null);
      props.onValidated();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  // Re-check after a mapping or dictionary change, once a result is on screen.
  useEffect(() => {
    if (result) void validate();
  }, [changes]); // eslint-disable-line react-hooks/exhaustive-deps -- only a change re-runs it; choosing a period waits for "Validate"


  const download = async () => {
    const res = await fetch(`/api/reports/asic-idr.csv?${query}`, { credentials: 'same-origin' });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      toast(body.message ?? `The file could not be made (${res.status})`, 'error');
      return;
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `asic-idr-${period.from}-${period.to}.csv`;
    const url = URL.createObjectURL(await res.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  const failingComplaints = result ? new Set(result.failures.map((f) => f.reference)).size : 0;
  return (
    <section className="sv-card cp-card" aria-labelledby="cp-half-year">
      <div className="sv-card-head">
        <h2 id="cp-half-year">Half-year file</h2>
        <span className="muted">received in the period, or open at its start</span>
      </div>
      <div className="cp-period">
        <label>
          <span className="field-label">Reporting period</span>
          <select
            value={period.from}
            onChange={(e) => {
              setPeriod(periods.find((p) => p.from === e.target.value) ?? periods[1]);
              setResult(null);
            }}
            data-testid="period"
          >
            {periods.map((p) => (
              <option key={p.from} value={p.from}>{p.label}</option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" onClick={() => void validate()} disabled={busy} data-testid="validate">
          {busy ? 'Checking…' : 'Validate'}
        </button>
        <button type="button" className="btn" onClick={() => void download()} disabled={!result || !result.valid || result.nilReturn} data-testid="download" title={result && !result.valid ? 'Fix the failures first' : undefined}>
          Download CSV
        </button>
      </div>
      {error && <p className="sv-failure" role="alert">{error}</p>}
      {result && (
        <div className="cp-result" data-testid="validation">
          <p className="cp-summary">
            <button type="button" className="cp-linkish" onClick={() => onVersion(result.dictionary.version)}>
              {result.dictionary.verified ? <span className="cp-badge cp-badge-ok">Verified</span> : <span className="cp-badge cp-badge-warn">UNVERIFIED</span>} {result.dictionary.label}
            </button>
            <span>
              {result.complaints} complaint{result.complaints === 1 ? '' : 's'}
              {result.excluded.length > 0 && ` · ${result.excluded.length} social post${result.excluded.length === 1 ? '' : 's'} left out (RG 271.32(a))`}
            </span>
          </p>
          {result.nilReturn ? (
            <p className="cp-state cp-state-ok">No complaints to report: lodge a nil submission in ASIC’s Regulatory Portal.</p>
          ) : result.valid ? (
            <p className="cp-state cp-state-ok" data-testid="valid">Every row passes. {!result.dictionary.verified && 'The dictionary is UNVERIFIED: check it against ASIC’s before you lodge.'}</p>
          ) : (
            <p className="cp-state cp-state-bad" data-testid="invalid">
              {failingComplaints} complaint{failingComplaints === 1 ? '' : 's'} would fail ASIC’s validation ({result.failures.length} problem{result.failures.length === 1 ? '' : 's'}).
            </p>
          )}
          {result.unmapped.length > 0 && (
            <div className="cp-unmapped" data-testid="unmapped">
              <h3>Values without a code</h3>
              <ul className="chips">
                {result.unmapped.map((u) => (
                  <li key={`${u.source}:${u.value}`}>
                    <button type="button" className="chip chip-warn cp-chip-btn" onClick={() => onMapValue(u.source, u.value)}>
                      {SOURCE_LABELS[u.source] ?? u.source}: {u.value} · {u.complaints}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.failures.length > 0 && (
            <div className="cp-failures">
              <table className="sv-table" data-testid="failures">
                <thead>
                  <tr>
                    <th>Complaint</th>
                    <th>Column</th>
                    <th>Why</th>
                    <th aria-label="Fix" />
                  </tr>
                </thead>
                <tbody>
                  {result.failures.map((f, i) => (
                    <tr key={`${f.reference}-${f.column}-${i}`}>
                      <td><a href={routeHref({ name: 'case', caseId: f.caseId })}>{f.reference}</a></td>
                      <td>{f.column === '*' ? '—' : f.column}</td>
                      <td className="cp-why">{f.problem}</td>
                      <td><FixLink fix={f.fix} onMapValue={onMapValue} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function FixLink({ fix, onMapValue }: { fix: Fix; onMapValue: (source: string, value: string) => void }) {
  switch (fix.kind) {
    case 'case':
      return <a className="btn btn-small" href={routeHref({ name: 'case', caseId: fix.caseId })}>Fix on the case</a>;
    case 'mapping':
      return <button type="button" className="btn btn-small" onClick={() => onMapValue(fix.source, fix.value)}>Map a code</button>;
    case 'settings':
      return <span className="muted">Set {fix.setting}</span>;
  }
}
