/**
 * How many of a day's not-a-complaint decisions the supervisors review: the configured share, at least the
 * minimum, never more than there were (docs/classification.md).
 */
export function reviewSampleSize(population: number, share: number, minPerDay: number): number {
  if (!Number.isInteger(population) || population < 0) throw new Error(`population must be a whole number ≥ 0 (got ${population})`);
  return Math.min(population, Math.max(minPerDay, Math.ceil(share * population)));
}

/** The calendar days, oldest first, from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** The review figures supervisors watch: how much was sampled, how much of it was wrong. */
export function reviewRates(totals: { population: number; sampled: number; reviewed: number; overturned: number }): {
  samplingRate: number | null;
  overturnRate: number | null;
} {
  return {
    samplingRate: totals.population === 0 ? null : totals.sampled / totals.population,
    overturnRate: totals.reviewed === 0 ? null : totals.overturned / totals.reviewed,
  };
}
