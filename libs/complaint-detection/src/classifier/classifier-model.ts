import type { DecisionThresholds } from './complaint-decision';
import type { SoftmaxWeights } from './softmax-regression';

/** Version 2: the asymmetric decision (complaint-decision.ts) replaced the single complaint threshold. */
export const MODEL_FORMAT = 'inbox-classifier/2';

/** One softmax head as stored: weights quantised to int16 (scale × value), base64 encoded — compact, exact to 1e-4. */
export interface HeadFile {
  labels: string[];
  bias: number[];
  scale: number;
  weights: string;
}

/** The shipped model file (classifier-model.json), written by `npm run train:classifier`. */
export interface ClassifierModelFile {
  format: typeof MODEL_FORMAT;
  /** Feature names, newline-joined; a feature's index is its line. */
  features: string;
  heads: { kind: HeadFile; product: HeadFile; issue: HeadFile; urgency: HeadFile };
  /** Softmax temperature fitted on cross-validated predictions, so confidences are calibrated. */
  temperature: number;
  /** How sure the model must be to call a message anything but a complaint (decideKind). */
  decision: DecisionThresholds;
  trainedOn: { examples: number; corrections: number; byKind: Record<string, number> };
}

export interface Head {
  labels: string[];
  weights: SoftmaxWeights;
}

export function encodeHead(labels: string[], weights: SoftmaxWeights): HeadFile {
  let maxAbs = 0;
  for (const w of weights.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const quantised = new Int16Array(weights.weights.length);
  for (let i = 0; i < quantised.length; i++) quantised[i] = Math.round(weights.weights[i] / scale);
  return {
    labels,
    bias: Array.from(weights.bias, (b) => Math.round(b * 1e6) / 1e6),
    scale,
    weights: Buffer.from(quantised.buffer, quantised.byteOffset, quantised.byteLength).toString('base64'),
  };
}

export function decodeHead(file: HeadFile, dims: number): Head {
  // Copied into a fresh buffer: a pooled Buffer's offset may not be 2-byte aligned.
  const quantised = new Int16Array(new Uint8Array(Buffer.from(file.weights, 'base64')).buffer);
  const labels = file.labels.length;
  if (quantised.length !== dims * labels) {
    throw new Error(`classifier model head ${file.labels.join('/')} has ${quantised.length} weights, expected ${dims * labels}`);
  }
  const weights = new Float64Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = quantised[i] * file.scale;
  return { labels: file.labels, weights: { labels, dims, weights, bias: Float64Array.from(file.bias) } };
}
