import { civilDateOf } from './zoned-time';

/**
 * Days to resolve, the one definition used by the register and the ASIC IDR
 * data file: the number of calendar days from the day the complaint was
 * received to the day it was closed, both as civil dates in the firm's zone
 * (the day of receipt excluded, as RG 271.56 Note counts days). A complaint
 * closed on the day it came in took 0 days. Not hours/24: a complaint received
 * at 23:00 and closed at 01:00 two days later took 2 days, as a customer and
 * ASIC read the dates.
 */
export function daysToResolve(receivedAt: Date, closedAt: Date, timeZone: string): number {
  const a = civilDateOf(receivedAt, timeZone);
  const b = civilDateOf(closedAt, timeZone);
  const days = Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
  return Math.max(0, days);
}
