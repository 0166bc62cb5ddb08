import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags: free labels with a colour, shared by the whole firm (one row per name,
 * compared without case), put on cases by agents. A case's tags are shown on its
 * queue row and header and filter the queue; each tag added or removed is a case event.
 */
export class CaseTags1732401700000 implements MigrationInterface {
  name = 'CaseTags1732401700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        colour text NOT NULL CHECK (colour ~ '^#[0-9a-f]{6}$'),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX tags_name_idx ON tags (lower(name));

      CREATE TABLE case_tags (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        tagged_by uuid REFERENCES users (id) ON DELETE SET NULL,
        tagged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, tag_id)
      );
      CREATE INDEX case_tags_tag_idx ON case_tags (tag_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_tags, tags;`);
  }
}
