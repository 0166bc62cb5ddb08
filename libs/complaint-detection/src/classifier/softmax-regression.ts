import { seededRandom } from '../seeded-random';

/**
 * Multinomial logistic regression over sparse binary features, trained with
 * AdaGrad SGD and L2 — small enough to own, deterministic for a given seed.
 */

/** Active feature indices and their values (the vector has unit length, so long texts do not dominate). */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface TrainingExample {
  x: SparseVector;
  label: number;
  weight: number;
}

export interface SoftmaxWeights {
  labels: number;
  dims: number;
  /** Row-major by feature: weights[feature * labels + label]. */
  weights: Float64Array;
  bias: Float64Array;
}

export interface SoftmaxTrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/** Scales the given weights to unit length; indices must be distinct. */
export function toSparseVector(indices: number[], weights: number[] = indices.map(() => 1)): SparseVector {
  const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));
  return { indices, values: norm > 0 ? weights.map((w) => w / norm) : weights };
}


export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export function softmax(scores: number[], temperature = 1): number[] {
  const scaled = scores.map((s) => s / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function scoresOf(model: SoftmaxWeights, x: SparseVector): number[] {
  const scores = Array.from(model.bias);
  x.indices.forEach((f, j) => {
    const row = f * model.labels;
    for (let k = 0; k < model.labels; k++) scores[k] += model.weights[row + k] * x.values[j];
  });
  return scores;
}

export function trainSoftmax(
  examples: TrainingExample[],
  dims: number,
  labels: number,
  options: SoftmaxTrainingOptions,
): SoftmaxWeights {
  const model: SoftmaxWeights = { labels, dims, weights: new Float64Array(dims * labels), bias: new Float64Array(labels) };
  const gradSq = new Float64Array(dims * labels).fill(1e-8);
  const biasGradSq = new Float64Array(labels).fill(1e-8);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const { x, label, weight } = examples[i];
      const probs = softmax(scoresOf(model, x));
      for (let k = 0; k < labels; k++) {
        const g = weight * (probs[k] - (k === label ? 1 : 0));
        biasGradSq[k] += g * g;
        model.bias[k] -= (options.learningRate * g) / Math.sqrt(biasGradSq[k]);
        for (let j = 0; j < x.indices.length; j++) {
          const at = x.indices[j] * labels + k;
          // L2 applied lazily to the weights this example touches.
          const gw = g * x.values[j] + options.l2 * model.weights[at];
          gradSq[at] += gw * gw;
          model.weights[at] -= (options.learningRate * gw) / Math.sqrt(gradSq[at]);
        }
      }
    }
  }
  return model;
}
