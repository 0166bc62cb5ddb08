import { readCorpus } from './corpus-files';
import { VALIDATION_TARGETS, evaluateHeldOut } from './held-out-evaluation';
import { loadClassifier } from './shipped-classifier';

/**
 * The validation set (libs/complaint-detection/corpus/*.heldout.jsonl: never trained on, but tuned against) keeps its gate;
 * the published figures come from the frozen test sets (test-sets.spec.ts, docs/classification.md).
 */
describe('validation-set evaluation of the shipped model', () => {
  const validation = readCorpus('heldout');
  const result = evaluateHeldOut(loadClassifier(), validation);

  it('covers both languages and every kind', () => {
    expect(Object.keys(result.byLanguage).sort()).toEqual(['en', 'ru']);
    for (const m of result.kinds.perClass) expect(m.support).toBeGreaterThan(0);
  });

  it(`complaint recall ≥ ${VALIDATION_TARGETS.recall} and precision ≥ ${VALIDATION_TARGETS.precision}`, () => {
    expect(result.complaint.recall).toBeGreaterThanOrEqual(VALIDATION_TARGETS.recall);
    expect(result.complaint.precision).toBeGreaterThanOrEqual(VALIDATION_TARGETS.precision);
    expect(result.meetsTargets).toBe(true);
  });
});
