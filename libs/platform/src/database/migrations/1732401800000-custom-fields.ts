import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom fields an admin defines on cases or on customers (text, number,
 * date, list), and their values. A field is archived, never deleted, so its
 * values stay in history and exports. A value is JSON: a string (text, list,
 * date as YYYY-MM-DD) or a number, so ranges compare numbers as numbers.
 * A case's changes are case events; a customer's are kept in
 * customer_field_changes, append-only.
 */
export class CustomFields1732401800000 implements MigrationInterface {
  name = 'CustomFields1732401800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_fields (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
        kind text NOT NULL CHECK (kind IN ('text', 'number', 'date', 'list')),
        applies_to text NOT NULL CHECK (applies_to IN ('case', 'customer')),
        options jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(options) = 'array'),
        help text CHECK (length(help) <= 300),
        archived_at timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE case_field_values (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        field_id uuid NOT NULL REFERENCES custom_fields (id),
        value jsonb NOT NULL CHECK (jsonb_typeof(value) IN ('string', 'number')),
        set_by uuid REFERENCES users (id) ON DELETE SET NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, field_id)
      );
      CREATE INDEX case_field_values_field_idx ON case_field_values (field_id, value);

      CREATE TABLE customer_field_values (
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        field_id uuid NOT NULL REFERENCES custom_fields (id),
        value jsonb NOT NULL CHECK (jsonb_typeof(value) IN ('string', 'number')),
        set_by uuid REFERENCES users (id) ON DELETE SET NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, field_id)
      );
      CREATE INDEX customer_field_values_field_idx ON customer_field_values (field_id, value);

      CREATE TABLE customer_field_changes (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        field_id uuid NOT NULL REFERENCES custom_fields (id),
        from_value jsonb,
        to_value jsonb,
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX customer_field_changes_customer_idx ON customer_field_changes (customer_id, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_field_changes; DROP TABLE customer_field_values; DROP TABLE case_field_values; DROP TABLE custom_fields;`);
  }
}
