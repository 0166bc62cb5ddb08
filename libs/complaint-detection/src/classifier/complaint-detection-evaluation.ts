import { CLASSIFICATION_KINDS, type Classification } from '@inbox/contracts';
import { evaluatePredictions, formatProportion, formatReport, wilsonInterval, type EvaluationReport, type Proportion } from './classification-metrics';
import type { LabelledMessage } from './labelled-message';

/**
 * RG 271: a complaint read as anything else gets no case and no clock, the costly error. Both test sets
 * (adversarial and frozen held-out, docs/classification.md) must reach these; `npm run eval:classifier` prints them.
 */
export const COMPLAINT_TARGETS = { recall: 0.98, precision: 0.85 };

export interface ComplaintDetection {
  messages: number;
  /** Complaints found among the complaints. */
  recall: Proportion;
  /** Complaints among the messages called complaints. */
  precision: Proportion;
  /** Complaint decisions flagged "check the classification" (made against the model's lean): the agents' extra checks. */
  flagged: Proportion;
  byLanguage: Record<string, { messages: number; recall: Proportion; precision: Proportion }>;
  /** Adversarial set: per trait, complaints found and non-complaints left alone. */
  byTrait: Record<string, { recall: Proportion; nonComplaintsKept: Proportion }>;
  kinds: EvaluationReport;
  meetsTargets: boolean;
}

interface Scored {
  e: LabelledMessage;
  c: Classification;
}

function detection(scored: Scored[]): { recall: Proportion; precision: Proportion } {
  const complaints = scored.filter((s) => s.e.kind === 'complaint');
  const called = scored.filter((s) => s.c.kind === 'complaint');
  return {
    recall: wilsonInterval(complaints.filter((s) => s.c.kind === 'complaint').length, complaints.length),
    precision: wilsonInterval(called.filter((s) => s.e.kind === 'complaint').length, called.length),
  };
}

/** Complaint recall and precision with 95 % Wilson intervals, overall, per language and per trait. */
export function evaluateComplaintDetection(
  classifier: { classify(text: string): Classification },
  examples: LabelledMessage[],
): ComplaintDetection {
  const scored = examples.map((e) => ({ e, c: classifier.classify(e.text) }));
  const overall = detection(scored);
  const byLanguage: ComplaintDetection['byLanguage'] = {};
  for (const lang of [...new Set(examples.map((e) => e.lang))].sort()) {
    const subset = scored.filter((s) => s.e.lang === lang);
    byLanguage[lang] = { messages: subset.length, ...detection(subset) };
  }
  const byTrait: ComplaintDetection['byTrait'] = {};
  for (const trait of [...new Set(examples.flatMap((e) => (e.trait ? [e.trait] : [])))]) {
    const subset = scored.filter((s) => s.e.trait === trait);
    const others = subset.filter((s) => s.e.kind !== 'complaint');
    byTrait[trait] = {
      recall: detection(subset).recall,
      nonComplaintsKept: wilsonInterval(others.filter((s) => s.c.kind !== 'complaint').length, others.length),
    };
  }
  const called = scored.filter((s) => s.c.kind === 'complaint');
  return {
    messages: examples.length,
    ...overall,
    flagged: wilsonInterval(called.filter((s) => s.c.doubt).length, called.length),
    byLanguage,
    byTrait,
    kinds: evaluatePredictions(CLASSIFICATION_KINDS, scored.map((s) => s.e.kind), scored.map((s) => s.c.kind)),
    meetsTargets: overall.recall.value >= COMPLAINT_TARGETS.recall && overall.precision.value >= COMPLAINT_TARGETS.precision,
  };
}

/** The figures `npm run eval:classifier` prints for one set. */
export function formatComplaintDetection(title: string, d: ComplaintDetection): string {
  const lines = [
    `${title}: ${d.messages} messages (${Object.entries(d.byLanguage).map(([l, s]) => `${l} ${s.messages}`).join(', ')})`,
    `  complaint recall    ${formatProportion(d.recall)}   target ≥ ${COMPLAINT_TARGETS.recall}`,
    `  complaint precision ${formatProportion(d.precision)}   target ≥ ${COMPLAINT_TARGETS.precision}`,
    `  flagged "check the classification": ${formatProportion(d.flagged)} of the complaint decisions`,
  ];
  for (const [lang, s] of Object.entries(d.byLanguage)) {
    lines.push(`  ${lang}: recall ${formatProportion(s.recall)}, precision ${formatProportion(s.precision)}`);
  }
  for (const [trait, s] of Object.entries(d.byTrait)) {
    lines.push(`  ${trait.padEnd(11)} complaints found ${formatProportion(s.recall)}, others left alone ${formatProportion(s.nonComplaintsKept)}`);
  }
  lines.push('', ...formatReport(d.kinds).split('\n').map((l) => `  ${l}`));
  lines.push('', `  ${d.meetsTargets ? 'MET' : 'MISSED'}: recall ${d.recall.value.toFixed(3)} (≥ ${COMPLAINT_TARGETS.recall}), precision ${d.precision.value.toFixed(3)} (≥ ${COMPLAINT_TARGETS.precision})`);
  return lines.join('\n');
}
