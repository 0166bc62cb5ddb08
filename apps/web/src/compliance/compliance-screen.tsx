import './compliance.css';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import type { AsicDictionarySummary as DictionarySummary } from '@inbox/contracts';
import { DictionaryPanel } from './dictionary-panel';
import { HalfYearPanel } from './half-year-panel';
import { MappingPanel } from './mapping-panel';

/**
 * The compliance officer's ASIC IDR screen: load ASIC's dictionary, map the
 * inbox's values to its codes, validate a half-year, follow each failure to
 * where it is fixed, and download the file once it passes.
 */
export function ComplianceScreen({ focus }: { focus?: { source: string; value: string } }) {
  const { api } = useWorkspace();
  const [dictionaries, setDictionaries] = useState<DictionarySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  // Bumped after a mapping or dictionary change, so the validation re-runs on what is now true.
  const [changes, setChanges] = useState(0);
  // Bumped by each validation, so the mapping shows what the validation just used.
  const [validations, setValidations] = useState(0);

  const reload = useCallback(async (select?: string) => {
    try {
      const list = await api.get<{ items: DictionarySummary[] }>('/api/reports/asic-idr/dictionaries');
      setDictionaries(list.items);
      setError(null);
      setVersion((current) => select ?? current ?? list.items.at(-1)?.version ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [api]);
  useEffect(() => void reload(), [reload]);

  return (
    <div className="sv-page cp-page" data-testid="compliance-screen">
      <header className="cp-head">
        <div>
          <h1>ASIC IDR data</h1>
          <p className="muted">The half-yearly complaints file for ASIC’s Regulatory Portal, built from the dictionary you load and checked row by row before download.</p>
        </div>
      </header>
      {error && <p className="sv-failure" role="alert">{error}</p>}
      <div className="cp-grid">
        <DictionaryPanel
          dictionaries={dictionaries}
          selected={version}
          onSelect={setVersion}
          onLoaded={(v) => {
            setChanges((n) => n + 1);
            void reload(v);
          }}
        />
        <HalfYearPanel changes={changes} onValidated={() => setValidations((n) => n + 1)} onMapValue={(source, value) => (window.location.hash = `#/compliance?${new URLSearchParams({ source, value }).toString()}`)} onVersion={setVersion} />
      </div>
      {version && <MappingPanel key={version} version={version} focus={focus} reload={validations} onSaved={() => setChanges((n) => n + 1)} />}
    </div>
  );
}
