import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case search by customer name at a million customers: `display_name ILIKE
 * '%…%'` needs a trigram index, or every search reads the whole customers
 * table (the benchmark measured 6.6 s p95 at 1M cases). pg_trgm ships with
 * PostgreSQL (contrib) and is a trusted extension, so the database owner may
 * create it.
 */
export class SearchAtScale1732300800000 implements MigrationInterface {
  name = 'SearchAtScale1732300800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX customers_display_name_trgm_idx ON customers USING gin (display_name gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX customers_display_name_trgm_idx`);
  }
}
