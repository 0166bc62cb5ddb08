import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What the staff audit trail records (docs/staff-sign-in.md lists them). */
export type StaffAuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_refused'
  | 'sign_out'
  | 'user_created'
  | 'user_invited'
  | 'user_updated'
  | 'user_disabled'
  | 'user_enabled'
  | 'password_reset'
  | 'second_factor_enrolled'
  | 'second_factor_reset'
  | 'recovery_code_used'
  | 'session_revoked'
  | 'api_token_created'
  | 'api_token_revoked';

export interface StaffAuditEntry {
  actorUserId?: string | null;
  subjectUserId?: string | null;
  /** Kept for failures on unknown accounts, and so an entry still reads after the user is gone. */
  subjectEmail?: string | null;
  action: StaffAuditAction;
  detail?: Record<string, unknown>;
  clientAddress?: string | null;
}

export interface StaffAuditRecord {
  id: string;
  at: string;
  actor: { userId: string; name: string; email: string } | null;
  subject: { userId: string | null; email: string | null; name: string | null };
  action: StaffAuditAction;
  detail: Record<string, unknown>;
  clientAddress: string | null;
}

type Sql = { query(sql: string, params?: unknown[]): Promise<unknown> };

/** The staff audit trail: who did what to whose account, and every sign-in and failure. Append-only. */
@Injectable()
export class StaffAudit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records in the caller's transaction when given one, so a rolled-back change leaves no entry. */
  async record(entry: StaffAuditEntry, sql: Sql = this.db): Promise<void> {
    await sql.query(
      `INSERT INTO staff_audit (actor_user_id, subject_user_id, subject_email, action, detail, client_address) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actorUserId ?? null,
        entry.subjectUserId ?? null,
        entry.subjectEmail?.slice(0, 320).toLowerCase() ?? null,
        entry.action,
        JSON.stringify(entry.detail ?? {}),
        entry.clientAddress?.slice(0, 100) ?? null,
      ],
    );
  }

  /** Newest first; `userId` narrows to entries about (or by) one person; `before` pages on by id. */
  async list(options: { userId?: string; limit?: number; before?: string } = {}): Promise<StaffAuditRecord[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    const userId = options.userId && UUID.test(options.userId) ? options.userId : null;
    if (options.userId && !userId) return [];
    const before = options.before && /^\d{1,18}$/.test(options.before) ? options.before : null;
    const rows = (await this.db.query(
      `SELECT a.id::text, a.at, a.action, a.detail, a.client_address, a.subject_user_id, a.subject_email,
              s.name AS subject_name, s.email AS subject_current_email, a.actor_user_id, ac.name AS actor_name, ac.email AS actor_email
         FROM staff_audit a
         LEFT JOIN users s ON s.id = a.subject_user_id
         LEFT JOIN users ac ON ac.id = a.actor_user_id
        WHERE ($1::uuid IS NULL OR a.subject_user_id = $1 OR a.actor_user_id = $1)
          AND ($2::bigint IS NULL OR a.id < $2::bigint)
        ORDER BY a.id DESC LIMIT $3`,
      [userId, before, limit],
    )) as Array<{
      id: string;
      at: Date;
      action: StaffAuditAction;
      detail: Record<string, unknown>;
      client_address: string | null;
      subject_user_id: string | null;
      subject_email: string | null;
      subject_name: string | null;
      subject_current_email: string | null;
      actor_user_id: string | null;
      actor_name: string | null;
      actor_email: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      detail: r.detail,
      clientAddress: r.client_address,
      actor: r.actor_user_id ? { userId: r.actor_user_id, name: r.actor_name ?? '', email: r.actor_email ?? '' } : null,
      subject: { userId: r.subject_user_id, email: r.subject_current_email ?? r.subject_email, name: r.subject_name },
    }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
