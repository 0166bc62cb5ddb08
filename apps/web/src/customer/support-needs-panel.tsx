import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api-client';
import { FirmDateInput } from '../firm-date-input';
import { formatDateTime } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import type { SupportNeedsView } from '@inbox/contracts';
import { ADJUSTMENT_LABELS, CONSENT_LABELS, label, VULNERABILITY_LABELS } from './personal-data-labels';
import { formatFirmDateText } from '../firm-date-text';

type Load = { state: 'loading' } | { state: 'restricted' } | { state: 'failed'; message: string } | { state: 'ready'; view: SupportNeedsView };

/** A customer's support needs; `compact` is the case side panel's summary, the customer page shows the form too. */
export function SupportNeedsPanel({ customerId, compact = false }: { customerId: string; compact?: boolean }) {
  const ws = useWorkspace();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [editing, setEditing] = useState(false);

  const reload = useCallback(() => {
    ws.api
      .get<SupportNeedsView>(`/api/customers/${customerId}/support-needs`)
      .then((view) => setLoad({ state: 'ready', view }))
      .catch((error) => setLoad(error instanceof ApiError && error.status === 403 ? { state: 'restricted' } : { state: 'failed', message: errorMessage(error) }));
  }, [ws.api, customerId]);
  useEffect(reload, [reload]);

  if (load.state === 'loading') return <div className="spinner" />;
  if (load.state === 'restricted') {
    return <p className="muted small">Shown only to the agent assigned to one of this customer’s cases, supervisors and admins.</p>;
  }
  if (load.state === 'failed') return <p className="form-error">{load.message}</p>;
  const { recorded, suggestions } = load.view;

  return (
    <div className="pd-needs" data-testid="support-needs">
      {recorded ? (
        <div className={`pd-needs-card${recorded.reviewDue ? ' pd-needs-due' : ''}`}>
          <div className="chips">
            {recorded.vulnerabilityTypes.map((t) => (
              <span key={t} className="chip chip-warn">{label(VULNERABILITY_LABELS, t)}</span>
            ))}
          </div>
          {recorded.adjustments.length > 0 && (
            <p className="pd-adjustments">
              <strong>Adjust:</strong> {recorded.adjustments.map((a) => (a === 'named_contact' && recorded.namedContact ? `${label(ADJUSTMENT_LABELS, a)} (${recorded.namedContact})` : label(ADJUSTMENT_LABELS, a))).join(' · ')}
            </p>
          )}
          {recorded.adjustmentNotes && <p className="small">{recorded.adjustmentNotes}</p>}
          <p className="muted small">
            {recorded.howKnown} · {label(CONSENT_LABELS, recorded.consent)} · review {recorded.reviewDue ? <strong className="pd-due">due {formatFirmDateText(recorded.reviewDate)}</strong> : `by ${formatFirmDateText(recorded.reviewDate)}`}
          </p>
          {!compact && <p className="muted small">Recorded by {recorded.recordedBy}, {formatDateTime(recorded.recordedAt)}</p>}
        </div>
      ) : (
        <p className="muted small">No support needs recorded.</p>
      )}
      {suggestions.length > 0 && (
        <div className="pd-suggestion" role="note">
          <strong>The classifier noticed:</strong>{' '}
          {suggestions.map((s) => `${label(VULNERABILITY_LABELS, s.type)}${s.caseReference ? ` (${s.caseReference})` : ''}`).join(', ')}. Ask the customer before recording it.
        </div>
      )}
      {!compact && !editing && (
        <button className="btn btn-small" onClick={() => setEditing(true)} data-testid="edit-support-needs">
          {recorded ? 'Change' : 'Record support needs'}
        </button>
      )}
      {!compact && editing && (
        <SupportNeedsForm
          customerId={customerId}
          initial={load.view}
          onDone={(view) => {
            setEditing(false);
            if (view) setLoad({ state: 'ready', view });
          }}
        />
      )}
    </div>
  );
}

function SupportNeedsForm({ customerId, initial, onDone }: { customerId: string; initial: SupportNeedsView; onDone: (view: SupportNeedsView | null) => void }) {
  const ws = useWorkspace();
  const r = initial.recorded;
  const inSixMonths = new Date(Date.now() + 182 * 86_400_000).toISOString().slice(0, 10);
  const [types, setTypes] = useState<string[]>(r?.vulnerabilityTypes ?? initial.suggestions.map((s) => s.type).filter((t, i, all) => all.indexOf(t) === i));
  const [adjustments, setAdjustments] = useState<string[]>(r?.adjustments ?? []);
  const [howKnown, setHowKnown] = useState(r?.howKnown ?? '');
  const [consent, setConsent] = useState<string>(r?.consent ?? 'not_asked');
  const [notes, setNotes] = useState(r?.adjustmentNotes ?? '');
  const [namedContact, setNamedContact] = useState(r?.namedContact ?? '');
  const [reviewDate, setReviewDate] = useState(r?.reviewDate ?? inSixMonths);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (list: string[], set: (v: string[]) => void, value: string) => set(list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const view = await ws.api.put<SupportNeedsView>(`/api/customers/${customerId}/support-needs`, {
        vulnerabilityTypes: types,
        adjustments,
        howKnown,
        consent,
        reviewDate,
        ...(notes.trim() ? { adjustmentNotes: notes } : {}),
        ...(namedContact.trim() ? { namedContact } : {}),
      });
      ws.toast('Support needs recorded');
      onDone(view);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="pd-form" onSubmit={(e) => void submit(e)} data-testid="support-needs-form">
      <fieldset>
        <legend>Kind of need</legend>
        <div className="pd-options">
          {Object.entries(VULNERABILITY_LABELS).map(([value, text]) => (
            <label key={value} className="pd-option">
              <input type="checkbox" checked={types.includes(value)} onChange={() => toggle(types, setTypes, value)} /> {text}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Adjustments</legend>
        <div className="pd-options">
          {Object.entries(ADJUSTMENT_LABELS).map(([value, text]) => (
            <label key={value} className="pd-option">
              <input type="checkbox" checked={adjustments.includes(value)} onChange={() => toggle(adjustments, setAdjustments, value)} /> {text}
            </label>
          ))}
        </div>
      </fieldset>
      {adjustments.includes('named_contact') && (
        <label>
          Named contact
          <input value={namedContact} onChange={(e) => setNamedContact(e.target.value)} maxLength={200} />
        </label>
      )}
      <label>
        How we know
        <input value={howKnown} onChange={(e) => setHowKnown(e.target.value)} maxLength={500} placeholder="The customer told us on the phone" required />
      </label>
      <div className="pd-row">
        <label>
          Consent to record it
          <select value={consent} onChange={(e) => setConsent(e.target.value)}>
            {Object.entries(CONSENT_LABELS).map(([value, text]) => (
              <option key={value} value={value}>{text}</option>
            ))}
          </select>
        </label>
        <label>
          Review by
          <FirmDateInput value={reviewDate} onChange={setReviewDate} required />
        </label>
      </div>
      <label>
        Notes for whoever handles their cases
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={1_000} rows={2} />
      </label>
      {failure && <p className="form-error">{failure}</p>}
      <div className="pd-actions">
        <button className="btn btn-primary btn-small" disabled={busy || types.length === 0}>Save</button>
        <button type="button" className="btn btn-quiet btn-small" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}
