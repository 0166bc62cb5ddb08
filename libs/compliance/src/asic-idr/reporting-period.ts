import { addDays, civilDateOf, formatCivilDate } from '../zoned-time';

/** An ASIC reporting period: a half-year, 1 Jan–30 Jun or 1 Jul–31 Dec (days in the firm's zone, inclusive). */
export interface ReportingPeriod {
  from: string;
  to: string;
}

export function halfYear(year: number, half: 1 | 2): ReportingPeriod {
  return half === 1 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** ASIC's half-year periods: 1 Jan–30 Jun and 1 Jul–31 Dec. */
export function isAsicHalfYear(from: string, to: string): boolean {
  const year = Number(from.slice(0, 4));
  if (!Number.isInteger(year)) return false;
  const h1 = halfYear(year, 1);
  const h2 = halfYear(year, 2);
  return (from === h1.from && to === h1.to) || (from === h2.from && to === h2.to);
}

/** The minimum a complaint needs for deciding whether it is in a file. */
export interface ScopedComplaint {
  receivedAt: Date;
  closedAt: Date | null;
  /** Social-media posts: the RG 271.32(a) verdict; null on other channels. */
  socialVerdict: 'meets' | 'fails' | 'pending' | null;
}

export type ScopeDecision =
  | { included: true; why: 'received_in_period' | 'open_at_period_start' }
  | { included: false; why: 'received_after_period' | 'closed_before_period' | 'not_a_complaint_under_rg271_32a' };

/**
 * Which complaints a half-year's file holds: every complaint received in the
 * period, and every one received before it that was still open at its start
 * (closed on or after its first day, or not closed). A social-media post that
 * failed the RG 271.32(a) tests is not a complaint and is never reported.
 */
export function inReportingPeriod(c: ScopedComplaint, period: ReportingPeriod, timeZone: string): ScopeDecision {
  if (c.socialVerdict === 'fails') return { included: false, why: 'not_a_complaint_under_rg271_32a' };
  const day = (d: Date) => formatCivilDate(civilDateOf(d, timeZone));
  const received = day(c.receivedAt);
  if (received > period.to) return { included: false, why: 'received_after_period' };
  if (received >= period.from) return { included: true, why: 'received_in_period' };
  if (c.closedAt && day(c.closedAt) < period.from) return { included: false, why: 'closed_before_period' };
  return { included: true, why: 'open_at_period_start' };
}

/**
 * The day that chooses a complaint's dictionary version: the later of the
 * day it was received and the day it was closed — a complaint still open at
 * the period's end counts as of that end — so "received or closed from
 * 1 January 2026" selects the 2026 handbook.
 */
export function dictionaryDay(c: Pick<ScopedComplaint, 'receivedAt' | 'closedAt'>, period: ReportingPeriod, timeZone: string): string {
  const day = (d: Date) => formatCivilDate(civilDateOf(d, timeZone));
  const closed = c.closedAt && day(c.closedAt) <= period.to ? day(c.closedAt) : period.to;
  const received = day(c.receivedAt);
  return received > closed ? received : closed;
}

/** The first instant after the period, for queries (the day after `to`, 00:00 in the zone, as a date string). */
export function dayAfter(to: string): string {
  const [y, m, d] = to.split('-').map(Number);
  return formatCivilDate(addDays({ year: y, month: m, day: d }, 1));
}
