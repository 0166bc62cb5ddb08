/** The x range: the data's own, widened evenly to `span` when it is narrower (a single day, a single minute). */
export function spanAtLeast(min: number | null, max: number | null, span: number): [number, number] {
  const now = Date.now() / 1000;
  const lo = min ?? now;
  const hi = max ?? lo;
  if (hi - lo >= span) return [lo, hi];
  const mid = (lo + hi) / 2;
  return [mid - span / 2, mid + span / 2];
}
