import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCorpus, type LabelledMessage } from './labelled-message';

/** The labelled corpus lives beside the library's source (libs/triage/corpus), for training and evaluation only. */
export const CORPUS_DIR = resolve(__dirname, '../../corpus');

/** `train` files (*.train.jsonl) are for training; `heldout` files (*.heldout.jsonl) are only ever evaluated on. */
export function readCorpus(split: 'train' | 'heldout', dir = CORPUS_DIR): LabelledMessage[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(`.${split}.jsonl`))
    .sort();
  if (files.length === 0) throw new Error(`no *.${split}.jsonl files in ${dir}`);
  return files.flatMap((f) => parseCorpus(readFileSync(join(dir, f), 'utf8'), f));
}
