import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StaffPrincipal, StaffRole } from '@inbox/contracts';

/** The PostgreSQL channel on which every process hears of revoked sessions (see SessionRevocations). */
export const SESSION_REVOKED_CHANNEL = 'staff_sessions_revoked';

/** Why a session ended; shown to the person whose workspace closes. */
export type SessionEndReason = 'logout' | 'user_disabled' | 'role_changed' | 'teams_changed' | 'password_reset' | 'expired';

export interface SessionRevocation {
  /** Every session of these users ended… */
  userIds: string[];
  /** …or just these sessions. */
  sessionIds: string[];
  reason: SessionEndReason;
}

export interface LiveSession {
  sessionId: string;
  principal: StaffPrincipal;
  expiresAt: Date;
}

/** Anything that runs SQL: the DataSource, or the EntityManager of a transaction the revocation belongs to. */
type Sql = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Revokes every live session of the users and tells every process, in the
 * caller's transaction: pg_notify is delivered only when it commits, so a
 * rolled-back change of role revokes nothing.
 */
export async function revokeUserSessions(sql: Sql, userIds: readonly string[], reason: SessionEndReason): Promise<void> {
  if (userIds.length === 0) return;
  await sql.query(
    `WITH revoked AS (
       UPDATE staff_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL RETURNING id)
     SELECT pg_notify($3, json_build_object('userIds', $1::uuid[], 'sessionIds', '[]'::json, 'reason', $2::text)::text)`,
    [userIds, reason, SESSION_REVOKED_CHANNEL],
  );
}

/**
 * Staff sessions, server side: a login creates one, its id travels in the
 * access token, and every request finds it here still live (not revoked, not
 * expired, its user active) together with the user's current role and teams.
 */
@Injectable()
export class SessionStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(input: { userId: string; expiresAt: Date; clientAddress?: string; userAgent?: string }): Promise<string> {
    const [row] = (await this.db.query(
      `INSERT INTO staff_sessions (user_id, kind, expires_at, client_address, user_agent) VALUES ($1, 'bearer', $2, $3, $4) RETURNING id`,
      [input.userId, input.expiresAt, input.clientAddress?.slice(0, 100) ?? null, input.userAgent?.slice(0, 300) ?? null],
    )) as Array<{ id: string }>;
    return row.id;
  }

  /** The session and its user as they are now, or null when it is over for any reason. */
  async live(sessionId: string, userId: string): Promise<LiveSession | null> {
    const [row] = (await this.db.query(
      `SELECT s.id, s.expires_at, u.id AS user_id, u.email, u.name, u.role,
              ARRAY(SELECT ut.team_id FROM user_teams ut WHERE ut.user_id = u.id ORDER BY ut.team_id) AS team_ids
         FROM staff_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId, userId],
    )) as Array<{ id: string; expires_at: Date; user_id: string; email: string; name: string; role: StaffRole; team_ids: string[] }>;
    if (!row) return null;
    return {
      sessionId: row.id,
      expiresAt: row.expires_at,
      principal: { userId: row.user_id, email: row.email, name: row.name, role: row.role, teamIds: row.team_ids },
    };
  }

  /** Ends one session (logout), and tells every process. */
  async revoke(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.db.query(
      `WITH revoked AS (UPDATE staff_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT pg_notify($3, json_build_object('userIds', '[]'::json, 'sessionIds', json_build_array($1::uuid), 'reason', $2::text)::text)`,
      [sessionId, reason, SESSION_REVOKED_CHANNEL],
    );
  }

  /** Sessions long over are of no use; kept a day for the record. */
  async pruneExpired(): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE expires_at < now() - interval '1 day'`);
  }
}
