import './supervisor.css';
import { useEffect, useMemo, useState } from 'react';
import { CHANNELS, type Report } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { channelLabel, humanise } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import { FirmDateInput } from '../firm-date-input';
import { formatCalendarDay } from '../firm-date-text';
import { lastDaysInFirmZone } from '../firm-time';
import { LineChart } from './line-chart';
import { channelColour } from './supervisor-data';

interface ReportSpec {
  name: string;
  title: string;
  what: string;
  /** Bars per row: label column and the value columns drawn (the volumes report is a line chart instead). */
  bars?: { label: (row: Report['rows'][number]) => string; values: Array<{ column: string; title: string; colour: string }>; max?: number; unit: string };
  /* Without `max`, each value column has its own scale (minutes and hours are not drawn against each other). */
}

const REPORTS: ReportSpec[] = [
  { name: 'volumes', title: 'Volumes', what: 'Inbound messages by channel and day' },
  {
    name: 'response-times',
    title: 'Response times',
    what: 'First response (minutes) and time to resolution (hours): median and 90th percentile',
    bars: {
      label: (r) => String(cellText('channel', r.channel)),
      values: [
        { column: 'first_response_median_min', title: 'first response, median (min)', colour: '#1f5eff' },
        { column: 'first_response_p90_min', title: 'first response, p90 (min)', colour: '#93b0ff' },
        { column: 'resolution_median_h', title: 'resolution, median (h)', colour: '#15803d' },
        { column: 'resolution_p90_h', title: 'resolution, p90 (h)', colour: '#86cf9f' },
      ],
      unit: '',
    },
  },
  {
    name: 'deadline-compliance',
    title: 'Deadline compliance',
    what: 'RG 271 acknowledgement and IDR response deadlines met, of those due',
    bars: {
      label: (r) => String(cellText('channel', r.channel)),
      values: [
        { column: 'ack_compliance_pct', title: 'acknowledgement %', colour: '#1f5eff' },
        { column: 'idr_compliance_pct', title: 'IDR response %', colour: '#7c3aed' },
      ],
      max: 100,
      unit: '%',
    },
  },
  {
    name: 'csat',
    title: 'CSAT',
    what: 'Satisfaction answers (1–5) given in the period',
    bars: { label: (r) => String(cellText('channel', r.channel)), values: [{ column: 'satisfied_pct', title: 'satisfied (4–5) %', colour: '#15803d' }], max: 100, unit: '%' },
  },
  {
    name: 'complaints-by-category',
    title: 'Categories & outcomes',
    what: 'Complaints received by category and outcome',
    bars: { label: (r) => `${cellText('category', r.category)} · ${cellText('outcome', r.outcome)}`, values: [{ column: 'complaints', title: 'complaints', colour: '#c2410c' }], unit: '' },
  },
  {
    name: 'unfounded-rate',
    title: 'Unfounded rate',
    what: 'Complaints closed in the period that were marked unfounded',
    bars: { label: (r) => String(cellText('channel', r.channel)), values: [{ column: 'unfounded_pct', title: 'unfounded %', colour: '#a16207' }], max: 100, unit: '%' },
  },
  {
    name: 'reopen-rate',
    title: 'Reopen rate',
    what: 'Resolved cases (received in the period) that were reopened',
    bars: { label: (r) => String(cellText('channel', r.channel)), values: [{ column: 'reopen_pct', title: 'reopened %', colour: '#b91c1c' }], max: 100, unit: '%' },
  },
];


