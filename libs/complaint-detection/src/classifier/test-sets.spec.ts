import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADVERSARIAL_TRAITS } from './labelled-message';
import { CORPUS_DIR, TEST_SETS, corpusKey, readCorpus, readTestSet, sha256Of } from './corpus-files';

/**
 * The frozen test sets (docs/classification.md): unchanged since they were written, and nothing trains on them.
 * Changing one means a new version file, a new hash in TEST_SETS and the reason in docs/classification.md.
 */
describe('classifier test sets', () => {
  const adversarial = readTestSet('adversarial');
  const frozen = readTestSet('frozenHeldOut');
  const training = new Set(readCorpus('train').map((e) => corpusKey(e.text)));

  it.each(Object.entries(TEST_SETS))('%s is the frozen file (sha256)', (_name, { file, sha256 }) => {
    expect(sha256Of(join(CORPUS_DIR, file))).toBe(sha256);
  });

  it('refuses a set whose content changed, saying what to do instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'test-sets-'));
    try {
      mkdirSync(join(dir, 'test-sets'));
      const original = readFileSync(join(CORPUS_DIR, TEST_SETS.frozenHeldOut.file), 'utf8');
      // One label flipped, the kind of edit that would flatter the model.
      writeFileSync(join(dir, TEST_SETS.frozenHeldOut.file), original.replace('"kind":"complaint"', '"kind":"enquiry"'));
      expect(() => readTestSet('frozenHeldOut', dir)).toThrow(/frozen-heldout\.v1\.jsonl is frozen .*new version file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the adversarial set has at least 150 messages in English and Russian, every trait, complaints and others', () => {
    expect(adversarial.length).toBeGreaterThanOrEqual(150);
    expect(new Set(adversarial.map((e) => e.lang))).toEqual(new Set(['en', 'ru']));
    for (const trait of ADVERSARIAL_TRAITS) {
      const of = adversarial.filter((e) => e.trait === trait);
      expect(of.filter((e) => e.kind === 'complaint').length).toBeGreaterThanOrEqual(15);
      expect(of.filter((e) => e.kind !== 'complaint').length).toBeGreaterThanOrEqual(5);
    }
    expect(adversarial.every((e) => e.trait !== undefined)).toBe(true);
  });

  it('the frozen held-out set has every kind in both languages', () => {
    for (const lang of ['en', 'ru']) {
      const kinds = new Set(frozen.filter((e) => e.lang === lang).map((e) => e.kind));
      expect(kinds).toEqual(new Set(['complaint', 'enquiry', 'compliment', 'noise']));
    }
  });

  it('nothing in either set is training data, nor in the other set or the validation set', () => {
    const validation = new Set(readCorpus('heldout').map((e) => corpusKey(e.text)));
    const adversarialKeys = new Set(adversarial.map((e) => corpusKey(e.text)));
    for (const set of [adversarial, frozen]) {
      expect(set.filter((e) => training.has(corpusKey(e.text))).map((e) => e.text)).toEqual([]);
      expect(set.filter((e) => validation.has(corpusKey(e.text))).map((e) => e.text)).toEqual([]);
    }
    expect(frozen.filter((e) => adversarialKeys.has(corpusKey(e.text))).map((e) => e.text)).toEqual([]);
  });

  it('the validation set is not training data either', () => {
    expect(readCorpus('heldout').filter((e) => training.has(corpusKey(e.text))).map((e) => e.text)).toEqual([]);
  });
});
