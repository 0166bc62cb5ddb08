import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import type { AsicDictionaryDetail as DictionaryDetail } from '@inbox/contracts';
import { SOURCE_LABELS } from './asic-idr-labels';

/** The inbox's values of each coded column and the dictionary code each maps to; a value without one is highlighted and fails its rows. */
export function MappingPanel({ version, focus, reload, onSaved }: { version: string; focus?: { source: string; value: string }; reload: number; onSaved: () => void }) {
  const { api, toast } = useWorkspace();
  const [detail, setDetail] = useState<DictionaryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(focus?.source ?? null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const focused = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .get<DictionaryDetail>(`/api/reports/asic-idr/dictionaries/${encodeURIComponent(version)}`)
      .then((d) => {
        if (cancelled) return;
        setDetail(d);
        setSource((s) => (s && d.sources.some((x) => x.source === s) ? s : d.sources[0]?.source ?? null));
      })
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [api, version, reload]);

  useEffect(() => {
    if (focus) setSource(focus.source);
  }, [focus]);
  useEffect(() => {
    if (focus && detail) focused.current?.scrollIntoView({ block: 'center' });
  }, [focus, detail, source]);

  const current = detail?.sources.find((s) => s.source === source);
  const changed = current ? current.values.filter((v) => draft[v.value] !== undefined && draft[v.value] !== (v.code ?? '')) : [];

  const save = async () => {
    if (!current) return;
    setSaving(true);
    try {
      const updated = await api.put<DictionaryDetail>(`/api/reports/asic-idr/dictionaries/${encodeURIComponent(version)}/mapping`, {
        source: current.source,
        entries: changed.map((v) => ({ value: v.value, code: draft[v.value] || null })),
      });
      setDetail(updated);
      setDraft({});
      toast(`${SOURCE_LABELS[current.source] ?? current.source}: mapping saved`);
      onSaved();
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="sv-card cp-card cp-mapping" aria-labelledby="cp-mapping" data-testid="mapping">
      <div className="sv-card-head">
        <h2 id="cp-mapping">Mapping to {detail ? detail.label : version}</h2>
        {detail && <span className="muted">{detail.unmapped.length === 0 ? 'every value has a code' : `${detail.unmapped.length} value${detail.unmapped.length === 1 ? '' : 's'} without a code`}</span>}
      </div>
      {error && <p className="sv-failure" role="alert">{error}</p>}
      {detail && !detail.verified && <p className="cp-warning" data-testid="mapping-unverified">UNVERIFIED dictionary: its codes are not ASIC’s. Load ASIC’s own before lodging.</p>}
      {detail && (
        <div className="cp-map-body">
          <div className="cp-sources" role="tablist" aria-label="Columns with codes">
            {detail.sources.map((s) => {
              const missing = detail.unmapped.filter((u) => u.source === s.source).length;
              return (
                <button
                  key={s.source}
                  role="tab"
                  aria-selected={s.source === source}
                  className={`cp-source${s.source === source ? ' active' : ''}`}
                  onClick={() => (setSource(s.source), setDraft({}))}
                >
                  {SOURCE_LABELS[s.source] ?? s.source}
                  {missing > 0 && <span className="cp-count" aria-label={`${missing} without a code`}>{missing}</span>}
                </button>
              );
            })}
          </div>
          {current && (
            <div className="cp-map-table-wrap" role="tabpanel">
              <table className="sv-table cp-map-table">
                <thead>
                  <tr>
                    <th>Inbox value</th>
                    <th>Code in table {current.codeTable}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.values.map((v) => {
                    const value = draft[v.value] ?? v.code ?? '';
                    const isFocus = focus?.source === current.source && focus.value === v.value;
                    return (
                      <tr key={v.value} className={`${value ? '' : 'cp-missing'}${isFocus ? ' cp-focus' : ''}`}>
                        <td><code>{v.value}</code></td>
                        <td>
                          <select
                            ref={isFocus ? focused : undefined}
                            aria-label={`Code for ${v.value}`}
                            value={value}
                            onChange={(e) => setDraft((d) => ({ ...d, [v.value]: e.target.value }))}
                          >
                            <option value="">— no code —</option>
                            {current.codes.map((c) => (
                              <option key={c.code} value={c.code}>{c.code} · {c.label}</option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="cp-map-actions">
                <button type="button" className="btn btn-primary" disabled={changed.length === 0 || saving} onClick={() => void save()} data-testid="save-mapping">
                  {saving ? 'Saving…' : changed.length ? `Save ${changed.length} change${changed.length === 1 ? '' : 's'}` : 'Save'}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
