/**
 * One row of the compliance audit trail (who, when, what, why). The table
 * rejects UPDATE and DELETE, so a row written here stays as written.
 */
export async function recordAudit(
  em: { query(sql: string, params?: unknown[]): Promise<unknown> },
  entry: { caseId?: string | null; actorUserId?: string | null; action: string; reason?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await em.query(`INSERT INTO compliance_audit (case_id, actor_user_id, action, reason, data) VALUES ($1, $2, $3, $4, $5)`, [
    entry.caseId ?? null,
    entry.actorUserId ?? null,
    entry.action,
    entry.reason ?? null,
    JSON.stringify(entry.data ?? {}),
  ]);
}

/** Many rows of the audit trail in one statement, in order. */
export async function recordAudits(
  em: { query(sql: string, params?: unknown[]): Promise<unknown> },
  entries: ReadonlyArray<{ caseId?: string | null; actorUserId?: string | null; action: string; reason?: string | null; data?: Record<string, unknown> }>,
): Promise<void> {
  if (entries.length === 0) return;
  await em.query(
    `INSERT INTO compliance_audit (case_id, actor_user_id, action, reason, data)
     SELECT case_id, actor_user_id, action, reason, data FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[])
            WITH ORDINALITY AS u(case_id, actor_user_id, action, reason, data, ord) ORDER BY ord`,
    [
      entries.map((e) => e.caseId ?? null),
      entries.map((e) => e.actorUserId ?? null),
      entries.map((e) => e.action),
      entries.map((e) => e.reason ?? null),
      entries.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
}