/** Reports over any period with filters, each drawn as a chart and a table, downloadable as CSV. */
export function ReportsScreen() {
  const ws = useWorkspace();
  const [name, setName] = useState('volumes');
  const [filters, setFilters] = useState(() => ({ ...lastDaysInFirmZone(30), channel: '', team: '', product: '', category: '' }));
  const [answer, setAnswer] = useState<Report | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const spec = REPORTS.find((r) => r.name === name)!;
  const query = useMemo(() => new URLSearchParams(Object.entries(filters).filter(([, v]) => v.trim() !== '')).toString(), [filters]);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    ws.api
      .get<Report>(`/api/reports/${name}?${query}`)
      .then((a) => {
        if (cancelled) return;
        setAnswer(a);
        setFailure(null);
      })
      .catch((error) => !cancelled && setFailure(errorMessage(error)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [ws.api, name, query]);

  const downloadCsv = async () => {
    // The CSV comes from the server (same figures as the table), fetched as the workspace's other calls are.
    let blob: Blob;
    try {
      blob = await ws.api.download(`/api/reports/${name}.csv?${query}`);
    } catch (error) {
      return ws.toast(`The CSV could not be made: ${errorMessage(error)}`, 'error');
    }
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: `${name}-${filters.from}-${filters.to}.csv` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));

  return (
    <section className="sv-page" aria-label="Reports">
      <nav className="sv-tabs" aria-label="Reports">
        {REPORTS.map((r) => (
          <button key={r.name} className={`sv-tab${r.name === name ? ' active' : ''}`} onClick={() => setName(r.name)}>
            {r.title}
          </button>
        ))}
      </nav>
      <form className="sv-filters" onSubmit={(e) => e.preventDefault()}>
        <label>From <FirmDateInput value={filters.from} onChange={(value) => set('from')({ target: { value } })} /></label>
        <label>To <FirmDateInput value={filters.to} onChange={(value) => set('to')({ target: { value } })} /></label>
        <label>
          Channel
          <select value={filters.channel} onChange={set('channel')}>
            <option value="">All channels</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{channelLabel(c)}</option>)}
          </select>
        </label>
        <label>
          Team
          <select value={filters.team} onChange={set('team')}>
            <option value="">All teams</option>
            {ws.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label>Product <input value={filters.product} onChange={set('product')} placeholder="e.g. card" size={10} /></label>
        <label>Category <input value={filters.category} onChange={set('category')} placeholder="product/issue" size={12} /></label>
        <button type="button" className="btn" onClick={() => void downloadCsv()} data-testid="csv-download">Download CSV</button>
      </form>
      <div className="sv-card sv-report">
        <header className="sv-card-head">
          <h2>{spec.title}</h2>
          <span className="muted small">{spec.what}{loading ? ' · loading…' : ''}</span>
        </header>
        {failure ? <p className="sv-failure">{failure}</p> : answer && answer.report === name ? <ReportBody spec={spec} answer={answer} /> : <div className="spinner" />}
      </div>
    </section>
  );
}

function ReportBody({ spec, answer }: { spec: ReportSpec; answer: Report }) {
  if (answer.rows.length === 0 || (answer.rows.length === 1 && answer.rows[0].channel === 'all' && Object.values(answer.rows[0]).every((v) => v === 'all' || v === 0 || v === null))) {
    return <p className="muted sv-empty">Nothing in this period with these filters.</p>;
  }
  return (
    <div className="sv-report-body">
      {spec.bars ? <BarChart spec={spec.bars} rows={answer.rows} /> : <DailyVolumes rows={answer.rows} />}
      <div className="sv-scroll sv-report-table">
        {spec.bars ? <ReportTable answer={answer} /> : <VolumesTable rows={answer.rows} />}
      </div>
    </div>
  );
}

