import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeText } from './text-features';
import { parseCorpus, type LabelledMessage } from './labelled-message';

/** The labelled corpus lives beside the library's source (libs/complaint-detection/corpus), for training and evaluation only. */
export const CORPUS_DIR = resolve(__dirname, '../../corpus');

/**
 * `train` files (*.train.jsonl) are for training; `heldout` files (*.heldout.jsonl) are the validation set:
 * never trained on, but tuned against over the model's history, so their figures are optimistic
 * (docs/classification.md). The test sets are in test-sets/ and read with readTestSet.
 */
export function readCorpus(split: 'train' | 'heldout', dir = CORPUS_DIR): LabelledMessage[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(`.${split}.jsonl`))
    .sort();
  if (files.length === 0) throw new Error(`no *.${split}.jsonl files in ${dir}`);
  return files.flatMap((f) => parseCorpus(readFileSync(join(dir, f), 'utf8'), f));
}

/**
 * The two test sets, frozen: written before the model they measure was changed, never trained or tuned on,
 * never edited. A change is a new version file (and a new hash here) with the reason in docs/classification.md.
 */
export const TEST_SETS = {
  /** Irony, politeness, hardship, third parties, dissatisfied questions, typos, transliterated Russian (en + ru). */
  adversarial: { file: 'test-sets/adversarial.v1.jsonl', sha256: 'fa27a4b8c1f70217cdc99efcfa34b57c48091cd63c0b92ef4ac4cba0f6349df5' },
  /** Ordinary traffic of every kind (en + ru), the held-out figure the project publishes. */
  frozenHeldOut: { file: 'test-sets/frozen-heldout.v1.jsonl', sha256: 'e91391956b4059d72d0a41db660c303795857822126439b46fbabc6f33921238' },
} as const;
export type TestSetName = keyof typeof TEST_SETS;

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A test set's messages; refuses a file whose content is not the frozen one. */
export function readTestSet(name: TestSetName, dir = CORPUS_DIR): LabelledMessage[] {
  const { file, sha256 } = TEST_SETS[name];
  const path = join(dir, file);
  const actual = sha256Of(path);
  if (actual !== sha256) {
    throw new Error(
      `${file} is frozen but its content changed (sha256 ${actual}, expected ${sha256}): ` +
        'write a new version file instead and give the reason in docs/classification.md',
    );
  }
  return parseCorpus(readFileSync(path, 'utf8'), file);
}

/** How texts are compared when checking that nothing trains on an evaluation set. */
export function corpusKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/** Every message the model must never learn from: the validation set and both test sets. */
export function evaluationTexts(dir = CORPUS_DIR): Set<string> {
  const sets = [readCorpus('heldout', dir), readTestSet('adversarial', dir), readTestSet('frozenHeldOut', dir)];
  return new Set(sets.flat().map((e) => corpusKey(e.text)));
}
