import { CLASSIFICATION_KINDS } from '@inbox/contracts';
import { MODEL_FORMAT, encodeHead, type ClassifierModelFile } from './classifier-model';
import { ISSUES, PRODUCTS, URGENCIES, type LabelledMessage } from './labelled-message';
import {
  scoresOf,
  shuffleInPlace,
  softmax,
  trainSoftmax,
  type SoftmaxTrainingOptions,
  type SparseVector,
} from './softmax-regression';
import { seededRandom } from '../seeded-random';
import { messageFeatures, vectorise } from './message-features';
import { complaintCues } from './complaint-cues';
import { decideKind, type DecisionThresholds } from './complaint-decision';
import { readableText } from './transliteration';

export interface TrainingOptions extends SoftmaxTrainingOptions {
  /** A feature must occur in at least this many messages to be kept (drops one-off typos and names). */
  minFeatureCount: number;
  /** Cross-validation folds used to calibrate confidence and choose the complaint threshold. */
  folds: number;
  /** Complaint recall the decision must reach on the cross-validated predictions (above the 0.98 target, for margin). */
  targetComplaintRecall: number;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  seed: 271,
  epochs: 30,
  learningRate: 0.4,
  l2: 1e-4,
  minFeatureCount: 2,
  folds: 5,
  targetComplaintRecall: 0.985,
};

interface Vectorised {
  vocabulary: string[];
  vectors: SparseVector[];
}

function buildVectors(examples: LabelledMessage[], minCount: number): Vectorised {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(messageFeatures(e.text))) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts.entries()]
    .filter(([, n]) => n >= minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  return { vocabulary, vectors: examples.map((e) => vectorise(e.text, index)) };
}

/** Each label weighs N / (labels × its count): the rare compliments are not drowned by complaints. */
function balancedWeights<T>(labels: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return new Map([...counts].map(([l, n]) => [l, labels.length / (counts.size * n)]));
}

function trainHead(
  examples: LabelledMessage[],
  vectors: SparseVector[],
  dims: number,
  labels: readonly string[],
  labelOf: (e: LabelledMessage) => string | null,
  options: SoftmaxTrainingOptions,
) {
  const rows = examples
    .map((e, i) => ({ label: labelOf(e), x: vectors[i], weight: e.weight ?? 1 }))
    .filter((r): r is { label: string; x: SparseVector; weight: number } => r.label !== null);
  const classWeight = balancedWeights(rows.map((r) => r.label));
  const training = rows.map((r) => ({
    x: r.x,
    label: labels.indexOf(r.label),
    weight: r.weight * (classWeight.get(r.label) ?? 1),
  }));
  return trainSoftmax(training, dims, labels.length, options);
}

/** Stratified, seeded fold of each example. */
function assignFolds(examples: LabelledMessage[], folds: number, seed: number): number[] {
  const fold = new Array<number>(examples.length).fill(0);
  const random = seededRandom(seed);
  for (const kind of CLASSIFICATION_KINDS) {
    const members = shuffleInPlace(
      examples.flatMap((e, i) => (e.kind === kind ? [i] : [])),
      random,
    );
    members.forEach((i, n) => (fold[i] = n % folds));
  }
  return fold;
}

export interface KindCalibration {
  temperature: number;
  decision: DecisionThresholds;
  /** Cross-validated complaint recall and precision with those thresholds. */
  validation: { recall: number; precision: number };
}

const COMPLAINT = 'complaint';
/**
 * The thresholds the search tries for each of noise, compliment and enquiry: from 0.7 up, because the
 * decision calls a message "not a complaint" only when the model is confident (docs/classification.md).
 */
export const THRESHOLD_GRID = Array.from({ length: 6 }, (_, i) => Math.round((0.7 + i * 0.05) * 100) / 100);

/**
 * Calibrates on out-of-fold predictions (each message scored by a model that
 * never saw it): the temperature that minimises log-loss, then the decision
 * thresholds (decideKind) with the best complaint precision among those that
 * reach the recall target; between equals, the stricter ones.
 */
