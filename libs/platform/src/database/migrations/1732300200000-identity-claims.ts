import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Addresses a customer claimed that belong to another customer (an email typed
 * into the web chat that is already someone's): kept for merge suggestions,
 * never linked silently. And the web chat's conversation lookup by visitor.
 */
export class IdentityClaims1732300200000 implements MigrationInterface {
  name = 'IdentityClaims1732300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_claims (
        id bigserial PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL,
        address text NOT NULL,
        owner_customer_id uuid NOT NULL REFERENCES customers (id),
        message_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT identity_claims_once UNIQUE (customer_id, channel, address)
      );
      CREATE INDEX identity_claims_owner_idx ON identity_claims (owner_customer_id);
      CREATE INDEX messages_webchat_visitor_idx ON messages (sender_address, received_at) WHERE channel = 'webchat';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_webchat_visitor_idx; DROP TABLE identity_claims`);
  }
}
