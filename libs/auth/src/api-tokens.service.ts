import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ForbiddenError, InvalidInputError, type StaffPrincipal, type StaffRole } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { SESSION_REVOKED_CHANNEL, SessionRevocations } from './session-revocations';
import type { LiveSession } from './session-store';

/** What a personal API token may do: read (GET only), act (anything but admin-only routes), admin (all its owner may). */
export const API_TOKEN_SCOPES = ['read', 'act', 'admin'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** Every personal token starts so: easy to spot in a leak scanner, and the guard knows it is not a JWT. */
export const API_TOKEN_PREFIX = 'inbox_pat_';

export interface ApiTokenSummary {
  id: string;
  name: string;
  scope: ApiTokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

export interface LiveApiToken extends LiveSession {
  scope: ApiTokenScope;
}

/**
 * Personal API tokens for integrations: a random secret shown once and kept
 * only as its SHA-256 (it has 256 bits, so a plain hash cannot be reversed by
 * guessing), a name, a scope and an expiry. They are staff_sessions of kind
 * `api_token`, so disabling the user, or a change of role or teams, ends them
 * with every other session.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {}

  async create(owner: StaffPrincipal, input: { name: string; scope: ApiTokenScope; expiresInDays: number }): Promise<ApiTokenSummary & { token: string }> {
    if (input.scope === 'admin' && owner.role !== 'admin') throw new ForbiddenError('scope_above_role', 'Only admins may create admin tokens');
    if (input.expiresInDays > this.config.auth.apiTokenMaxDays) {
      throw new InvalidInputError('token_lifetime', `A token may live at most ${this.config.auth.apiTokenMaxDays} days`);
    }
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = (await this.db.query(
      `INSERT INTO staff_sessions (user_id, kind, secret_hash, label, scope, expires_at)
       VALUES ($1, 'api_token', $2, $3, $4, now() + make_interval(days => $5)) RETURNING id, created_at, expires_at`,
      [owner.userId, hashToken(token), input.name.trim(), input.scope, input.expiresInDays],
    )) as Array<{ id: string; created_at: Date; expires_at: Date }>;
    return { id: row.id, name: input.name.trim(), scope: input.scope, createdAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString(), lastUsedAt: null, token };
  }

  async list(userId: string): Promise<ApiTokenSummary[]> {
    const rows = (await this.db.query(
      `SELECT id, label, scope, created_at, expires_at, last_used_at FROM staff_sessions
        WHERE user_id = $1 AND kind = 'api_token' AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC`,
      [userId],
    )) as Array<{ id: string; label: string; scope: ApiTokenScope; created_at: Date; expires_at: Date; last_used_at: Date | null }>;
    return rows.map((r) => ({
      id: r.id,
      name: r.label,
      scope: r.scope,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
    }));
  }

  /** Revokes one of the owner's tokens; false when there is no such live token of theirs. */
  async revoke(userId: string, tokenId: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(tokenId)) return false;
    const rows = (await this.db.query(
      `WITH revoked AS (UPDATE staff_sessions SET revoked_at = now(), revoked_reason = 'revoked'
                          WHERE id = $1 AND user_id = $2 AND kind = 'api_token' AND revoked_at IS NULL RETURNING id)
       SELECT id, pg_notify($3, json_build_object('userIds', '[]'::json, 'sessionIds', json_build_array(id), 'reason', 'revoked')::text) FROM revoked`,
      [tokenId, userId, SESSION_REVOKED_CHANNEL],
    )) as unknown[];
    await this.revocations.settle();
    return rows.length > 0;
  }

  /** The live token and its owner as they are now, or null. Marks it used (at most once a minute). */
  async authenticate(token: string): Promise<LiveApiToken | null> {
    const [row] = (await this.db.query(
      `WITH hit AS (
         SELECT s.id, s.scope, s.expires_at, s.last_used_at, u.id AS user_id, u.email, u.name, u.role,
                ARRAY(SELECT ut.team_id FROM user_teams ut WHERE ut.user_id = u.id ORDER BY ut.team_id) AS team_ids
           FROM staff_sessions s JOIN users u ON u.id = s.user_id
          WHERE s.secret_hash = $1 AND s.kind = 'api_token' AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active),
       touched AS (UPDATE staff_sessions SET last_used_at = now() WHERE id IN (SELECT id FROM hit WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
       SELECT * FROM hit`,
      [hashToken(token)],
    )) as Array<{ id: string; scope: ApiTokenScope; expires_at: Date; user_id: string; email: string; name: string; role: StaffRole; team_ids: string[] }>;
    if (!row) return null;
    return {
      sessionId: row.id,
      expiresAt: row.expires_at,
      scope: row.scope,
      principal: { userId: row.user_id, email: row.email, name: row.name, role: row.role, teamIds: row.team_ids },
    };
  }
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
