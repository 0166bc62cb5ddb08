import { scoresOf, softmax, toSparseVector, trainSoftmax } from './softmax-regression';

describe('softmax regression', () => {
  const options = { epochs: 40, learningRate: 0.5, l2: 1e-4, seed: 7 };
  // Feature 0 and 1 mean label 0, feature 2 means label 1, feature 3 means label 2; feature 4 is noise.
  const data = [
    [[0, 4], 0], [[1], 0], [[0, 1], 0], [[2, 4], 1], [[2], 1], [[3], 2], [[3, 4], 2],
  ] as const;
  const examples = data.map(([indices, label]) => ({ x: toSparseVector([...indices]), label, weight: 1 }));

  it('learns a separable toy problem', () => {
    const model = trainSoftmax(examples, 5, 3, options);
    for (const e of examples) {
      const probs = softmax(scoresOf(model, e.x));
      expect(probs.indexOf(Math.max(...probs))).toBe(e.label);
    }
  });

  it('is deterministic for a seed', () => {
    const a = trainSoftmax(examples, 5, 3, options);
    const b = trainSoftmax(examples, 5, 3, options);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('softmax sums to one and a higher temperature flattens it', () => {
    const sharp = softmax([2, 0, -1]);
    const flat = softmax([2, 0, -1], 3);
    expect(sharp.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(flat[0]).toBeLessThan(sharp[0]);
  });
});
