type Sql = { query(sql: string, params?: unknown[]): Promise<unknown> };

export const ERASED = '[erased]';

export interface ScrubCounts {
  cases: number;
  messages: number;
  attachments: number;
  notes: number;
  events: number;
  corrections: number;
  knowledgeArticles: number;
}

/**
 * Removes the personal content of these cases and these case-less messages
 * (noise) while keeping each row, so case numbers, dates, kinds and outcomes
 * — what reports and the register count — stay: message text, HTML, the
 * provider's payload, sender address and thread, attachment files, notes,
 * classification corrections (the classifier's training copies), satisfaction
 * answers, the case's preview and its events' message and customer fields,
 * and the knowledge-base articles written from the case are unlinked and
 * cleared of the customer's names and addresses. Runs in the caller's
 * transaction; `inbox.erasure` lets the audit trail's guard accept exactly
 * these event rewrites (see the personal-data migration).
 */
export async function scrubPersonalContent(
  em: Sql,
  input: { caseIds: readonly string[]; looseMessageIds?: readonly string[]; customerTerms: readonly string[]; why: string },
): Promise<ScrubCounts> {
  const caseIds = [...input.caseIds];
  const loose = [...(input.looseMessageIds ?? [])];
  const counts: ScrubCounts = { cases: 0, messages: 0, attachments: 0, notes: 0, events: 0, corrections: 0, knowledgeArticles: 0 };
  if (caseIds.length === 0 && loose.length === 0) return counts;
  await em.query(`SELECT set_config('inbox.erasure', $1, true)`, [input.why]);
  const messageScope = `(case_id = ANY($1::uuid[]) OR id = ANY($2::uuid[]))`;
  const ids = [caseIds, loose];
  counts.attachments = rowCount(await em.query(`DELETE FROM attachment_contents WHERE message_id IN (SELECT id FROM messages WHERE ${messageScope})`, ids));
  counts.corrections = rowCount(
    await em.query(`UPDATE classification_corrections SET text = $3 WHERE text <> $3 AND message_id IN (SELECT id FROM messages WHERE ${messageScope})`, [...ids, ERASED]),
  );
  await em.query(`UPDATE merge_suggestions SET evidence = $3 WHERE message_id IN (SELECT id FROM messages WHERE ${messageScope})`, [...ids, ERASED]);
  counts.messages = rowCount(
    await em.query(
      `UPDATE messages SET text = $3, html = NULL, raw = NULL, sender_address = NULL, delivery_error = NULL, attachments = '[]',
              thread = CASE WHEN thread ? 'visibility' THEN jsonb_build_object('visibility', thread->'visibility') ELSE NULL END,
              classification = CASE WHEN classification IS NULL THEN NULL ELSE jsonb_build_object('kind', classification->'kind') END,
              erased_at = now(), updated_at = now()
        WHERE ${messageScope} AND erased_at IS NULL`,
      [...ids, ERASED],
    ),
  );
  if (caseIds.length === 0) return counts;
  counts.notes = rowCount(await em.query(`UPDATE case_notes SET text = $2 WHERE case_id = ANY($1::uuid[]) AND text <> $2`, [caseIds, ERASED]));
  await em.query(`UPDATE case_satisfaction SET answer_text = NULL WHERE case_id = ANY($1::uuid[]) AND answer_text IS NOT NULL`, [caseIds]);
  // Free-text case fields may hold what the customer said; numbers, dates and list choices are the firm's own record.
  await em.query(`DELETE FROM case_field_values v USING custom_fields f WHERE f.id = v.field_id AND f.kind = 'text' AND v.case_id = ANY($1::uuid[])`, [caseIds]);
  counts.cases = rowCount(await em.query(`UPDATE cases SET preview = $2, erased_at = now(), updated_at = now() WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`, [caseIds, ERASED]));
  // Events keep their type, case and time (the audit trail of what happened); the message and the customer's words go.
  counts.events = rowCount(
    await em.query(
      `UPDATE case_events SET payload = (payload - 'message' - 'note' - 'data')
              || jsonb_build_object('erased', true)
              || CASE WHEN payload ? 'case' THEN jsonb_build_object('case', (payload->'case') || jsonb_build_object('preview', $2::text, 'customerName', NULL, 'customerAddress', NULL)) ELSE '{}'::jsonb END
        WHERE case_id = ANY($1::uuid[]) AND NOT (payload ? 'erased')`,
      [caseIds, ERASED],
    ),
  );
  await em.query(`DELETE FROM outbox WHERE payload->>'caseId' = ANY($1::text[])`, [caseIds]);
  counts.knowledgeArticles = await unlinkKnowledge(em, caseIds, input.customerTerms);
  return counts;
}

/** Articles written from these cases lose the link and every mention of the customer's names and addresses. */
async function unlinkKnowledge(em: Sql, caseIds: string[], terms: readonly string[]): Promise<number> {
  const articles = (await em.query(`SELECT id, title, body FROM kb_articles WHERE source_case_id = ANY($1::uuid[])`, [caseIds])) as Array<{ id: string; title: string; body: string }>;
  const usable = terms.filter((t) => t.trim().length >= 3);
  for (const article of articles) {
    await em.query(`UPDATE kb_articles SET title = $2, body = $3, source_case_id = NULL, updated_at = now() WHERE id = $1`, [
      article.id,
      withoutTerms(article.title, usable),
      withoutTerms(article.body, usable),
    ]);
  }
  return articles.length;
}

export function withoutTerms(text: string, terms: readonly string[]): string {
  let out = text;
  for (const term of terms) out = out.split(term).join(ERASED);
  return out;
}

/** pg answers an UPDATE/DELETE through TypeORM as [rows, count]. */
export function rowCount(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  return 0;
}
