import { useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { formatDateTime } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import type { RetentionPreview } from '@inbox/contracts';
import './customer.css';

/** "What would be deleted tonight": the retention sweep's next run, kind by kind, before it happens. */
export function RetentionScreen() {
  const ws = useWorkspace();
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const load = () =>
    ws.api
      .get<RetentionPreview>('/api/admin/retention/preview')
      .then(setPreview)
      .catch((error) => setFailure(errorMessage(error)));
  useEffect(() => void load(), [ws.api]); // eslint-disable-line react-hooks/exhaustive-deps

  async function runNow() {
    if (!window.confirm('Run the retention sweep now? What it removes cannot be recovered.')) return;
    setRunning(true);
    try {
      await ws.api.post('/api/admin/retention/run');
      ws.toast('Retention sweep done (recorded in the audit trail)');
      await load();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setRunning(false);
    }
  }

  if (ws.me.role === 'agent') {
    return (
      <section className="sv-page">
        <h2>For supervisors and admins</h2>
        <a className="btn" href="#/queue">Back to the queue</a>
      </section>
    );
  }
  return (
    <section className="sv-page pd-page" aria-label="Retention" data-testid="retention-screen">
      <div className="sv-card">
        <header className="sv-card-head">
          <h2>What would be deleted tonight</h2>
          <span className="muted">{preview ? `next run ${formatDateTime(preview.at)}` : ''}</span>
        </header>
        {failure ? (
          <p className="form-error">{failure}</p>
        ) : !preview ? (
          <div className="spinner" />
        ) : (
          <>
            <div className="sv-scroll">
              <table className="sv-table pd-retention">
                <thead>
                  <tr>
                    <th>Records</th>
                    <th>Kept for</th>
                    <th className="num">Due</th>
                    <th>Cases</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.items.map((item) => (
                    <tr key={item.kind}>
                      <td>{item.what}</td>
                      <td>{item.period}</td>
                      <td className="num"><strong>{item.count}</strong></td>
                      <td className="pd-sample">{item.sample.length ? item.sample.join(', ') + (item.count > item.sample.length ? ' …' : '') : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small">
              Personal content is erased; each case keeps its reference, kind, dates and outcome for the register and reports.{' '}
              {preview.legalHolds ? `${preview.legalHolds} customer${preview.legalHolds === 1 ? ' is' : 's are'} under a legal hold and skipped.` : 'No legal hold.'}
            </p>
            {ws.me.role === 'admin' && (
              <div>
                <button className="btn btn-small pd-danger" onClick={() => void runNow()} disabled={running}>Run the sweep now</button>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
