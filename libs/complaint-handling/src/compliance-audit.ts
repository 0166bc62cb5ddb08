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
