import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data (docs/personal-data.md): what redaction removed from each
 * message, legal holds, erasure requests, support needs, authorised
 * representatives and the nightly retention runs. The audit trail's guard
 * lets exactly one thing through: an erasure or retention sweep that names
 * itself in `inbox.erasure` replacing a case event's payload (never a delete),
 * and the sweep records that it did so in compliance_audit.
 */
export class PersonalData1732400900000 implements MigrationInterface {
  name = 'PersonalData1732400900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messages ADD COLUMN redactions jsonb;
      -- Set when erasure or retention removed the personal content (the row stays for the case's record).
      ALTER TABLE messages ADD COLUMN erased_at timestamptz;
      ALTER TABLE cases ADD COLUMN erased_at timestamptz;

      CREATE TABLE legal_holds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        reason text NOT NULL,
        placed_by uuid NOT NULL REFERENCES users (id),
        placed_at timestamptz NOT NULL DEFAULT now(),
        lifted_by uuid REFERENCES users (id),
        lifted_at timestamptz,
        lift_reason text
      );
      CREATE UNIQUE INDEX legal_holds_one_active ON legal_holds (customer_id) WHERE lifted_at IS NULL;

      CREATE TABLE erasure_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        reason text NOT NULL,
        requested_by uuid NOT NULL REFERENCES users (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        erased_cases text[] NOT NULL DEFAULT '{}',
        held jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL CHECK (status IN ('complete', 'partly_held')),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX erasure_requests_pending_idx ON erasure_requests (customer_id) WHERE status = 'partly_held';

      CREATE TABLE support_needs (
        customer_id uuid PRIMARY KEY REFERENCES customers (id),
        vulnerability_types text[] NOT NULL,
        how_known text NOT NULL,
        consent text NOT NULL CHECK (consent IN ('given', 'declined', 'not_asked')),
        adjustments text[] NOT NULL DEFAULT '{}',
        adjustment_notes text,
        named_contact text,
        review_date date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE customer_representatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        name text NOT NULL,
        relationship text NOT NULL CHECK (relationship IN ('financial_counsellor', 'lawyer', 'family_member', 'attorney', 'other')),
        channel text NOT NULL,
        address text NOT NULL,
        evidence text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('all_matters', 'complaints', 'one_case')),
        case_id uuid REFERENCES cases (id),
        added_by uuid NOT NULL REFERENCES users (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK ((scope = 'one_case') = (case_id IS NOT NULL))
      );
      CREATE INDEX customer_representatives_customer_idx ON customer_representatives (customer_id);
      ALTER TABLE cases ADD COLUMN representative_id uuid REFERENCES customer_representatives (id);

      CREATE TABLE retention_runs (
        local_day date PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        summary jsonb
      );

      CREATE OR REPLACE FUNCTION reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Nested: NEW.seq exists only on case_events, and SQL does not promise to stop at the first false condition.
        IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'case_events' THEN
          IF coalesce(current_setting('inbox.erasure', true), '') <> ''
             AND NEW.seq = OLD.seq AND NEW.case_id = OLD.case_id AND NEW.type = OLD.type AND NEW.created_at = OLD.created_at THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit records in % cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records in % cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      ALTER TABLE cases DROP COLUMN representative_id;
      DROP TABLE retention_runs, customer_representatives, support_needs, erasure_requests, legal_holds;
      ALTER TABLE cases DROP COLUMN erased_at;
      ALTER TABLE messages DROP COLUMN redactions, DROP COLUMN erased_at;
    `);
  }
}
