/** The deadline counts of the supervisors' dashboard, which the server takes only up to a cap (QueueHealth countCap). */

/** Every flagged deadline, whether or not the list shows it (the counts are taken before the list is cut). */
export function flaggedTotal(counts: Record<string, { atRisk: number; breached: number }>, cap: number | undefined): number | string {
  return cappedSum(Object.values(counts).flatMap((c) => [c.atRisk, c.breached]), cap);
}

/**
 * A sum of counts the server takes only up to `cap` (a count above it means
 * "more"): "2,000+" when any of them was, the plain sum otherwise.
 */
export function cappedSum(counts: number[], cap: number | undefined): number | string {
  if (cap === undefined || counts.every((n) => n <= cap)) return counts.reduce((a, b) => a + b, 0);
  return `${counts.reduce((a, n) => a + Math.min(n, cap), 0).toLocaleString('en')}+`;
}

/** A list that is cut off says so, and where the rest are. */
export function shownOf(shown: number, total: number | string): string {
  return typeof total === 'string' || shown < total ? `the ${shown} due earliest of ${total} — all are in Manage › Complaints register (Deadline filter)` : 'earliest due first';
}
