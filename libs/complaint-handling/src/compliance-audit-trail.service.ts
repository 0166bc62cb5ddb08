import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ComplianceAuditEntry {
  id: number;
  caseId: string | null;
  actorUserId: string | null;
  action: string;
  reason: string | null;
  data: unknown;
  at: string;
}

/** Reads the compliance audit trail (recordAudit writes it; the database refuses changes to it). */
@Injectable()
export class ComplianceAuditTrail {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The newest entries first, of one case or of all. */
  async list(filter: { caseId?: string; limit?: number }): Promise<{ items: ComplianceAuditEntry[] }> {
    const rows = (await this.db.query(
      `SELECT id, case_id, actor_user_id, action, reason, data, created_at FROM compliance_audit
        WHERE ($1::uuid IS NULL OR case_id = $1) ORDER BY id DESC LIMIT $2`,
      [filter.caseId ?? null, filter.limit ?? 200],
    )) as Array<{ id: string; case_id: string | null; actor_user_id: string | null; action: string; reason: string | null; data: unknown; created_at: Date }>;
    return {
      items: rows.map((r) => ({ id: Number(r.id), caseId: r.case_id, actorUserId: r.actor_user_id, action: r.action, reason: r.reason, data: r.data, at: r.created_at.toISOString() })),
    };
  }
}
