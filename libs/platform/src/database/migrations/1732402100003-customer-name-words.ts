import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words of customers' names, for a search whose text the names' trigram
 * index cannot use (CaseQueryService, customerNameMatches): under the C locale
 * the embedded server runs, pg_trgm makes no trigram of a Cyrillic word, and
 * `ILIKE '%пожалуйста%'` read every customer (0.4 s at 1M).
 */
export class CustomerNameWords1732402100003 implements MigrationInterface {
  name = 'CustomerNameWords1732402100003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX customers_display_name_words_idx ON customers USING gin (to_tsvector('simple', COALESCE(display_name, '')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX customers_display_name_words_idx`);
  }
}
