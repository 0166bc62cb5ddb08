import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { formatDateTime } from '../format';
import { PhoneNumberText } from '../phone-number-text';
import { useWorkspace } from '../shell/workspace-context';
import type { RepresentativeView } from '@inbox/contracts';
import { label, RELATIONSHIP_LABELS, SCOPE_LABELS } from './personal-data-labels';

/** People with authority to act for the customer, the evidence seen, and what it covers. */
export function RepresentativesPanel({ customerId, cases }: { customerId: string; cases: Array<{ id: string; reference: string }> }) {
  const ws = useWorkspace();
  const [items, setItems] = useState<RepresentativeView[] | null>(null);
  const [adding, setAdding] = useState(false);
  const reload = useCallback(() => {
    ws.api
      .get<{ items: RepresentativeView[] }>(`/api/customers/${customerId}/representatives`)
      .then((r) => setItems(r.items))
      .catch((error) => ws.toast(errorMessage(error), 'error'));
  }, [ws, customerId]);
  useEffect(reload, [reload]);

  async function revoke(rep: RepresentativeView) {
    if (!window.confirm(`Revoke ${rep.name}’s authority? Replies can no longer go to them.`)) return;
    try {
      await ws.api.post(`/api/customers/${customerId}/representatives/${rep.id}/revoke`);
      reload();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  }

  if (!items) return <div className="spinner" />;
  const active = items.filter((r) => !r.revokedAt);
  return (
    <div data-testid="representatives">
      {active.length === 0 && <p className="muted small">No authorised representative.</p>}
      <ul className="pd-list">
        {active.map((rep) => (
          <li key={rep.id}>
            <div>
              <strong>{rep.name}</strong> <span className="chip">{label(RELATIONSHIP_LABELS, rep.relationship)}</span>{' '}
              <span className="chip chip-other">{rep.scope === 'one_case' ? `Case ${cases.find((c) => c.id === rep.caseId)?.reference ?? ''}` : label(SCOPE_LABELS, rep.scope)}</span>
            </div>
            <div className="muted small">
              {rep.channel === 'sms' ? <>SMS <PhoneNumberText e164={rep.address} /></> : <>Email {rep.address}</>} · {rep.evidence}
            </div>
            <div className="muted small">
              Added by {rep.addedBy}, {formatDateTime(rep.addedAt)}{' '}
              <button className="btn btn-quiet btn-small" onClick={() => void revoke(rep)}>Revoke</button>
            </div>
          </li>
        ))}
      </ul>
      {adding ? (
        <RepresentativeForm customerId={customerId} cases={cases} onDone={(added) => (setAdding(false), added && reload())} />
      ) : (
        <button className="btn btn-small" onClick={() => setAdding(true)}>Add representative</button>
      )}
    </div>
  );
}

function RepresentativeForm({ customerId, cases, onDone }: { customerId: string; cases: Array<{ id: string; reference: string }>; onDone: (added: boolean) => void }) {
  const ws = useWorkspace();
  const [form, setForm] = useState({ name: '', relationship: 'financial_counsellor', channel: 'email', address: '', evidence: '', scope: 'complaints', caseId: '' });
  const [failure, setFailure] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const { caseId, ...rest } = form;
      await ws.api.post(`/api/customers/${customerId}/representatives`, { ...rest, ...(form.scope === 'one_case' ? { caseId } : {}) });
      ws.toast(`${form.name} can now act for the customer`);
      onDone(true);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <form className="pd-form" onSubmit={(e) => void submit(e)}>
      <div className="pd-row">
        <label>
          Name
          <input value={form.name} onChange={set('name')} required maxLength={200} />
        </label>
        <label>
          Relationship
          <select value={form.relationship} onChange={set('relationship')}>
            {Object.entries(RELATIONSHIP_LABELS).map(([v, t]) => (
              <option key={v} value={v}>{t}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="pd-row">
        <label>
          Reached by
          <select value={form.channel} onChange={set('channel')}>
            <option value="email">Email</option>
            <option value="sms">SMS</option>
          </select>
        </label>
        <label>
          {form.channel === 'email' ? 'Email address' : 'Mobile (+61…)'}
          <input value={form.address} onChange={set('address')} required maxLength={320} />
        </label>
      </div>
      <label>
        Evidence of authority
        <input value={form.evidence} onChange={set('evidence')} required maxLength={1_000} placeholder="Signed authority form dated …" />
      </label>
      <div className="pd-row">
        <label>
          Covers
          <select value={form.scope} onChange={set('scope')}>
            {Object.entries(SCOPE_LABELS).map(([v, t]) => (
              <option key={v} value={v}>{t}</option>
            ))}
          </select>
        </label>
        {form.scope === 'one_case' && (
          <label>
            Case
            <select value={form.caseId} onChange={set('caseId')} required>
              <option value="">Choose…</option>
              {cases.map((c) => (
                <option key={c.id} value={c.id}>{c.reference}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {failure && <p className="form-error">{failure}</p>}
      <div className="pd-actions">
        <button className="btn btn-primary btn-small">Add</button>
        <button type="button" className="btn btn-quiet btn-small" onClick={() => onDone(false)}>Cancel</button>
      </div>
    </form>
  );
}
