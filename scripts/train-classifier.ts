/**
 * Trains the message classifier and writes libs/complaint-detection/src/classifier/classifier-model.json.
 *
 *   npm run train:classifier                       # from the corpus (libs/complaint-detection/corpus/*.train.jsonl)
 *   DATABASE_URL=postgres://… npm run train:classifier   # plus agents' corrections
 *
 * Corrections come from `classification_corrections(message_id, text, kind, product, issue,
 * corrected_by, created_at)` when that table exists: the latest correction of each message,
 * weighted ×3 (CORRECTION_WEIGHT) so an agent's judgement outweighs a corpus example. The validation set
 * (*.heldout.jsonl) and the frozen test sets (test-sets/) are read only to refuse any of their messages as
 * training data. Same inputs → byte-identical model file (fixed seed).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { corpusKey, evaluationTexts, readCorpus } from '../libs/complaint-detection/src/classifier/corpus-files';
import { readCorrections } from './classifier-corrections';
import { DEFAULT_TRAINING_OPTIONS, trainClassifierModel } from '@inbox/complaint-detection';

const MODEL_PATH = resolve(__dirname, '../libs/complaint-detection/src/classifier/classifier-model.json');

async function main(): Promise<void> {
  const corpus = readCorpus('train');
  const evaluation = evaluationTexts();
  const leaked = corpus.filter((e) => evaluation.has(corpusKey(e.text)));
  if (leaked.length > 0) throw new Error(`validation or test-set messages found in the training corpus: ${leaked.map((e) => e.text).join(' | ')}`);
  const databaseUrl = process.env.DATABASE_URL;
  const allCorrections = databaseUrl ? await readCorrections(databaseUrl) : [];
  // An evaluation message corrected by an agent stays out of training, or the evaluation would flatter the model.
  const corrections = allCorrections.filter((e) => !evaluation.has(corpusKey(e.text)));
  if (databaseUrl && allCorrections.length > corrections.length) {
    console.log(`skipped ${allCorrections.length - corrections.length} corrections of validation or test-set messages`);
  }
  const examples = [...corpus, ...corrections];
  const started = Date.now();
  const { model, calibration } = trainClassifierModel(examples, DEFAULT_TRAINING_OPTIONS, corrections.length);
  const json = JSON.stringify(model) + '\n';
  writeFileSync(MODEL_PATH, json);
  const features = model.features.split('\n').length;
  console.log(`trained on ${corpus.length} corpus messages + ${corrections.length} corrections in ${Date.now() - started} ms`);
  console.log(`by kind: ${JSON.stringify(model.trainedOn.byKind)}; ${features} features; model ${(json.length / 1024).toFixed(0)} KiB`);
  console.log(
    `cross-validated: temperature ${calibration.temperature}, decision thresholds ${JSON.stringify(calibration.decision)}, ` +
      `complaint recall ${calibration.validation.recall.toFixed(3)}, precision ${calibration.validation.precision.toFixed(3)}`,
  );
  console.log(`wrote ${MODEL_PATH}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
