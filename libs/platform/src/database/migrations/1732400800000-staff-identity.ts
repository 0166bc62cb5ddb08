import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff identity as firms run it (docs/staff-sign-in.md):
 * - users signed in by single sign-on carry the provider's (issuer, subject)
 *   and may have no password; an invited user has neither until first sign-in;
 * - a TOTP second factor (its secret encrypted with a key derived from
 *   JWT_SECRET; the last time step used, so a code works once) and ten
 *   single-use recovery codes, kept only as hashes;
 * - personal API tokens are staff_sessions of kind `api_token` with a scope;
 * - the staff audit trail: who did what to whom, sign-ins and failures included.
 */
export class StaffIdentity1732400800000 implements MigrationInterface {
  name = 'StaffIdentity1732400800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
      ALTER TABLE users
        ADD COLUMN oidc_issuer text,
        ADD COLUMN oidc_subject text,
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN last_sign_in_at timestamptz;
      CREATE UNIQUE INDEX users_oidc_identity_idx ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

      CREATE TABLE staff_recovery_codes (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash bytea NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      );

      ALTER TABLE staff_sessions
        ADD COLUMN scope text CHECK (scope IN ('read', 'act', 'admin')),
        ADD COLUMN last_used_at timestamptz;
      CREATE UNIQUE INDEX staff_sessions_secret_idx ON staff_sessions (secret_hash) WHERE secret_hash IS NOT NULL;

      CREATE TABLE staff_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        subject_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        subject_email text,
        action text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb,
        client_address text
      );
      CREATE INDEX staff_audit_at_idx ON staff_audit (at DESC);
      CREATE INDEX staff_audit_subject_idx ON staff_audit (subject_user_id, at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE staff_audit;
      DROP INDEX staff_sessions_secret_idx;
      ALTER TABLE staff_sessions DROP COLUMN scope, DROP COLUMN last_used_at;
      DROP TABLE staff_recovery_codes;
      DROP INDEX users_oidc_identity_idx;
      ALTER TABLE users DROP COLUMN oidc_issuer, DROP COLUMN oidc_subject, DROP COLUMN totp_secret,
        DROP COLUMN totp_pending_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step, DROP COLUMN last_sign_in_at;
    `);
  }
}
