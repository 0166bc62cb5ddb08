import { evaluatePredictions, formatProportion, wilsonInterval } from './classification-metrics';

describe('classification metrics', () => {
  it('gives the Wilson score interval of a proportion', () => {
    // Reference values: Wilson (1927) / Newcombe (1998) table, 95 %.
    const p = wilsonInterval(81, 263);
    expect(p.value).toBeCloseTo(0.308, 3);
    expect(p.low).toBeCloseTo(0.255, 3);
    expect(p.high).toBeCloseTo(0.366, 3);
    const all = wilsonInterval(10, 10);
    expect(all.value).toBe(1);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.722, 3);
    expect(wilsonInterval(0, 10).low).toBe(0);
  });

  it('is the whole range for no trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ low: 0, high: 1, trials: 0 });
    expect(() => wilsonInterval(5, 4)).toThrow(/successes ≤ trials/);
    expect(() => wilsonInterval(-1, 4)).toThrow();
  });

  it('prints value, interval and counts', () => {
    expect(formatProportion(wilsonInterval(125, 130))).toBe('0.962 [0.913, 0.983] (125/130)');
  });

  it('counts per-class precision and recall from a confusion matrix', () => {
    const r = evaluatePredictions(['a', 'b'], ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.confusion).toEqual([[1, 1], [0, 2]]);
    expect(r.perClass[0]).toMatchObject({ precision: 1, recall: 0.5 });
    expect(r.perClass[1]).toMatchObject({ precision: 2 / 3, recall: 1 });
  });
});
