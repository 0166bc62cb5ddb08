import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FINAL_RESPONSE_APPROVAL: an agent's final response (resolve, mark unfounded)
 * waits here, as the agent wrote it, until a supervisor approves it (and it is
 * sent) or returns it with a note. At most one waits per case.
 */
export class FinalResponseApprovals1732401100000 implements MigrationInterface {
  name = 'FinalResponseApprovals1732401100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE final_response_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL CHECK (kind IN ('resolve', 'unfounded')),
        input jsonb NOT NULL,
        proposed_by uuid NOT NULL REFERENCES users (id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decision text CHECK (decision IN ('approved', 'returned')),
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        note text
      );
      CREATE UNIQUE INDEX final_response_proposals_waiting ON final_response_proposals (case_id) WHERE decision IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE final_response_proposals`);
  }
}
