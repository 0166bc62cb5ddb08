import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { saveFile } from '../case/attachment-links';
import { formatDateTime } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import type { ErasureAnswer, LegalHoldView } from '@inbox/contracts';

/** Supervisors and admins: the subject access export, erasure requests and (admins) legal holds. */
export function PrivacyActions({ customerId }: { customerId: string }) {
  const ws = useWorkspace();
  const [exporting, setExporting] = useState(false);
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<ErasureAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function exportData() {
    setExporting(true);
    try {
      const blob = await ws.api.download(`/api/customers/${customerId}/export`);
      saveFile(blob, `customer-${customerId}.zip`);
      ws.toast('Export downloaded (recorded in the audit trail)');
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setExporting(false);
    }
  }

  async function erase(event: FormEvent) {
    event.preventDefault();
    if (!window.confirm('Erase this customer’s personal data? What no hold keeps cannot be recovered.')) return;
    setBusy(true);
    setFailure(null);
    try {
      setAnswer(await ws.api.post<ErasureAnswer>(`/api/customers/${customerId}/erasure`, { reason }));
      setReason('');
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pd-privacy">
      <div className="pd-block">
        <h3>Subject access</h3>
        <p className="muted small">Everything held about the customer — identities, messages, files, notes, cases, deadlines, audit entries — as a ZIP of JSON and the files.</p>
        <button className="btn btn-small" onClick={() => void exportData()} disabled={exporting} data-testid="export-customer">
          {exporting ? 'Preparing…' : 'Download export'}
        </button>
      </div>
      <form className="pd-block" onSubmit={(e) => void erase(e)} data-testid="erasure-form">
        <h3>Erasure</h3>
        <p className="muted small">Erases what no hold keeps. Open complaints, complaint records within the retention period and legal holds are kept, and erased when the hold ends.</p>
        <label className="pd-inline">
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1_000} placeholder="Customer’s request by email on …" required />
        </label>
        {failure && <p className="form-error">{failure}</p>}
        <button className="btn btn-small pd-danger" disabled={busy || !reason.trim()}>Erase personal data</button>
        {answer && <ErasureResult answer={answer} />}
      </form>
      <LegalHolds customerId={customerId} />
    </div>
  );
}

function ErasureResult({ answer }: { answer: ErasureAnswer }) {
  return (
    <div className="pd-result" data-testid="erasure-answer" role="status">
      <p>
        <strong>{answer.status === 'complete' ? 'Erased.' : 'Partly erased; some records are held.'}</strong>{' '}
        {answer.erased.cases.length ? `Cases erased: ${answer.erased.cases.join(', ')}.` : 'No case could be erased yet.'}{' '}
        {answer.erased.customerDetails ? 'Names and addresses erased.' : 'Names and addresses are kept while records are held.'}
      </p>
      {answer.held.length > 0 && (
        <ul>
          {answer.held.map((h) => (
            <li key={h.reference}>
              <strong>{h.reference}</strong> held: {h.reasons.map((r) => r.explanation).join('; ')}
              {h.heldUntil ? ` (until ${h.heldUntil.slice(0, 10)})` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LegalHolds({ customerId }: { customerId: string }) {
  const ws = useWorkspace();
  const [holds, setHolds] = useState<LegalHoldView[] | null>(null);
  const [reason, setReason] = useState('');
  const admin = ws.me.role === 'admin';
  const reload = useCallback(() => {
    ws.api
      .get<{ items: LegalHoldView[] }>(`/api/customers/${customerId}/legal-holds`)
      .then((r) => setHolds(r.items))
      .catch((error) => ws.toast(errorMessage(error), 'error'));
  }, [ws, customerId]);
  useEffect(reload, [reload]);

  async function place(event: FormEvent) {
    event.preventDefault();
    try {
      await ws.api.post(`/api/customers/${customerId}/legal-holds`, { reason });
      setReason('');
      reload();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  }

  async function lift(hold: LegalHoldView) {
    const why = window.prompt('Why is the hold lifted?');
    if (!why?.trim()) return;
    try {
      const result = await ws.api.post<{ erasures: ErasureAnswer[] }>(`/api/customers/${customerId}/legal-holds/${hold.id}/lift`, { reason: why });
      ws.toast(result.erasures.length ? 'Hold lifted; the erasure it held back was carried out' : 'Hold lifted');
      reload();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  }

  const active = holds?.find((h) => !h.liftedAt);
  return (
    <div className="pd-block" data-testid="legal-holds">
      <h3>Legal hold</h3>
      {!holds ? (
        <div className="spinner" />
      ) : active ? (
        <p className="pd-hold">
          <strong>On hold</strong> since {formatDateTime(active.placedAt)} by {active.placedBy}: {active.reason}{' '}
          {admin && <button className="btn btn-small" onClick={() => void lift(active)}>Lift</button>}
        </p>
      ) : (
        <p className="muted small">No legal hold. {admin ? 'A hold keeps everything (no erasure, no retention) until lifted.' : 'Admins place legal holds.'}</p>
      )}
      {admin && !active && holds && (
        <form className="pd-inline-form" onSubmit={(e) => void place(e)}>
          <input aria-label="Reason for the legal hold" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Litigation, regulator request…" required maxLength={1_000} />
          <button className="btn btn-small" disabled={!reason.trim()}>Place hold</button>
        </form>
      )}
    </div>
  );
}
