import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One complaint, one case (docs/workspace.md): where a case was split from,
 * which case a merged case was merged into, each merge with what it moved and
 * what the surviving case's clock was before (so it can be undone), and
 * intake's suggestions that a new message is another complaint.
 */
export class CaseSplitMerge1732401500000 implements MigrationInterface {
  name = 'CaseSplitMerge1732401500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases ADD COLUMN split_from_case_id uuid REFERENCES cases (id), ADD COLUMN merged_into_case_id uuid REFERENCES cases (id);

      CREATE TABLE case_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        merged_case_id uuid NOT NULL REFERENCES cases (id),
        into_case_id uuid NOT NULL REFERENCES cases (id),
        moved_message_ids uuid[] NOT NULL,
        -- What the merge changed, to put back on undo.
        merged_case_status text NOT NULL,
        into_before jsonb NOT NULL,
        merged_at timestamptz NOT NULL DEFAULT now(),
        merged_by uuid REFERENCES users (id),
        undone_at timestamptz,
        undone_by uuid REFERENCES users (id)
      );
      -- A case is merged away at most once at a time.
      CREATE UNIQUE INDEX case_merges_active_idx ON case_merges (merged_case_id) WHERE undone_at IS NULL;
      CREATE INDEX case_merges_into_idx ON case_merges (into_case_id);

      CREATE TABLE split_suggestions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        message_id uuid NOT NULL REFERENCES messages (id),
        message_topics text[] NOT NULL,
        case_topics text[] NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'split')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        UNIQUE (message_id)
      );
      CREATE INDEX split_suggestions_open_idx ON split_suggestions (case_id) WHERE status = 'open';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE split_suggestions;
      DROP TABLE case_merges;
      ALTER TABLE cases DROP COLUMN merged_into_case_id, DROP COLUMN split_from_case_id;
    `);
  }
}
