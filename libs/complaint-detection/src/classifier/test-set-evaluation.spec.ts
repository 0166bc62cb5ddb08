import { COMPLAINT_TARGETS, evaluateComplaintDetection } from './complaint-detection-evaluation';
import { readTestSet } from './corpus-files';
import { loadClassifier } from './shipped-classifier';

/**
 * The shipped model on the frozen test sets (docs/classification.md), the figures `npm run eval:classifier`
 * prints: both sets meet the targets (model 3; the adversarial set's recall was 148/152 with model 2).
 */
describe('the shipped model on the frozen test sets', () => {
  const classifier = loadClassifier();

  it.each([['frozenHeldOut'], ['adversarial']] as const)(
    `%s: complaint recall ≥ ${COMPLAINT_TARGETS.recall} and precision ≥ ${COMPLAINT_TARGETS.precision}`,
    (name) => {
      const result = evaluateComplaintDetection(classifier, readTestSet(name));
      expect(result.recall.value).toBeGreaterThanOrEqual(COMPLAINT_TARGETS.recall);
      expect(result.precision.value).toBeGreaterThanOrEqual(COMPLAINT_TARGETS.precision);
      expect(result.meetsTargets).toBe(true);
    },
  );

  // Per trait (about 22 complaints each) the figure is too coarse for the 0.98 target; 0.9 catches a trait falling back.
  it('adversarial: every trait\'s complaints found at ≥ 0.9', () => {
    const result = evaluateComplaintDetection(classifier, readTestSet('adversarial'));
    for (const [trait, { recall }] of Object.entries(result.byTrait)) {
      expect({ trait, found: recall.value >= 0.9 }).toEqual({ trait, found: true });
    }
  });
});
