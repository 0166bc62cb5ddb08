import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage: how a case came to be (kind, urgency, the case it follows on from),
 * agents' corrections of classifications (the classifier's training reads
 * them), merge suggestions, merges with exactly what moved, products agents
 * record on a customer, and incidents with their linked cases and updates.
 */
export class Triage1732300400000 implements MigrationInterface {
  name = 'Triage1732300400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN urgency text NOT NULL DEFAULT 'normal',
        ADD COLUMN vulnerability jsonb NOT NULL DEFAULT '[]',
        -- A complaint after the reopen window opens a new case that points at the one it follows.
        ADD COLUMN linked_case_id uuid REFERENCES cases (id),
        ADD COLUMN reopened_at timestamptz,
        ADD COLUMN reopen_count integer NOT NULL DEFAULT 0;
      CREATE INDEX cases_linked_idx ON cases (linked_case_id) WHERE linked_case_id IS NOT NULL;
      -- The burst detector counts new complaints per category over a sliding window.
      CREATE INDEX cases_category_received_idx ON cases (category, received_at) WHERE kind = 'complaint';
      -- Messages kept on a customer without a case (noise) are listed on the profile.
      CREATE INDEX messages_caseless_idx ON messages (customer_id, received_at) WHERE case_id IS NULL;
      CREATE INDEX messages_sender_idx ON messages (channel, sender_address, received_at);
      -- Same name + same product suggests a merge; names compare without case or extra spaces.
      CREATE INDEX customers_comparable_name_idx ON customers (lower(regexp_replace(btrim(display_name), '\\s+', ' ', 'g')))
        WHERE display_name IS NOT NULL AND merged_into_id IS NULL;

      -- Read by the classifier's training script: exactly these columns.
      CREATE TABLE classification_corrections (
        message_id uuid NOT NULL REFERENCES messages (id),
        text text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('complaint', 'enquiry', 'compliment', 'noise')),
        product text,
        issue text,
        corrected_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX classification_corrections_message_idx ON classification_corrections (message_id, created_at);

      CREATE TABLE customer_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survivor_id uuid NOT NULL REFERENCES customers (id),
        merged_id uuid NOT NULL REFERENCES customers (id),
        merged_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        unmerged_by uuid REFERENCES users (id),
        unmerged_at timestamptz,
        CHECK (survivor_id <> merged_id)
      );
      -- A customer is merged away at most once at a time.
      CREATE UNIQUE INDEX customer_merges_active_key ON customer_merges (merged_id) WHERE unmerged_at IS NULL;
      CREATE INDEX customer_merges_survivor_idx ON customer_merges (survivor_id, created_at);

      -- Exactly what moved from the merged customer to the survivor, so unmerge can give it back.
      CREATE TABLE customer_merge_items (
        merge_id uuid NOT NULL REFERENCES customer_merges (id),
        item_type text NOT NULL CHECK (item_type IN ('identity', 'case', 'message')),
        item_id uuid NOT NULL,
        PRIMARY KEY (merge_id, item_type, item_id)
      );

      CREATE TABLE merge_suggestions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        other_customer_id uuid NOT NULL REFERENCES customers (id),
        reason text NOT NULL CHECK (reason IN ('mentioned_email', 'mentioned_phone', 'same_name_product')),
        evidence text NOT NULL,
        message_id uuid REFERENCES messages (id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
        decided_by uuid REFERENCES users (id),
        decided_at timestamptz,
        merge_id uuid REFERENCES customer_merges (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (customer_id <> other_customer_id)
      );
      -- One suggestion per pair and reason; a dismissed one is not suggested again.
      CREATE UNIQUE INDEX merge_suggestions_pair_key
        ON merge_suggestions (LEAST(customer_id, other_customer_id), GREATEST(customer_id, other_customer_id), reason);
      CREATE INDEX merge_suggestions_open_idx ON merge_suggestions (customer_id) WHERE status = 'open';
      CREATE INDEX merge_suggestions_open_other_idx ON merge_suggestions (other_customer_id) WHERE status = 'open';

      CREATE TABLE customer_products (
        customer_id uuid NOT NULL REFERENCES customers (id),
        product text NOT NULL,
        account_ref text NOT NULL DEFAULT '',
        recorded_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, product, account_ref)
      );

      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- 'category:<product/issue>' or 'term:<word>': what the burst was about.
        key text NOT NULL,
        title text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        window_started_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- At most one open incident per subject, whatever races.
      CREATE UNIQUE INDEX incidents_open_key ON incidents (key) WHERE status = 'open';

      CREATE TABLE incident_cases (
        incident_id uuid NOT NULL REFERENCES incidents (id),
        case_id uuid NOT NULL REFERENCES cases (id),
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (incident_id, case_id)
      );
      CREATE INDEX incident_cases_case_idx ON incident_cases (case_id);

      -- "Send an update to every affected customer": the text once, and what happened on each case.
      CREATE TABLE incident_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents (id),
        text text NOT NULL,
        author_user_id uuid NOT NULL REFERENCES users (id),
        results jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX incident_updates_incident_idx ON incident_updates (incident_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE incident_updates, incident_cases, incidents, customer_products, merge_suggestions, customer_merge_items,
                 customer_merges, classification_corrections;
      DROP INDEX customers_comparable_name_idx, messages_sender_idx, messages_caseless_idx, cases_category_received_idx, cases_linked_idx;
      ALTER TABLE cases DROP COLUMN reopen_count, DROP COLUMN reopened_at, DROP COLUMN linked_case_id,
                        DROP COLUMN vulnerability, DROP COLUMN urgency;
    `);
  }
}
