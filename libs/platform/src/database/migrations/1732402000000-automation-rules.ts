import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automation: each team's weekly business hours (in the firm's zone, closed on its public holidays) and
 * whether it sends the out-of-hours reply; the replies sent (one per case per closed period, the period named
 * by the opening that ends it); the admins' rules; and each rule's runs, once per (rule, case, run key): an
 * event's sequence number, or the start of the time condition met. A run keeps the sequence numbers of the
 * events its actions wrote, so a rule never starts on its own work. Notifications gain the kind `rule`.
 */
export class AutomationRules1732402000000 implements MigrationInterface {
  name = 'AutomationRules1732402000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team_business_hours (
        team_id uuid PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
        weekly jsonb NOT NULL,
        out_of_hours_reply boolean NOT NULL DEFAULT true,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE out_of_hours_replies (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        period_key text NOT NULL,
        message_id uuid,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, period_key)
      );

      CREATE TABLE automation_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        enabled boolean NOT NULL DEFAULT true,
        trigger jsonb NOT NULL,
        conditions jsonb NOT NULL DEFAULT '{}',
        actions jsonb NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX automation_rules_trigger_idx ON automation_rules ((trigger->>'type')) WHERE enabled;

      CREATE TABLE rule_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id uuid NOT NULL REFERENCES automation_rules (id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        run_key text NOT NULL,
        cause text NOT NULL,
        results jsonb NOT NULL DEFAULT '[]',
        event_seqs bigint[] NOT NULL DEFAULT '{}',
        ran_at timestamptz NOT NULL DEFAULT now(),
        -- Null while the actions run, and for ever after a crash mid-run (the key keeps it from running twice).
        finished_at timestamptz,
        UNIQUE (rule_id, case_id, run_key)
      );
      CREATE INDEX rule_runs_rule_idx ON rule_runs (rule_id, ran_at DESC);
      CREATE INDEX rule_runs_event_seqs_idx ON rule_runs USING gin (event_seqs);

      ALTER TABLE staff_notifications DROP CONSTRAINT staff_notifications_kind_check;
      ALTER TABLE staff_notifications ADD CONSTRAINT staff_notifications_kind_check CHECK (kind IN ('mention', 'assignment', 'deadline', 'escalation', 'rule'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM staff_notifications WHERE kind = 'rule';
      ALTER TABLE staff_notifications DROP CONSTRAINT staff_notifications_kind_check;
      ALTER TABLE staff_notifications ADD CONSTRAINT staff_notifications_kind_check CHECK (kind IN ('mention', 'assignment', 'deadline', 'escalation'));
      DROP TABLE rule_runs, automation_rules, out_of_hours_replies, team_business_hours;
    `);
  }
}
