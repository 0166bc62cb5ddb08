import './supervisor.css';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { formatCalendarDay } from '../firm-date-text';
import { channelLabel, formatDateTime } from '../format';
import { ChannelIcon } from '../shell/icons';
import { useWorkspace } from '../shell/workspace-context';
import type { ClassificationReview, ClassificationReviewStats } from '@inbox/contracts';
import { formatPercent } from './supervisor-data';

type Tab = ClassificationReview['status'];
const TABS: Array<{ status: Tab; label: string }> = [
  { status: 'pending', label: 'To review' },
  { status: 'overturned', label: 'Overturned' },
  { status: 'upheld', label: 'Upheld' },
];
const KIND_LABEL: Record<string, string> = { enquiry: 'Enquiry', compliment: 'Compliment', noise: 'Noise', complaint: 'Complaint' };

/**
 * The supervisors' review of the decisions triage made against a complaint (docs/classification.md): each
 * day's random sample, upheld or overturned. An overturned message becomes a complaint with its RG 271 clock
 * from when it was received; either verdict is kept for the classifier's next training.
 */
export function ClassificationReviewScreen() {
  const ws = useWorkspace();
  const [tab, setTab] = useState<Tab>('pending');
  const [items, setItems] = useState<ClassificationReview[] | null>(null);
  const [total, setTotal] = useState(0);
  const [stats, setStats] = useState<ClassificationReviewStats | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, figures] = await Promise.all([
        ws.api.get<{ items: ClassificationReview[]; total: number }>(`/api/classification-reviews?status=${tab}`),
        ws.api.get<ClassificationReviewStats>('/api/classification-reviews/stats'),
      ]);
      setItems(list.items);
      setTotal(list.total);
      setStats(figures);
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }, [ws.api, tab]);

  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);

  return (
    <section className="sv-page rv-page" aria-label="Classification review">
      <header className="rv-head">
        <h1>Review of not-a-complaint decisions</h1>
        <p className="muted">
          Every day triage sets aside {stats ? `${formatPercent(stats.settings.share)} (at least ${stats.settings.minPerDay})` : 'a share'} of the
          messages it did not call a complaint. Uphold the decision, or overturn it: the message then becomes a complaint with its clock from
          when it was received.
        </p>
      </header>
      {stats && <ReviewFigures stats={stats} />}
      <div className="sv-tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.status} role="tab" aria-selected={tab === t.status} className={`sv-tab${tab === t.status ? ' active' : ''}`} onClick={() => setTab(t.status)}>
            {t.label}
            {t.status === 'pending' && stats ? ` (${stats.totals.pending})` : ''}
          </button>
        ))}
      </div>
      {failure && <p className="sv-failure">The review list could not load: {failure}</p>}
      {!items && !failure ? (
        <div className="spinner" aria-busy="true" />
      ) : items && items.length === 0 ? (
        <p className="muted sv-empty">{tab === 'pending' ? 'Nothing to review: every sampled decision has a verdict.' : 'None yet.'}</p>
      ) : (
        <ul className="rv-list" data-testid="review-list">
          {items?.map((item) => <ReviewItem key={item.id} item={item} onDecided={load} />)}
        </ul>
      )}
      {items && total > items.length && <p className="muted small">Showing the {items.length} most recent of {total}.</p>}
    </section>
  );
}

