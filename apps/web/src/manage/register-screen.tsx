import { useEffect, useMemo, useState } from 'react';
import { CHANNELS, COMPLAINT_OUTCOMES } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { FirmDateInput } from '../firm-date-input';
import { lastDaysInFirmZone } from '../firm-time';
import { channelLabel, formatDate, humanise } from '../format';
import { useWorkspace } from '../shell/workspace-context';

interface RegisterItem {
  id: string;
  reference: string;
  status: string;
  channel: string;
  customer: { id: string; name: string | null; address: string | null };
  category: string | null;
  products: string[] | null;
  issues: string[] | null;
  receivedAt: string;
  respondBy: string | null;
  deadlineState: string | null;
  outcome: string | null;
  closedAt: string | null;
  daysToClose: number | null;
}

const PAGE = 50;
const STATUSES = ['open', 'closed', 'new', 'pending', 'escalated', 'resolved'];
const DEADLINE_STATES = ['on_track', 'at_risk', 'breached', 'delay_notified', 'met', 'missed'];

/**
 * The complaints register (GET /api/register): the register's filters (docs/compliance.md), pages of 50 with the total, and the CSV of
 * every matching complaint — fetched with the workspace's own credentials, so the download never answers 401.
 */
export function RegisterScreen() {
  const ws = useWorkspace();
  const [filters, setFilters] = useState(() => ({ ...lastDaysInFirmZone(30), channel: '', status: '', outcome: '', deadlineState: '', product: '', issue: '' }));
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: RegisterItem[]; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const query = useMemo(() => new URLSearchParams(Object.entries(filters).filter(([, v]) => v.trim() !== '')).toString(), [filters]);

  useEffect(() => {
    let cancelled = false;
    ws.api
      .get<{ items: RegisterItem[]; total: number }>(`/api/register?${query}&limit=${PAGE}&offset=${offset}`)
      .then((answer) => {
        if (cancelled) return;
        setPage(answer);
        setFailure(null);
      })
      .catch((error) => !cancelled && setFailure(errorMessage(error)));
    return () => {
      cancelled = true;
    };
  }, [ws.api, query, offset]);

  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => {
    setFilters((f) => ({ ...f, [key]: e.target.value }));
    setOffset(0);
  };

  const download = async () => {
    try {
      const blob = await ws.api.download(`/api/register.csv?${query}`);
      const url = URL.createObjectURL(blob);
      Object.assign(document.createElement('a'), { href: url, download: `complaints-register-${filters.from || 'all'}-${filters.to || 'now'}.csv` }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (error) {
      ws.toast(`The CSV could not be made: ${errorMessage(error)}`, 'error');
    }
  };

  const select = (key: keyof typeof filters, label: string, values: readonly string[], show: (v: string) => string = humanise) => (
    <label>
      {label}
      <select value={filters[key]} onChange={set(key)}>
        <option value="">All</option>
        {values.map((v) => <option key={v} value={v}>{show(v)}</option>)}
      </select>
    </label>
  );

  return (
    <section className="mg-card" aria-label="Complaints register">
      <div className="mg-head">
        <h1>Complaints register</h1>
        <p className="muted">Every complaint you may see, with its RG 271 deadlines and outcome. Dates are days in the firm’s time zone ({ws.settings.timeZone}).</p>
      </div>
      <form className="mg-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>Received from <FirmDateInput value={filters.from} onChange={(value) => set('from')({ target: { value } })} /></label>
        <label>to <FirmDateInput value={filters.to} onChange={(value) => set('to')({ target: { value } })} /></label>
        {select('channel', 'Channel', CHANNELS, channelLabel)}
        {select('status', 'Status', STATUSES)}
        {select('outcome', 'Outcome', COMPLAINT_OUTCOMES)}
        {select('deadlineState', 'Deadline', DEADLINE_STATES)}
        <label>Product <input value={filters.product} onChange={set('product')} placeholder="e.g. card" size={10} /></label>
        <label>Issue <input value={filters.issue} onChange={set('issue')} placeholder="e.g. fees" size={10} /></label>
        <button type="button" className="btn" onClick={() => void download()} data-testid="register-csv">Download CSV</button>
      </form>
      {failure && <p className="sv-failure" role="alert">{failure}</p>}
      {page && (
        <>
          <div className="mg-scroll">
            <table className="mg-table" data-testid="register-table">
              <thead>
                <tr>
                  <th>Reference</th><th>Received</th><th>Customer</th><th>Channel</th><th>Category</th><th>Status</th><th>Deadline</th><th>Respond by</th><th>Outcome</th><th>Days</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.id} data-testid="register-row">
                    <td className="mg-ref"><a href={`#/cases/${c.id}`}>{c.reference}</a></td>
                    <td className="mg-nowrap">{formatDate(c.receivedAt)}</td>
                    {/* A number stays on one line ("0412 770 000"); a name may wrap. */}
                    <td className={c.customer.name ? undefined : 'mg-nowrap'}>{c.customer.name ?? c.customer.address ?? <span className="muted">—</span>}</td>
                    <td>{channelLabel(c.channel)}</td>
                    <td>{c.category ? humanise(c.category) : '—'}</td>
                    <td><span className={`status status-${c.status}`}>{humanise(c.status)}</span></td>
                    <td>{c.deadlineState ? humanise(c.deadlineState) : '—'}</td>
                    <td className="mg-nowrap">{c.respondBy ? formatDate(c.respondBy) : '—'}</td>
                    <td>{c.outcome ? humanise(c.outcome) : '—'}</td>
                    <td>{c.daysToClose ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mg-foot">
            <span data-testid="register-count">
              {page.total === 0 ? 'No complaint matches.' : `Showing ${offset + 1}–${offset + page.items.length} of ${page.total}`}
            </span>
            <span className="row-gap">
              <button className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
              <button className="btn btn-small" disabled={offset + page.items.length >= page.total} onClick={() => setOffset(offset + PAGE)}>Next</button>
            </span>
          </div>
        </>
      )}
    </section>
  );
}
