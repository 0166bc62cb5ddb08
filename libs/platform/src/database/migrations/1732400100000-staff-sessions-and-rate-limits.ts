import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side staff sessions and shared rate-limit counters.
 *
 * A staff access token (JWT) names its session (`sid`); every request checks
 * that the session is still live, so logout, disabling a user, a change of role
 * or teams and a password reset end it at once. `kind` leaves room for cookie
 * sessions and API tokens (an opaque secret kept only as `secret_hash`).
 *
 * `rate_limits` holds rate-limiter-flexible's counters (key, points, expiry in
 * epoch milliseconds) so every process of the inbox counts against the same
 * budget: logins per account and per address, web chat, the status page.
 */
export class StaffSessionsAndRateLimits1732400100000 implements MigrationInterface {
  name = 'StaffSessionsAndRateLimits1732400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL DEFAULT 'bearer' CHECK (kind IN ('bearer', 'cookie', 'api_token')),
        secret_hash bytea,
        label text,
        client_address text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      );
      CREATE INDEX staff_sessions_live_by_user_idx ON staff_sessions (user_id) WHERE revoked_at IS NULL;
      CREATE INDEX staff_sessions_expires_idx ON staff_sessions (expires_at);

      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
      CREATE INDEX rate_limits_expire_idx ON rate_limits (expire);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits; DROP TABLE staff_sessions;`);
  }
}
