import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identities are earned, not claimed. An address a sender only *claims* (the
 * web chat's `identify`) stays a row of identity_claims, "unverified", until
 * it is proven: a one-time code sent to it and entered in the widget, or an
 * agent confirming it (both recorded on the claim and in compliance_audit).
 * Only `identities` route messages, pick reply targets and answer `status`.
 *
 * Before this, a claim of an address nobody owned was inserted straight into
 * `identities`. Those rows are demoted here: an email or SMS identity that no
 * inbound message from that address created (the intake inserts the identity
 * in the same transaction as the message, so an earned one has a message
 * with the same `created_at` or earlier) becomes an unverified claim of the
 * same customer. Messages already stored stay where they are; an agent sees
 * the claim as unverified on the customer and confirms it, or merges.
 */
export class EarnedIdentities1732400000000 implements MigrationInterface {
  name = 'EarnedIdentities1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE identity_claims ALTER COLUMN owner_customer_id DROP NOT NULL;
      ALTER TABLE identity_claims
        ADD COLUMN status text NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'verified')),
        ADD COLUMN verified_at timestamptz,
        ADD COLUMN verified_by uuid REFERENCES users (id),
        ADD COLUMN verified_method text CHECK (verified_method IN ('code', 'agent')),
        ADD CONSTRAINT identity_claims_verified_complete CHECK ((status = 'verified') = (verified_at IS NOT NULL AND verified_method IS NOT NULL));
      CREATE INDEX identity_claims_customer_idx ON identity_claims (customer_id) WHERE status = 'unverified';

      -- One-time codes sent to a claimed address from the web chat. Only the code's HMAC is kept.
      CREATE TABLE contact_verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Who asked: the web chat visitor (their webchat address).
        requester_channel text NOT NULL,
        requester_address text NOT NULL,
        -- The network address the request came from: new visitors are free to make, networks are not.
        requester_network text,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        address text NOT NULL,
        code_hmac text NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        -- Set once: the right code was entered (verified_at), or a newer code replaced this one.
        verified_at timestamptz,
        superseded_at timestamptz,
        -- The proof was turned into an identity (or claim) of the requester's customer.
        applied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX contact_verifications_requester_idx ON contact_verifications (requester_channel, requester_address, created_at);
      CREATE INDEX contact_verifications_address_idx ON contact_verifications (channel, address, created_at);
      CREATE INDEX contact_verifications_network_idx ON contact_verifications (requester_network, created_at);

      ALTER TABLE merge_suggestions DROP CONSTRAINT merge_suggestions_reason_check;
      ALTER TABLE merge_suggestions ADD CONSTRAINT merge_suggestions_reason_check
        CHECK (reason IN ('mentioned_email', 'mentioned_phone', 'same_name_product', 'verified_claim'));
    `);
    // Claims that earlier versions turned into identities go back to being claims.
    await q.query(`
      WITH claimed AS (
        SELECT i.id, i.customer_id, i.channel, i.address FROM identities i
         WHERE i.channel IN ('email', 'sms')
           AND NOT EXISTS (SELECT 1 FROM messages m
                            WHERE m.channel = i.channel AND m.sender_address = i.address
                              AND m.direction = 'inbound' AND m.created_at <= i.created_at)
      ), kept AS (
        INSERT INTO identity_claims (customer_id, channel, address, owner_customer_id, status)
        SELECT customer_id, channel, address, NULL, 'unverified' FROM claimed
        ON CONFLICT (customer_id, channel, address) DO NOTHING
      )
      DELETE FROM identities WHERE id IN (SELECT id FROM claimed)
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE merge_suggestions DROP CONSTRAINT merge_suggestions_reason_check;
      DELETE FROM merge_suggestions WHERE reason = 'verified_claim';
      ALTER TABLE merge_suggestions ADD CONSTRAINT merge_suggestions_reason_check
        CHECK (reason IN ('mentioned_email', 'mentioned_phone', 'same_name_product'));
      DROP TABLE contact_verifications;
      DROP INDEX identity_claims_customer_idx;
      DELETE FROM identity_claims WHERE owner_customer_id IS NULL;
      ALTER TABLE identity_claims DROP CONSTRAINT identity_claims_verified_complete,
        DROP COLUMN status, DROP COLUMN verified_at, DROP COLUMN verified_by, DROP COLUMN verified_method;
      ALTER TABLE identity_claims ALTER COLUMN owner_customer_id SET NOT NULL;
    `);
  }
}
