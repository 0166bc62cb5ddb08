import { readCorpus } from './corpus-files';
import { COMPLAINT_TARGETS, evaluateHeldOut } from './held-out-evaluation';
import { loadClassifier } from './shipped-classifier';

/**
 * The correctness gate of `npm run eval:classifier`: the shipped model on the
 * held-out corpus (never used in training) meets the RG 271 complaint targets.
 */
describe('held-out evaluation of the shipped model', () => {
  const heldOut = readCorpus('heldout');
  const result = evaluateHeldOut(loadClassifier(), heldOut);

  it('covers both languages and every kind', () => {
    expect(Object.keys(result.byLanguage).sort()).toEqual(['en', 'ru']);
    for (const m of result.kinds.perClass) expect(m.support).toBeGreaterThan(0);
  });

  it(`complaint recall ≥ ${COMPLAINT_TARGETS.recall} and precision ≥ ${COMPLAINT_TARGETS.precision}`, () => {
    expect(result.complaint.recall).toBeGreaterThanOrEqual(COMPLAINT_TARGETS.recall);
    expect(result.complaint.precision).toBeGreaterThanOrEqual(COMPLAINT_TARGETS.precision);
    expect(result.meetsTargets).toBe(true);
  });

  it('never trains on a held-out message', () => {
    const training = new Set(readCorpus('train').map((e) => e.text.trim().toLowerCase()));
    expect(heldOut.filter((e) => training.has(e.text.trim().toLowerCase()))).toEqual([]);
  });
});
