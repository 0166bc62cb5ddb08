import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved views of the queue: a name and a combination of the queue's filters
 * (whose cases, tags, words), kept for the agent who saved it or shared with
 * one of their teams. The queue counts each view's cases live from what it is pushed.
 */
export class SavedViews1732401700001 implements MigrationInterface {
  name = 'SavedViews1732401700001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_views (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        filters jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX saved_views_owner_idx ON saved_views (owner_user_id);
      CREATE INDEX saved_views_team_idx ON saved_views (team_id) WHERE team_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_views;`);
  }
}