function calibrateKind(
  examples: LabelledMessage[],
  vectors: SparseVector[],
  dims: number,
  options: TrainingOptions,
): KindCalibration {
  const fold = assignFolds(examples, options.folds, options.seed);
  const outOfFold: number[][] = new Array(examples.length);
  for (let f = 0; f < options.folds; f++) {
    const trainIdx = examples.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const head = trainHead(
      trainIdx.map((i) => examples[i]),
      trainIdx.map((i) => vectors[i]),
      dims,
      CLASSIFICATION_KINDS,
      (e) => e.kind,
      options,
    );
    examples.forEach((_, i) => {
      if (fold[i] === f) outOfFold[i] = scoresOf(head, vectors[i]);
    });
  }
  const truth = examples.map((e) => CLASSIFICATION_KINDS.indexOf(e.kind));
  let temperature = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 4.001; t += 0.05) {
    const loss = outOfFold.reduce((sum, scores, i) => sum - Math.log(softmax(scores, t)[truth[i]] + 1e-12), 0);
    if (loss < bestLoss) [bestLoss, temperature] = [loss, Math.round(t * 100) / 100];
  }
  const probs = outOfFold.map((s) => softmax(s, temperature));
  const cues = examples.map((e) => complaintCues(readableText(e.text)));
  const measure = (decision: DecisionThresholds) => {
    let tp = 0, fn = 0, fp = 0;
    probs.forEach((p, i) => {
      const predicted = decideKind(p, cues[i], decision).kind === COMPLAINT;
      const actual = examples[i].kind === COMPLAINT;
      if (predicted && actual) tp++;
      else if (actual) fn++;
      else if (predicted) fp++;
    });
    return { recall: tp / Math.max(1, tp + fn), precision: tp / Math.max(1, tp + fp) };
  };
  let best: { decision: DecisionThresholds; validation: { recall: number; precision: number } } | undefined;
  const better = (a: { recall: number; precision: number }, b: { recall: number; precision: number }) => {
    const aMeets = a.recall >= options.targetComplaintRecall;
    const bMeets = b.recall >= options.targetComplaintRecall;
    if (aMeets !== bMeets) return aMeets;
    if (!aMeets) return a.recall > b.recall || (a.recall === b.recall && a.precision > b.precision);
    return a.precision > b.precision;
  };
  // Strictest first, so that between equal results the stricter thresholds stay.
  const grid = [...THRESHOLD_GRID].reverse();
  for (const noise of grid) {
    for (const compliment of grid) {
      for (const enquiry of grid) {
        const decision = { noise, compliment, enquiry };
        const validation = measure(decision);
        if (!best || better(validation, best.validation)) best = { decision, validation };
      }
    }
  }
  return { temperature, decision: best!.decision, validation: best!.validation };
}

export interface TrainingResult {
  model: ClassifierModelFile;
  calibration: KindCalibration;
}

/** Trains every head from labelled messages; the same examples and options always give the same file. */
export function trainClassifierModel(
  examples: LabelledMessage[],
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  corrections = 0,
): TrainingResult {
  if (examples.length === 0) throw new Error('cannot train the classifier on no examples');
  const { vocabulary, vectors } = buildVectors(examples, options.minFeatureCount);
  const dims = vocabulary.length;
  const calibration = calibrateKind(examples, vectors, dims, options);
  const head = (labels: readonly string[], labelOf: (e: LabelledMessage) => string | null) =>
    encodeHead([...labels], trainHead(examples, vectors, dims, labels, labelOf, options));
  const byKind: Record<string, number> = {};
  for (const e of examples) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return {
    calibration,
    model: {
      format: MODEL_FORMAT,
      features: vocabulary.join('\n'),
      heads: {
        kind: head(CLASSIFICATION_KINDS, (e) => e.kind),
        product: head(PRODUCTS, (e) => e.product),
        issue: head(ISSUES, (e) => e.issue),
        urgency: head(URGENCIES, (e) => (e.source === 'correction' ? null : e.urgency)),
      },
      temperature: calibration.temperature,
      decision: calibration.decision,
      trainedOn: { examples: examples.length, corrections, byKind },
    },
  };
}
