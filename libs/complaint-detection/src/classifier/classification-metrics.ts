/** Per-class precision/recall/F1 and a confusion matrix, for the held-out evaluation. */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationReport {
  labels: string[];
  /** confusion[actual][predicted] */
  confusion: number[][];
  perClass: ClassMetrics[];
  accuracy: number;
}

export function evaluatePredictions(labels: readonly string[], actual: string[], predicted: string[]): EvaluationReport {
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  actual.forEach((a, i) => {
    const row = index.get(a);
    const col = index.get(predicted[i]);
    if (row === undefined || col === undefined) throw new Error(`unknown label ${a} or ${predicted[i]}`);
    confusion[row][col]++;
  });
  const perClass = labels.map((label, k) => {
    const tp = confusion[k][k];
    const support = confusion[k].reduce((a, b) => a + b, 0);
    const predictedK = confusion.reduce((sum, row) => sum + row[k], 0);
    const precision = predictedK === 0 ? 0 : tp / predictedK;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = labels.reduce((sum, _, k) => sum + confusion[k][k], 0);
  return { labels: [...labels], confusion, perClass, accuracy: actual.length === 0 ? 0 : correct / actual.length };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function formatReport(report: EvaluationReport): string {
  const lines = [`${pad('class', 12)} precision  recall  f1     support`];
  for (const m of report.perClass) {
    lines.push(`${pad(m.label, 12)} ${pad(m.precision.toFixed(3), 10)} ${pad(m.recall.toFixed(3), 7)} ${pad(m.f1.toFixed(3), 6)} ${m.support}`);
  }
  lines.push(`accuracy ${report.accuracy.toFixed(3)}`, '', `confusion (rows: actual, columns: predicted)`);
  lines.push(pad('', 12) + report.labels.map((l) => pad(l.slice(0, 10), 11)).join(''));
  report.confusion.forEach((row, i) => lines.push(pad(report.labels[i], 12) + row.map((n) => pad(String(n), 11)).join('')));
  return lines.join('\n');
}

/** A proportion with its 95% Wilson score interval (sound for small samples and for values near 0 or 1). */
export interface Proportion {
  value: number;
  low: number;
  high: number;
  successes: number;
  trials: number;
}

const Z_95 = 1.959964;

export function wilsonInterval(successes: number, trials: number, z = Z_95): Proportion {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new Error(`wilsonInterval needs 0 ≤ successes ≤ trials (got ${successes}/${trials})`);
  }
  if (trials === 0) return { value: 0, low: 0, high: 1, successes, trials };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 or all successes the bound is exactly 0 or 1; floating point would leave 0.9999999999999999.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === trials ? 1 : Math.min(1, centre + half);
  return { value: p, low, high, successes, trials };
}

/** "0.962 [0.913, 0.984] (125/130)" */
export function formatProportion(p: Proportion): string {
  return `${p.value.toFixed(3)} [${p.low.toFixed(3)}, ${p.high.toFixed(3)}] (${p.successes}/${p.trials})`;
}
