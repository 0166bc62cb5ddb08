import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StaffPrincipal, StaffRole } from '@inbox/contracts';
import { SESSION_REVOKED_CHANNEL, SessionRevocations } from './session-revocations';


/** Why a session ended; shown to the person whose workspace closes. */
export type SessionEndReason = 'logout' | 'user_disabled' | 'role_changed' | 'teams_changed' | 'password_reset' | 'expired' | 'revoked' | 'access_withdrawn';

export interface SessionRevocation {
  /** Every session of these users ended… */
  userIds: string[];
  /** …or just these sessions. */
  sessionIds: string[];
  reason: SessionEndReason;
}

export interface StaffSessionSummary {
  id: string;
  /** `browser`: the web workspace's cookie; `bearer`: a token from POST /api/auth/login. */
  kind: 'browser' | 'bearer';
  clientAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  expiresAt: string;
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
 * After the commit the caller awaits `SessionRevocations.settle()`, so its
 * answer comes only once this process has let the sessions go.
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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly revocations: SessionRevocations,
  ) {}

  async create(input: { userId: string; expiresAt: Date; kind?: 'bearer' | 'cookie'; clientAddress?: string; userAgent?: string }): Promise<string> {
    const [row] = (await this.db.query(
      `INSERT INTO staff_sessions (user_id, kind, expires_at, client_address, user_agent) VALUES ($1, $5, $2, $3, $4) RETURNING id`,
      [input.userId, input.expiresAt, input.clientAddress?.slice(0, 100) ?? null, input.userAgent?.slice(0, 300) ?? null, input.kind ?? 'bearer'],
    )) as Array<{ id: string }>;
    return row.id;
  }

  /** The session and its user as they are now, or null when it is over for any reason. */
  async live(sessionId: string, userId: string): Promise<LiveSession | null> {
    const [row] = (await this.db.query(
      `SELECT s.id, s.expires_at, u.id AS user_id, u.email, u.name, u.role,
              ARRAY(SELECT ut.team_id FROM user_teams ut WHERE ut.user_id = u.id ORDER BY ut.team_id) AS team_ids
         FROM staff_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.kind <> 'api_token' AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
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
    await this.revocations.settle();
  }

  /** A user's live sign-in sessions (browser and bearer; API tokens are listed on their own), newest first. */
  async listLive(userId: string): Promise<StaffSessionSummary[]> {
    const rows = (await this.db.query(
      `SELECT id, kind, client_address, user_agent, created_at, expires_at FROM staff_sessions
        WHERE user_id = $1 AND kind <> 'api_token' AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 200`,
      [userId],
    )) as Array<{ id: string; kind: 'bearer' | 'cookie'; client_address: string | null; user_agent: string | null; created_at: Date; expires_at: Date }>;
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind === 'cookie' ? 'browser' : 'bearer',
      clientAddress: r.client_address,
      userAgent: r.user_agent,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
    }));
  }

  /** Ends one of the user's sign-in sessions; false when it is not theirs or already over. */
  async revokeOwned(userId: string, sessionId: string, reason: SessionEndReason): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
    const rows = (await this.db.query(
      `WITH revoked AS (UPDATE staff_sessions SET revoked_at = now(), revoked_reason = $3
                          WHERE id = $1 AND user_id = $2 AND kind <> 'api_token' AND revoked_at IS NULL RETURNING id)
       SELECT id, pg_notify($4, json_build_object('userIds', '[]'::json, 'sessionIds', json_build_array(id), 'reason', $3::text)::text) FROM revoked`,
      [sessionId, userId, reason, SESSION_REVOKED_CHANNEL],
    )) as unknown[];
    await this.revocations.settle();
    return rows.length > 0;
  }

  /** Sessions long over are of no use; kept a day for the record. */
  async pruneExpired(): Promise<void> {
    await this.db.query(`DELETE FROM staff_sessions WHERE expires_at < now() - interval '1 day'`);
  }
}
