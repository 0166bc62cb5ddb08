import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Classification that errs toward the customer (docs/classification.md):
 * - cases.classification_check: the case became a complaint because the model could not rule one out;
 *   the agent is asked to check it, and any correction clears it.
 * - classification_samples: one row per day the quality check sampled, with the population it drew from
 *   (messages classified not-a-complaint that day) and the share and minimum in force.
 * - classification_reviews: each sampled message and what a supervisor decided (upheld or overturned).
 */
export class ClassificationQuality1732400400000 implements MigrationInterface {
  name = 'ClassificationQuality1732400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases ADD COLUMN classification_check boolean NOT NULL DEFAULT false;

      CREATE TABLE classification_samples (
        day date PRIMARY KEY,
        population integer NOT NULL CHECK (population >= 0),
        sampled integer NOT NULL CHECK (sampled >= 0 AND sampled <= population),
        share numeric NOT NULL CHECK (share >= 0 AND share <= 1),
        min_per_day integer NOT NULL CHECK (min_per_day >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE classification_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
        day date NOT NULL REFERENCES classification_samples (day),
        model_kind text NOT NULL CHECK (model_kind IN ('enquiry', 'compliment', 'noise')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'overturned')),
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      );
      CREATE INDEX classification_reviews_status_idx ON classification_reviews (status, day);
      CREATE INDEX classification_reviews_day_idx ON classification_reviews (day);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE classification_reviews;
      DROP TABLE classification_samples;
      ALTER TABLE cases DROP COLUMN classification_check;
    `);
  }
}
