import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads that stay fast at a million cases (what `npm run bench` measured).
 * Case search by customer name: `display_name ILIKE '%…%'` needs a trigram
 * index, or every search reads the whole customers table. pg_trgm ships with
 * PostgreSQL (contrib) and is a trusted extension, so the database owner may
 * create it. Reports over a period: inbound messages and resolutions by
 * their time, so a 30-day report reads 30 days, not five million messages.
 */
export class SearchAtScale1732300800000 implements MigrationInterface {
  name = 'SearchAtScale1732300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX customers_display_name_trgm_idx ON customers USING gin (display_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX messages_inbound_received_idx ON messages (received_at) WHERE direction = 'inbound'`);
    await q.query(`CREATE INDEX case_resolutions_resolved_idx ON case_resolutions (resolved_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_resolutions_resolved_idx`);
    await q.query(`DROP INDEX messages_inbound_received_idx`);
    await q.query(`DROP INDEX customers_display_name_trgm_idx`);
  }
}
