import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Macros: a named, ordered list of steps (reply, note, tag, assign, change status) an agent runs on a
 * case or on many. A macro is its owner's, one team's, or everyone's; the steps are kept as JSON
 * because each kind of step has its own fields, checked by the service before they are stored.
 */
export class Macros1732401900000 implements MigrationInterface {
  name = 'Macros1732401900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE macros (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        owner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        scope text NOT NULL CHECK (scope IN ('personal', 'team', 'everyone')),
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        actions jsonb NOT NULL CHECK (jsonb_typeof(actions) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT macros_team_scope CHECK ((scope = 'team') = (team_id IS NOT NULL))
      );
      CREATE INDEX macros_owner_idx ON macros (owner_user_id) WHERE scope = 'personal';
      CREATE INDEX macros_team_idx ON macros (team_id) WHERE team_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE macros;`);
  }
}
