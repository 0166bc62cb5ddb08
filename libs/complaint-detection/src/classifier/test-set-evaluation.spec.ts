import { COMPLAINT_TARGETS, evaluateComplaintDetection } from './complaint-detection-evaluation';
import { readTestSet } from './corpus-files';
import { loadClassifier } from './shipped-classifier';

/**
 * The shipped model on the frozen test sets (docs/classification.md), the figures `npm run eval:classifier`
 * prints. The frozen held-out set meets the targets. The adversarial set does not yet reach recall 0.98
 * (148/152 with model 2, Wilson interval 0.934–0.990): this guards against falling back while that target is open.
 */
describe('the shipped model on the frozen test sets', () => {
  const classifier = loadClassifier();

  it(`frozen held-out: complaint recall ≥ ${COMPLAINT_TARGETS.recall} and precision ≥ ${COMPLAINT_TARGETS.precision}`, () => {
    const result = evaluateComplaintDetection(classifier, readTestSet('frozenHeldOut'));
    expect(result.recall.value).toBeGreaterThanOrEqual(COMPLAINT_TARGETS.recall);
    expect(result.precision.value).toBeGreaterThanOrEqual(COMPLAINT_TARGETS.precision);
    expect(result.meetsTargets).toBe(true);
  });

  it('adversarial: no worse than model 2 (recall ≥ 148/152, precision ≥ 0.85), every trait found at ≥ 0.9', () => {
    const result = evaluateComplaintDetection(classifier, readTestSet('adversarial'));
    expect(result.recall.successes).toBeGreaterThanOrEqual(148);
    expect(result.precision.value).toBeGreaterThanOrEqual(COMPLAINT_TARGETS.precision);
    for (const [trait, { recall }] of Object.entries(result.byTrait)) {
      expect({ trait, found: recall.value >= 0.9 }).toEqual({ trait, found: true });
    }
  });
});
