import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema: staff, customers and their identities, cases, messages, the audit trail and the outbox. */
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        is_default boolean NOT NULL DEFAULT false,
        assignment_mode text NOT NULL DEFAULT 'pull' CHECK (assignment_mode IN ('pull', 'push')),
        max_open_per_agent integer NOT NULL DEFAULT 25 CHECK (max_open_per_agent > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Exactly one default team receives every case no routing rule sends elsewhere.
      CREATE UNIQUE INDEX teams_single_default ON teams (is_default) WHERE is_default;
      INSERT INTO teams (name, is_default) VALUES ('Complaints', true);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));

      CREATE TABLE user_teams (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, team_id)
      );
      CREATE INDEX user_teams_team_idx ON user_teams (team_id);

      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        display_name text,
        last_channel text,
        merged_into_id uuid REFERENCES customers (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- An identity is one normalised sender address on one channel (docs/architecture.md rule 13).
      CREATE TABLE identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL,
        address text NOT NULL,
        display_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT identities_channel_address_key UNIQUE (channel, address)
      );
      CREATE INDEX identities_customer_idx ON identities (customer_id);
      CREATE INDEX identities_address_idx ON identities (address);

      CREATE SEQUENCE case_reference_seq START 1;

      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'escalated', 'resolved', 'closed')),
        channel text NOT NULL,
        account text NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        team_id uuid REFERENCES teams (id),
        assignee_id uuid REFERENCES users (id),
        kind text NOT NULL DEFAULT 'complaint',
        category text,
        priority smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
        complaint_type text NOT NULL DEFAULT 'standard',
        received_at timestamptz NOT NULL,
        acknowledge_by timestamptz,
        respond_by timestamptz,
        acknowledged_at timestamptz,
        first_response_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        last_message_at timestamptz NOT NULL,
        preview text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- The queue: open cases by deadline, then priority (1 = most urgent).
      CREATE INDEX cases_queue_idx ON cases (respond_by, priority) WHERE status IN ('new', 'open', 'pending', 'escalated');
      CREATE INDEX cases_team_queue_idx ON cases (team_id, respond_by, priority) WHERE status IN ('new', 'open', 'pending', 'escalated');
      CREATE INDEX cases_customer_idx ON cases (customer_id, status);
      CREATE INDEX cases_assignee_idx ON cases (assignee_id) WHERE assignee_id IS NOT NULL;
      CREATE INDEX cases_received_idx ON cases (received_at);

      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        case_id uuid REFERENCES cases (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL,
        account text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        external_id text,
        sender_address text,
        author_user_id uuid REFERENCES users (id),
        text text NOT NULL,
        thread jsonb,
        attachments jsonb NOT NULL DEFAULT '[]',
        delivery_status text,
        delivery_error text,
        classification jsonb,
        raw jsonb,
        received_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- A provider's message id is stored once, so a redelivered webhook changes nothing.
      CREATE UNIQUE INDEX messages_external_key ON messages (channel, account, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX messages_case_idx ON messages (case_id, received_at);
      CREATE INDEX messages_customer_idx ON messages (customer_id, received_at);
      CREATE INDEX messages_text_search_idx ON messages USING gin (to_tsvector('simple', text));

      -- The audit trail and the source of what gateways push; seq orders everything.
      CREATE TABLE case_events (
        seq bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        type text NOT NULL,
        actor_user_id uuid REFERENCES users (id),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_events_case_idx ON case_events (case_id, seq);

      -- Written in the same transaction as the change; published after commit, again after a crash.
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        key text NOT NULL,
        payload jsonb,
        error text NOT NULL,
        attempts integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE dead_letters, outbox, case_events, messages, cases, identities, customers, user_teams, users, teams;
      DROP SEQUENCE case_reference_seq;
    `);
  }
}
