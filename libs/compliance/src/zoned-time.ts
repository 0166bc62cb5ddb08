/**
 * Civil dates in a time zone, without a date library: RG 271 counts calendar
 * days where the firm is, so "the day of receipt" depends on the zone.
 */
export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

export function civilDateOf(instant: Date, timeZone: string): CivilDate {
  const p = parts(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function formatCivilDate(date: CivilDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Offset of the zone from UTC at that instant, in milliseconds. */
function offsetAt(instantMs: number, timeZone: string): number {
  const p = parts(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The last millisecond of a civil day in the zone: a deadline "on" that day. */
export function endOfCivilDay(date: CivilDate, timeZone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 23, 59, 59, 999);
  let instant = naive - offsetAt(naive, timeZone);
  // Daylight saving can change the offset between the guess and the answer: settle it once more.
  instant = naive - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** Minutes since local midnight at that instant in the zone (0–1439). */
export function minutesOfDay(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  return (p.hour % 24) * 60 + p.minute;
}

/**
 * The instant a wall clock in the zone shows `minutes` after midnight of `date` (1440 is the next midnight).
 * A time the clocks skip (spring forward) moves forward by the gap (02:30 reads as 03:30); of a time shown twice (fall back), the first.
 */
export function instantAtWallClock(date: CivilDate, minutes: number, timeZone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const first = naive - offsetAt(naive, timeZone);
  const settled = naive - offsetAt(first, timeZone);
  // In a gap both guesses miss the wall time: take the later, which is on the far side of the gap.
  if (settled !== first && minutesOfDay(new Date(settled), timeZone) !== minutes % 1440) return new Date(Math.max(first, settled));
  // Fall back: an earlier instant may show the same wall time an hour before.
  const hourEarlier = settled - 3600_000;
  if (offsetAt(hourEarlier, timeZone) !== offsetAt(settled, timeZone) && minutesOfDay(new Date(hourEarlier), timeZone) === minutes % 1440 && sameDate(civilDateOf(new Date(hourEarlier), timeZone), civilDateOf(new Date(settled), timeZone))) {
    return new Date(hourEarlier);
  }
  return new Date(settled);
}

function sameDate(a: CivilDate, b: CivilDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
