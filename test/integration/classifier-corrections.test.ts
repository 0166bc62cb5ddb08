import { Client } from 'pg';
import { DEFAULT_TRAINING_OPTIONS, TrainedMessageClassifier, trainClassifierModel, type LabelledMessage } from '@inbox/complaint-detection';
import { readCorrections } from '../../scripts/classifier-corrections';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Agents' corrections in PostgreSQL feed the next training (`npm run train:classifier` with DATABASE_URL). */
describe('classifier corrections', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  async function sql(query: string, params: unknown[] = []): Promise<void> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(query, params);
    } finally {
      await client.end();
    }
  }

  it('reads nothing while the corrections table does not exist', async () => {
    await sql(`DROP TABLE IF EXISTS classification_corrections`);
    await expect(readCorrections(db.url)).resolves.toEqual([]);
  });

  it('reads the latest correction of each message and trains on it', async () => {
    await sql(`DROP TABLE IF EXISTS classification_corrections`);
    await sql(`CREATE TABLE classification_corrections (
      message_id text NOT NULL, text text NOT NULL, kind text NOT NULL, product text, issue text,
      corrected_by text, created_at timestamptz NOT NULL DEFAULT now())`);
    const insert = `INSERT INTO classification_corrections (message_id, text, kind, product, issue, corrected_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`;
    await sql(insert, ['m1', 'the quarterly thing arrived', 'complaint', 'card', 'fees', 'agent-1', '2026-01-01T00:00:00Z']);
    await sql(insert, ['m1', 'the quarterly thing arrived', 'noise', null, null, 'agent-2', '2026-01-02T00:00:00Z']);
    await sql(insert, ['m2', 'Мне так и не вернули деньги за отменённый заказ', 'complaint', 'card', 'chargebacks', 'agent-1', '2026-01-01T00:00:00Z']);
    await sql(insert, ['m3', 'whatever', 'gibberish-kind', null, null, 'agent-1', '2026-01-01T00:00:00Z']);

    const corrections = await readCorrections(db.url);
    expect(corrections).toEqual([
      expect.objectContaining({ text: 'the quarterly thing arrived', kind: 'noise', product: null, issue: null, source: 'correction', weight: 3 }),
      // An issue the model does not know becomes `other`; the language is detected.
      expect.objectContaining({ kind: 'complaint', product: 'card', issue: 'other', lang: 'ru', source: 'correction' }),
    ]);

    const corpus: LabelledMessage[] = [
      { text: 'you charged me a fee again, refund it', lang: 'en', kind: 'complaint', product: 'card', issue: 'fees', urgency: 'normal', vulnerability: [] },
      { text: 'the thing arrived broken, I want a refund', lang: 'en', kind: 'complaint', product: 'card', issue: 'other', urgency: 'normal', vulnerability: [] },
      { text: 'how do I open an account?', lang: 'en', kind: 'enquiry', product: 'account', issue: 'other', urgency: 'low', vulnerability: [] },
      { text: 'thank you, lovely staff', lang: 'en', kind: 'compliment', product: null, issue: null, urgency: 'low', vulnerability: [] },
      { text: 'ok', lang: 'en', kind: 'noise', product: null, issue: null, urgency: 'low', vulnerability: [] },
    ];
    const options = { ...DEFAULT_TRAINING_OPTIONS, minFeatureCount: 1, folds: 2 };
    const withCorrections = trainClassifierModel([...corpus, ...corrections], options, corrections.length).model;
    expect(withCorrections.trainedOn.corrections).toBe(2);
    const noise = 3;
    const before = new TrainedMessageClassifier(trainClassifierModel(corpus, options).model).kindProbabilities('the quarterly thing arrived');
    const after = new TrainedMessageClassifier(withCorrections).kindProbabilities('the quarterly thing arrived');
    expect(after[noise]).toBeGreaterThan(before[noise]);
  });
});
