/**
 * Trains the message classifier and writes libs/triage/src/classifier/classifier-model.json.
 *
 *   npm run train:classifier                       # from the corpus (libs/triage/corpus/*.train.jsonl)
 *   DATABASE_URL=postgres://… npm run train:classifier   # plus agents' corrections
 *
 * Corrections come from `classification_corrections(message_id, text, kind, product, issue,
 * corrected_by, created_at)` when that table exists: the latest correction of each message,
 * weighted ×3 so an agent's judgement outweighs a corpus example. The held-out files are
 * never read here. Same inputs → byte-identical model file (fixed seed).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { CLASSIFICATION_KINDS, type ClassificationKind } from '@inbox/contracts';
import { readCorpus } from '../libs/triage/src/classifier/corpus-files';
import {
  DEFAULT_TRAINING_OPTIONS,
  ISSUES,
  PRODUCTS,
  detectLanguage,
  normalizeText,
  trainClassifierModel,
  vulnerabilitySignals,
  type Issue,
  type LabelledMessage,
  type Product,
} from '@inbox/triage';

const MODEL_PATH = resolve(__dirname, '../libs/triage/src/classifier/classifier-model.json');
const CORRECTION_WEIGHT = 3;

interface CorrectionRow {
  text: string;
  kind: string;
  product: string | null;
  issue: string | null;
}

function known<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  if (value === null || value === '') return null;
  return (allowed as readonly string[]).includes(value) ? (value as T) : ('other' as T);
}

async function readCorrections(databaseUrl: string): Promise<LabelledMessage[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('classification_corrections')::text AS t`);
    if (!exists.rows[0]?.t) {
      console.log('no classification_corrections table: training on the corpus only');
      return [];
    }
    // The latest correction of each message wins.
    const { rows } = await client.query<CorrectionRow>(
      `SELECT DISTINCT ON (message_id) text, kind, product, issue
         FROM classification_corrections
        WHERE text IS NOT NULL AND text <> ''
        ORDER BY message_id, created_at DESC`,
    );
    return rows
      .filter((r) => (CLASSIFICATION_KINDS as readonly string[]).includes(r.kind))
      .map((r) => ({
        text: r.text,
        lang: detectLanguage(r.text),
        kind: r.kind as ClassificationKind,
        product: r.kind === 'noise' ? null : known<Product>(r.product, PRODUCTS),
        issue: r.kind === 'noise' ? null : known<Issue>(r.issue, ISSUES),
        urgency: 'normal',
        vulnerability: vulnerabilitySignals(r.text),
        weight: CORRECTION_WEIGHT,
        source: 'correction',
      }));
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const corpus = readCorpus('train');
  const heldOut = new Set(readCorpus('heldout').map((e) => normalizeText(e.text).trim()));
  const leaked = corpus.filter((e) => heldOut.has(normalizeText(e.text).trim()));
  if (leaked.length > 0) throw new Error(`held-out messages found in the training corpus: ${leaked.map((e) => e.text).join(' | ')}`);
  const databaseUrl = process.env.DATABASE_URL;
  const corrections = databaseUrl ? await readCorrections(databaseUrl) : [];
  const examples = [...corpus, ...corrections];
  const started = Date.now();
  const { model, calibration } = trainClassifierModel(examples, DEFAULT_TRAINING_OPTIONS, corrections.length);
  const json = JSON.stringify(model) + '\n';
  writeFileSync(MODEL_PATH, json);
  const features = model.features.split('\n').length;
  console.log(`trained on ${corpus.length} corpus messages + ${corrections.length} corrections in ${Date.now() - started} ms`);
  console.log(`by kind: ${JSON.stringify(model.trainedOn.byKind)}; ${features} features; model ${(json.length / 1024).toFixed(0)} KiB`);
  console.log(
    `cross-validated: temperature ${calibration.temperature}, complaint threshold ${calibration.complaintThreshold}, ` +
      `complaint recall ${calibration.validation.recall.toFixed(3)}, precision ${calibration.validation.precision.toFixed(3)}`,
  );
  console.log(`wrote ${MODEL_PATH}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
