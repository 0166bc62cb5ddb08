import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RG 271 compliance: each complaint's compliance state (acknowledgement,
 * status secret, deadline alerts, IDR response and delay notice, social-media
 * tests), allowed clock pauses, resolutions, versioned message templates,
 * public-holiday overrides, systemic issues, and an audit trail that the
 * database itself refuses to change.
 */
export class Rg271Compliance1732300600000 implements MigrationInterface {
  name = 'Rg271Compliance1732300600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_compliance (
        case_id uuid PRIMARY KEY REFERENCES cases (id),
        language text,
        jurisdiction text,
        -- Only a hash: the secret itself is sent once, in the acknowledgement.
        status_secret_hash text,
        acknowledgement_message_id uuid REFERENCES messages (id),
        -- Deadline alerts the scheduler raised, each once.
        at_risk_at timestamptz,
        delay_prompted_at timestamptz,
        breached_at timestamptz,
        acknowledgement_overdue_at timestamptz,
        delay_notice_at timestamptz,
        delay_notice_message_id uuid REFERENCES messages (id),
        delay_reasons text,
        idr_response_at timestamptz,
        idr_response_message_id uuid REFERENCES messages (id),
        -- RG 271.75 subjects: a written response stays required inside 5 business days.
        written_response_requested boolean NOT NULL DEFAULT false,
        declined_insurance_claim boolean NOT NULL DEFAULT false,
        insurance_claim_value boolean NOT NULL DEFAULT false,
        death_benefit_notice_at timestamptz,
        social_tests jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_compliance_breached_idx ON case_compliance (breached_at) WHERE breached_at IS NOT NULL;

      -- The only pauses RG 271 allows; ended_at is set once when the pause ends.
      CREATE TABLE compliance_pauses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        reason text NOT NULL CHECK (reason IN ('trustee_court_event', 'customer_advocate_review')),
        note text NOT NULL,
        started_at timestamptz NOT NULL,
        started_by uuid REFERENCES users (id),
        ended_at timestamptz,
        ended_by uuid REFERENCES users (id),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE UNIQUE INDEX compliance_pauses_one_open ON compliance_pauses (case_id) WHERE ended_at IS NULL;

      -- Each closing of a case, kept whole across reopenings.
      CREATE TABLE case_resolutions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        closure_state text NOT NULL CHECK (closure_state IN ('resolved', 'unresolved', 'withdrawn', 'escalated_afca', 'closed_within_5_days')),
        outcome text NOT NULL CHECK (outcome IN ('upheld', 'partially_upheld', 'not_upheld', 'withdrawn')),
        reasons text NOT NULL,
        remedies jsonb NOT NULL DEFAULT '[]',
        compensation_amount numeric(14, 2),
        satisfaction_evidence text,
        unfounded boolean NOT NULL DEFAULT false,
        idr_response_message_id uuid REFERENCES messages (id),
        language text NOT NULL,
        resolved_by uuid REFERENCES users (id),
        resolved_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_resolutions_case_idx ON case_resolutions (case_id, resolved_at);

      -- Every edit is a new version; the newest version of a kind and language is used.
      CREATE TABLE compliance_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('acknowledgement', 'idr_response', 'delay_notice', 'status_reply', 'afca_block')),
        language text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        body text NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, language, version)
      );

      -- Admins' corrections to the shipped public-holiday calendar.
      CREATE TABLE public_holiday_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL,
        jurisdiction text NOT NULL CHECK (jurisdiction IN ('NATIONAL', 'NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'ACT', 'NT')),
        action text NOT NULL CHECK (action IN ('add', 'remove')),
        name text NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (date, jurisdiction)
      );

      CREATE TABLE systemic_issues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'confirmed', 'not_systemic', 'reported', 'closed')),
        source text NOT NULL CHECK (source IN ('agent', 'incident')),
        incident_id uuid UNIQUE,
        owner_user_id uuid REFERENCES users (id),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE systemic_issue_cases (
        issue_id uuid NOT NULL REFERENCES systemic_issues (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        flagged_by uuid REFERENCES users (id),
        flagged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issue_id, case_id)
      );
      CREATE INDEX systemic_issue_cases_case_idx ON systemic_issue_cases (case_id);

      -- Who did what, when and why, beyond the case events: deadline changes, pauses, overrides, template and calendar edits.
      CREATE TABLE compliance_audit (
        id bigserial PRIMARY KEY,
        case_id uuid REFERENCES cases (id),
        actor_user_id uuid REFERENCES users (id),
        action text NOT NULL,
        reason text,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX compliance_audit_case_idx ON compliance_audit (case_id, id);

      -- The audit trail nobody can edit (RG 271.179): not the application, not a careless script.
      CREATE FUNCTION reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records in % cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      CREATE TRIGGER case_events_immutable BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION reject_audit_change();
      CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_change();
      CREATE TRIGGER compliance_audit_immutable BEFORE UPDATE OR DELETE ON compliance_audit FOR EACH ROW EXECUTE FUNCTION reject_audit_change();
      CREATE TRIGGER compliance_audit_no_truncate BEFORE TRUNCATE ON compliance_audit FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_change();
      CREATE TRIGGER case_resolutions_immutable BEFORE UPDATE OR DELETE ON case_resolutions FOR EACH ROW EXECUTE FUNCTION reject_audit_change();
      CREATE TRIGGER case_resolutions_no_truncate BEFORE TRUNCATE ON case_resolutions FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_change();
      CREATE TRIGGER compliance_templates_immutable BEFORE UPDATE OR DELETE ON compliance_templates FOR EACH ROW EXECUTE FUNCTION reject_audit_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER case_events_immutable ON case_events;
      DROP TRIGGER case_events_no_truncate ON case_events;
      DROP TABLE compliance_audit, systemic_issue_cases, systemic_issues, public_holiday_overrides, compliance_templates,
                 case_resolutions, compliance_pauses, case_compliance;
      DROP FUNCTION reject_audit_change();
    `);
  }
}
