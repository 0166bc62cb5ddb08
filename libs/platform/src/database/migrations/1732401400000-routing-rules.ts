import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ROUTING_RULES: an admin's ordered rules that put a newly opened case in a
 * team when its first message matches (channel, the account it came to, the
 * classification kind, words in the text). The lowest position that matches
 * wins; with none, the case goes to the default team as before. A condition
 * left NULL (or no words) matches anything.
 */
export class RoutingRules1732401400000 implements MigrationInterface {
  name = 'RoutingRules1732401400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL,
        name text NOT NULL,
        channel text,
        account text,
        kind text CHECK (kind IN ('complaint', 'enquiry', 'compliment', 'noise')),
        words text[] NOT NULL DEFAULT '{}',
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX routing_rules_position ON routing_rules (position);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE routing_rules`);
  }
}
