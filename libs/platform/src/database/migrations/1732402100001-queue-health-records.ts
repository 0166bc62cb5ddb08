import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the supervisors' queue health reads at 1M cases without touching every
 * open case (822 ms before, docs/benchmark.md):
 *
 * - open cases per team and status, recorded as they change: each statement
 *   that opens, closes or moves cases adds signed counts (rows are only ever
 *   added, so concurrent writers never wait on one counter row), and the reader
 *   sums them and folds them together now and then (QueueHealthService);
 * - partial indexes for the open complaints in deadline order, the ones not
 *   yet acknowledged, the automatic acknowledgements not yet taken by the
 *   provider, and the oldest unassigned case.
 *
 * The open statuses are libs/cases/src/case-views.ts OPEN_STATUSES.
 */
export class QueueHealthRecords1732402100001 implements MigrationInterface {
  name = 'QueueHealthRecords1732402100001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_case_counts (
        team_id uuid,
        status text NOT NULL,
        n integer NOT NULL
      );

      CREATE FUNCTION open_case_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO open_case_counts (team_id, status, n)
        SELECT team_id, status, count(*) FROM new_cases WHERE status IN ('new', 'open', 'pending', 'escalated') GROUP BY team_id, status;
        RETURN NULL;
      END $$;

      CREATE FUNCTION open_case_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO open_case_counts (team_id, status, n)
        SELECT team_id, status, -count(*) FROM old_cases WHERE status IN ('new', 'open', 'pending', 'escalated') GROUP BY team_id, status;
        RETURN NULL;
      END $$;

      CREATE FUNCTION open_case_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO open_case_counts (team_id, status, n)
        SELECT t, s, d FROM (VALUES (OLD.team_id, OLD.status, -1), (NEW.team_id, NEW.status, 1)) v(t, s, d)
         WHERE s IN ('new', 'open', 'pending', 'escalated');
        RETURN NULL;
      END $$;

      CREATE TRIGGER open_case_counts_inserted AFTER INSERT ON cases
        REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION open_case_counts_inserted();
      CREATE TRIGGER open_case_counts_deleted AFTER DELETE ON cases
        REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION open_case_counts_deleted();
      -- Row by row, only when the status or the team changed: the updates a new message makes cost nothing.
      CREATE TRIGGER open_case_counts_changed AFTER UPDATE OF status, team_id ON cases
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.team_id IS DISTINCT FROM NEW.team_id)
        EXECUTE FUNCTION open_case_counts_changed();

      INSERT INTO open_case_counts (team_id, status, n)
      SELECT team_id, status, count(*) FROM cases WHERE status IN ('new', 'open', 'pending', 'escalated') GROUP BY team_id, status;

      -- received_at beside the deadline: the share of the time used is then read from the index alone.
      CREATE INDEX cases_open_complaint_respond_idx ON cases (respond_by) INCLUDE (received_at)
        WHERE status IN ('new', 'open', 'pending', 'escalated') AND kind = 'complaint';
      CREATE INDEX cases_open_unacknowledged_idx ON cases (acknowledge_by) INCLUDE (received_at)
        WHERE status IN ('new', 'open', 'pending', 'escalated') AND kind = 'complaint' AND acknowledged_at IS NULL;
      CREATE INDEX cases_open_unassigned_idx ON cases (received_at)
        WHERE status IN ('new', 'open', 'pending', 'escalated') AND assignee_id IS NULL;
      -- Our messages the provider has not taken, or reported undelivered (libs/supervisor/src/acknowledgement-given.ts).
      CREATE INDEX messages_outbound_not_delivered_idx ON messages (id)
        WHERE direction = 'outbound' AND (external_id IS NULL OR delivery_status IN ('failed', 'undelivered'));
      CREATE INDEX case_compliance_acknowledgement_idx ON case_compliance (acknowledgement_message_id)
        WHERE acknowledgement_message_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX case_compliance_acknowledgement_idx;
      DROP INDEX messages_outbound_not_delivered_idx;
      DROP INDEX cases_open_unassigned_idx;
      DROP INDEX cases_open_unacknowledged_idx;
      DROP INDEX cases_open_complaint_respond_idx;
      DROP TRIGGER open_case_counts_changed ON cases;
      DROP TRIGGER open_case_counts_deleted ON cases;
      DROP TRIGGER open_case_counts_inserted ON cases;
      DROP FUNCTION open_case_counts_changed();
      DROP FUNCTION open_case_counts_deleted();
      DROP FUNCTION open_case_counts_inserted();
      DROP TABLE open_case_counts;
    `);
  }
}
