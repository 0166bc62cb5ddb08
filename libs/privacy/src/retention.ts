/** How long each kind of record is kept (0 = kept until erased on request). */
export interface RetentionPeriods {
  /** Messages that were never a case (thanks, auto-replies, spam) and noise cases, after their last message. */
  noiseDays: number;
  /** Closed enquiries and compliments, after closing. */
  enquiryMonths: number;
  /** Closed complaints, after closing: also how long an erasure request leaves a complaint record in place. */
  complaintYears: number;
  /** Attachment files of closed cases, after closing (the message and its reference stay). */
  attachmentMonths: number;
  /** Operational logs kept in the database: dead letters, import attempts, rate-limit and status-page records. */
  logDays: number;
}

export type RetentionKind = keyof RetentionPeriods;

/** The instant before which each kind is due; null when that kind is kept. */
export type RetentionCutoffs = Record<RetentionKind, Date | null>;

export function retentionCutoffs(periods: RetentionPeriods, now: Date): RetentionCutoffs {
  return {
    noiseDays: periods.noiseDays > 0 ? addDays(now, -periods.noiseDays) : null,
    enquiryMonths: periods.enquiryMonths > 0 ? addMonths(now, -periods.enquiryMonths) : null,
    complaintYears: periods.complaintYears > 0 ? addMonths(now, -12 * periods.complaintYears) : null,
    attachmentMonths: periods.attachmentMonths > 0 ? addMonths(now, -periods.attachmentMonths) : null,
    logDays: periods.logDays > 0 ? addDays(now, -periods.logDays) : null,
  };
}

function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

/** Calendar months in UTC; the 31st of a shorter month falls back to its last day. */
function addMonths(at: Date, months: number): Date {
  const out = new Date(at.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

/**
 * Whether the nightly sweep is due: it is at or past the run hour in the
 * firm's time zone and no sweep ran on this local day yet.
 */
export function retentionSweepDue(input: { now: Date; timeZone: string; runHour: number; lastRunLocalDay: string | null }): { due: boolean; localDay: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: input.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(input.now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const localDay = `${part('year')}-${part('month')}-${part('day')}`;
  return { due: Number(part('hour')) >= input.runHour && input.lastRunLocalDay !== localDay, localDay };
}

/** The next moment the nightly sweep runs: the start of the next RETENTION_RUN_HOUR in the firm's time zone. */
export function nextRetentionRun(now: Date, timeZone: string, runHour: number): Date {
  const hourOf = (at: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
  const startOfHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  // Whole-hour zones cover every firm this inbox serves in; half-hour zones land at :30 of the same hour.
  for (let h = 1; h <= 48; h++) {
    const candidate = new Date(startOfHour.getTime() + h * 3_600_000);
    if (hourOf(candidate) === runHour) return candidate;
  }
  return new Date(now.getTime() + 86_400_000);
}
