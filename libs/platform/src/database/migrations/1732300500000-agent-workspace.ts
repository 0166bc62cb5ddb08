import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agents' workspace: internal notes, canned responses, the knowledge base
 * of resolutions, satisfaction questions, and who is online / looking at a case.
 */
export class AgentWorkspace1732300500000 implements MigrationInterface {
  name = 'AgentWorkspace1732300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Internal notes: never sent to the customer, shown apart from messages in the timeline.
      CREATE TABLE case_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        author_user_id uuid NOT NULL REFERENCES users (id),
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at);

      CREATE TABLE canned_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        body text NOT NULL,
        -- NULL: every team may use it.
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Resolutions worth reusing; searched in English and Russian (stemmed) at once.
      CREATE TABLE kb_articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        body text NOT NULL,
        category text,
        source_case_id uuid REFERENCES cases (id),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('russian', title), 'A') ||
          to_tsvector('english', body) || to_tsvector('russian', body)
        ) STORED
      );
      CREATE INDEX kb_articles_search_idx ON kb_articles USING gin (search);
      -- One article per resolved case: saving twice is a conflict, not a duplicate.
      CREATE UNIQUE INDEX kb_articles_source_case_key ON kb_articles (source_case_id) WHERE source_case_id IS NOT NULL;

      -- One satisfaction question per resolution (a case resolved again after a reopen is asked again).
      CREATE TABLE case_satisfaction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        resolved_at timestamptz NOT NULL,
        channel text NOT NULL,
        question_message_id uuid REFERENCES messages (id),
        asked_at timestamptz NOT NULL DEFAULT now(),
        score smallint CHECK (score BETWEEN 1 AND 5),
        answer_message_id uuid REFERENCES messages (id),
        answer_text text,
        answered_at timestamptz,
        CONSTRAINT case_satisfaction_resolution_key UNIQUE (case_id, resolved_at)
      );
      CREATE INDEX case_satisfaction_pending_idx ON case_satisfaction (customer_id, asked_at) WHERE score IS NULL;

      -- Which agents are connected to which gateway instance; a row older than the TTL is a crashed instance.
      CREATE TABLE agent_presence (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        instance_id text NOT NULL,
        sockets integer NOT NULL CHECK (sockets > 0),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, instance_id)
      );

      -- Who is viewing or typing in a case, per socket, shared by every gateway instance.
      CREATE TABLE case_viewers (
        case_id uuid NOT NULL REFERENCES cases (id),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        instance_id text NOT NULL,
        socket_id text NOT NULL,
        typing boolean NOT NULL DEFAULT false,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, socket_id)
      );
      CREATE INDEX case_viewers_instance_idx ON case_viewers (instance_id, socket_id);

      CREATE INDEX cases_open_assignee_idx ON cases (assignee_id) WHERE status IN ('new', 'open', 'pending', 'escalated');
      CREATE INDEX cases_category_idx ON cases (category);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cases_category_idx, cases_open_assignee_idx;
      DROP TABLE case_viewers, agent_presence, case_satisfaction, kb_articles, canned_responses, case_notes;
    `);
  }
}
