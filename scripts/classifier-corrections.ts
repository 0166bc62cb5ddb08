import { Client } from 'pg';
import {
  correctionToExample,
  detectLanguage,
  vulnerabilitySignals,
  type ClassificationCorrection,
  type LabelledMessage,
} from '@inbox/complaint-detection';

/**
 * Agents' corrections of kind or category, as training examples: the latest
 * correction of each message from `classification_corrections(message_id, text,
 * kind, product, issue, corrected_by, created_at)`. No table yet → no corrections.
 */
export async function readCorrections(databaseUrl: string): Promise<LabelledMessage[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('classification_corrections')::text AS t`);
    if (!exists.rows[0]?.t) return [];
    const { rows } = await client.query<ClassificationCorrection>(
      `SELECT DISTINCT ON (message_id) text, kind, product, issue
         FROM classification_corrections
        WHERE text IS NOT NULL AND text <> ''
        ORDER BY message_id, created_at DESC`,
    );
    return rows
      .map((r) => correctionToExample(r, detectLanguage(r.text), vulnerabilitySignals(r.text)))
      .filter((e): e is LabelledMessage => e !== null);
  } finally {
    await client.end();
  }
}