/** The report's rows as they come; on a phone each row is a card (sv-cards in supervisor.css): the first cell its title, the others under their column's name. */
function ReportTable({ answer }: { answer: Report }) {
  // A column of figures (no text in any row) lines up on the right, its empty cells (—) too, whatever its first row holds.
  const figures = new Set(answer.columns.filter((c) => !answer.rows.some((row) => typeof row[c] === 'string')));
  const align = (column: string) => (figures.has(column) ? 'num' : '');
  return (
    <table className="sv-table sv-cards sv-report-cards" data-testid="report-table">
      <thead>
        <tr>{answer.columns.map((c) => <th key={c} className={align(c)}>{columnTitle(c)}</th>)}</tr>
      </thead>
      <tbody>
        {answer.rows.map((row, i) => (
          <tr key={i}>
            {answer.columns.map((c, n) =>
              n === 0 ? (
                <td key={c} className="sv-card-title">{cellText(c, row[c])}</td>
              ) : (
                <td key={c} className={align(c)} data-label={columnTitle(c)}>{cellText(c, row[c])}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Volumes as a day per row and a channel per column with the day's total (the CSV keeps a row per day and
 * channel): a month is 30 rows, or 30 cards on a phone, not one for every day and channel.
 */
function VolumesTable({ rows }: { rows: Report['rows'] }) {
  const { days, channels, count } = useMemo(() => {
    const found = [...new Set(rows.map((r) => String(r.channel)))];
    return {
      days: [...new Set(rows.map((r) => String(r.day)))].sort(),
      channels: CHANNELS.filter((c) => found.includes(c)),
      count: new Map(rows.map((r) => [`${r.day}|${r.channel}`, Number(r.messages)])),
    };
  }, [rows]);
  const of = (day: string, channel: string) => count.get(`${day}|${channel}`) ?? 0;
  return (
    <table className="sv-table sv-cards sv-report-cards" data-testid="report-table">
      <thead>
        <tr>
          <th>Day</th>
          {channels.map((c) => <th key={c} className="num">{channelLabel(c)}</th>)}
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <tr key={day}>
            <td className="sv-card-title">{formatCalendarDay(day)}</td>
            {channels.map((c) => <td key={c} className="num" data-label={channelLabel(c)}>{of(day, c)}</td>)}
            <td className="num" data-label="Total">{channels.reduce((sum, c) => sum + of(day, c), 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DailyVolumes({ rows }: { rows: Report['rows'] }) {
  const { xs, series } = useMemo(() => {
    const days = [...new Set(rows.map((r) => String(r.day)))].sort();
    const channels = [...new Set(rows.map((r) => String(r.channel)))].sort();
    const count = new Map(rows.map((r) => [`${r.day}|${r.channel}`, Number(r.messages)]));
    return {
      xs: days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000),
      series: channels.map((c) => ({ label: channelLabel(c), colour: channelColour(c), values: days.map((d) => count.get(`${d}|${c}`) ?? 0) })),
    };
  }, [rows]);
  return <LineChart xs={xs} series={series} yLabel="messages / day" height={220} testId="report-chart" timeZone="UTC" minSpanSeconds={7 * 86_400} daily />;
}

function BarChart({ spec, rows }: { spec: NonNullable<ReportSpec['bars']>; rows: Report['rows'] }) {
  const max = (column: string) => spec.max ?? Math.max(1e-9, ...rows.map((r) => Number(r[column] ?? 0)));
  return (
    <div className="sv-bars" data-testid="report-chart">
      <div className="sv-bars-legend">
        {spec.values.map((v) => (
          <span key={v.column}><i style={{ background: v.colour }} />{v.title}</span>
        ))}
      </div>
      {rows.map((r, i) => (
        <div key={i} className="sv-bar-row">
          <span className="sv-bar-label" title={spec.label(r)}>{spec.label(r)}</span>
          <div className="sv-bar-group">
            {spec.values.map((v) => {
              const value = r[v.column];
              return (
                <div key={v.column} className="sv-bar-line">
                  <div className="sv-bar" style={{ width: `${value === null ? 0 : Math.max(0.5, (Number(value) / max(v.column)) * 100)}%`, background: v.colour }} />
                  <span className="sv-bar-value">{value === null || value === undefined ? '—' : `${value}${spec.unit}`}</span>
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}

/** Each report column as people read it (the CSV keeps the column keys). */
const COLUMN_TITLES: Record<string, string> = {
  day: 'Day',
  channel: 'Channel',
  messages: 'Messages',
  cases: 'Cases',
  responded: 'Responded',
  first_response_median_min: 'First response, median (min)',
  first_response_p90_min: 'First response, p90 (min)',
  resolved: 'Resolved',
  resolution_median_h: 'Resolution, median (h)',
  resolution_p90_h: 'Resolution, p90 (h)',
  ack_due: 'Acknowledgements due',
  ack_met: 'Acknowledged in time',
  ack_compliance_pct: 'Acknowledged in time %',
  idr_due: 'IDR responses due',
  idr_met: 'IDR responses in time',
  idr_compliance_pct: 'IDR responses in time %',
  responses: 'Answers',
  average: 'Average (1–5)',
  satisfied_pct: 'Satisfied (4–5) %',
  score_1: 'Score 1',
  score_2: 'Score 2',
  score_3: 'Score 3',
  score_4: 'Score 4',
  score_5: 'Score 5',
  category: 'Category',
  outcome: 'Outcome',
  complaints: 'Complaints',
  closed: 'Closed',
  unfounded: 'Unfounded',
  unfounded_pct: 'Unfounded %',
  reopened: 'Reopened',
  reopen_pct: 'Reopened %',
};

/** A report's column as its table heads it: `first_response_median_min` → "First response, median (min)". */
function columnTitle(column: string): string {
  return COLUMN_TITLES[column] ?? humanise(column);
}

/** A channel, category or outcome as the rest of the app names it ("SMS", "All channels", "Card/incorrect transaction"). */
function valueLabel(column: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (column === 'channel') return value === 'all' ? 'All channels' : channelLabel(value);
  if (column === 'category' || column === 'outcome') return humanise(value);
  return undefined;
}

/** A report's day (YYYY-MM-DD, already the firm's day) as the firm writes it, "5 Dec 2026"; other cells as they are (the CSV keeps ISO days). */
function cellText(column: string, value: unknown): string | number {
  if (value === null || value === undefined) return '—';
  const label = valueLabel(column, value);
  if (label !== undefined) return label;
  return typeof value === 'number' ? value : formatCalendarDay(String(value));
}
