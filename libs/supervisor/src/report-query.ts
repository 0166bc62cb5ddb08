import { InvalidInputError, REPORT_NAMES, type ReportName } from '@inbox/contracts';

export { REPORT_NAMES, type ReportName };

export interface ReportQuery {
  /** Inclusive start and exclusive end of the period. */
  from: Date;
  to: Date;
  channel?: string;
  teamId?: string;
  /** `product/issue`, exactly. */
  category?: string;
  product?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DAYS = 3660;

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

/**
 * Reads `from`, `to` and the filters of a report request. A day (`2026-11-01`)
 * is that day in the firm's time zone and `to` then includes the whole day;
 * an ISO time is taken as is (`to` exclusive). Without `from`, the 30 days up
 * to `to` (default: the end of `today`, the firm's current day). `dayStart(day)`
 * resolves a day to its midnight in the firm's zone.
 */
export function parseReportQuery(raw: Record<string, unknown>, today: string, dayStart: (day: string) => Date): ReportQuery {
  const text = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') throw new InvalidInputError('invalid_report_query', `${name} must be given once`, { field: name });
    return v.trim();
  };
  const time = (name: 'from' | 'to'): Date | undefined => {
    const v = text(name);
    if (v === undefined) return undefined;
    if (DAY.test(v)) {
      const start = dayStart(v);
      if (Number.isNaN(start.getTime())) throw new InvalidInputError('invalid_report_query', `${name} is not a date`, { field: name });
      return name === 'to' ? dayStart(nextDay(v)) : start;
    }
    const at = new Date(v);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(at.getTime())) {
      throw new InvalidInputError('invalid_report_query', `${name} must be a day (YYYY-MM-DD) or an ISO time`, { field: name });
    }
    return at;
  };
  const to = time('to') ?? dayStart(nextDay(today));
  const from = time('from') ?? new Date(to.getTime() - 30 * 86400_000);
  if (from >= to) throw new InvalidInputError('invalid_report_query', 'from must be before to', { from: from.toISOString(), to: to.toISOString() });
  if (to.getTime() - from.getTime() > MAX_DAYS * 86400_000) throw new InvalidInputError('invalid_report_query', `the period may be at most ${MAX_DAYS} days`);
  const teamId = text('team') ?? text('teamId');
  if (teamId !== undefined && !UUID.test(teamId)) throw new InvalidInputError('invalid_report_query', 'team must be a team id', { field: 'team' });
  const category = text('category');
  if (category !== undefined && !/^[^/]+\/[^/]+$/.test(category)) {
    throw new InvalidInputError('invalid_report_query', 'category must be product/issue (use product= for a whole product)', { field: 'category' });
  }
  return { from, to, channel: text('channel'), teamId, category, product: text('product') };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