/** The sampling and overturn rates of the last 30 days (also on the dashboard). */
export function ReviewFigures({ stats, compact = false }: { stats: ClassificationReviewStats; compact?: boolean }) {
  const t = stats.totals;
  return (
    <div className={`rv-figures${compact ? ' rv-figures-compact' : ''}`} data-testid="review-figures">
      <div className="rv-figure">
        <span className="rv-figure-label">Sampling rate</span>
        <span className="rv-figure-value" data-testid="sampling-rate">{t.samplingRate === null ? '—' : formatPercent(t.samplingRate)}</span>
        <span className="rv-figure-detail">{t.sampled} of {t.population} not-a-complaint messages</span>
      </div>
      <div className={`rv-figure${t.overturnRate ? ' rv-figure-warn' : ''}`}>
        <span className="rv-figure-label">Overturn rate</span>
        <span className="rv-figure-value" data-testid="overturn-rate">{t.overturnRate === null ? '—' : formatPercent(t.overturnRate)}</span>
        <span className="rv-figure-detail">{t.overturned} of {t.reviewed} reviewed were complaints</span>
      </div>
      <div className="rv-figure">
        <span className="rv-figure-label">To review</span>
        <span className="rv-figure-value" data-testid="review-pending">{t.pending}</span>
        <span className="rv-figure-detail">last 30 days, to {formatCalendarDay(stats.to)}</span>
      </div>
    </div>
  );
}

function ReviewItem({ item, onDecided }: { item: ClassificationReview; onDecided: () => Promise<void> }) {
  const ws = useWorkspace();
  const [overturning, setOverturning] = useState(false);
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState('complaint');
  const [busy, setBusy] = useState(false);

  async function decide(path: 'uphold' | 'overturn', body: Record<string, string>) {
    setBusy(true);
    try {
      const result = await ws.api.post<ClassificationReview>(`/api/classification-reviews/${item.id}/${path}`, body);
      ws.toast(path === 'uphold' ? 'Decision upheld' : `Overturned${result.message.caseReference ? `: ${result.message.caseReference}` : ''}`);
      await onDecided();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
      setBusy(false);
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void decide('overturn', { reason: reason.trim(), kind });
  };

  const m = item.message;
  return (
    <li className={`rv-item rv-${item.status}`} data-testid="review-item" data-review-id={item.id}>
      <div className="rv-meta">
        <ChannelIcon channel={m.channel} size={14} />
        <span>{channelLabel(m.channel)}{m.senderAddress ? ` · ${m.senderAddress}` : ''}</span>
        <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
        <span className="chip" data-testid="model-kind">Triage: {KIND_LABEL[item.modelKind] ?? item.modelKind}</span>
        {m.caseReference && m.caseId && <a className="rv-case" href={`#/cases/${m.caseId}`}>{m.caseReference}</a>}
      </div>
      <p className="rv-text">{m.text || <em className="muted">(no text)</em>}</p>
      {item.status === 'pending' ? (
        overturning ? (
          <form className="rv-overturn" onSubmit={submit}>
            <label>
              Why is triage wrong?
              <textarea rows={2} required autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Sarcasm: thanks for a fee" />
            </label>
            <label className="rv-kind">
              It is
              <select value={kind} onChange={(e) => setKind(e.target.value)}>
                {Object.entries(KIND_LABEL).filter(([k]) => k !== item.modelKind).map(([k, label]) => <option key={k} value={k}>{label.toLowerCase()}</option>)}
              </select>
            </label>
            <div className="rv-actions">
              <button type="button" className="btn" onClick={() => setOverturning(false)} disabled={busy}>Cancel</button>
              <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()} data-action="confirm-overturn">{busy ? 'Overturning…' : 'Overturn'}</button>
            </div>
          </form>
        ) : (
          <div className="rv-actions">
            <button className="btn" onClick={() => void decide('uphold', {})} disabled={busy} data-action="uphold">Triage was right</button>
            <button className="btn btn-primary" onClick={() => setOverturning(true)} disabled={busy} data-action="overturn">It is a complaint…</button>
          </div>
        )
      ) : (
        <p className="rv-verdict small">
          {item.status === 'overturned' ? 'Overturned' : 'Upheld'} by {item.decidedByName ?? 'a supervisor'}
          {item.decidedAt ? ` on ${formatDateTime(item.decidedAt)}` : ''}
          {item.reason ? <> — “{item.reason}”</> : null}
        </p>
      )}
    </li>
  );
}
