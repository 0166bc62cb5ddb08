import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The planner chooses between reading a word's cases from the search
 * documents' index and walking the queue's order (CaseQueryService.list) by
 * how common it thinks the word is. With the default statistics (100) a lexeme
 * outside the most common ones is guessed at 0.5% of the cases: at 1M cases a
 * word in 200 of them walked the whole queue (14 s). With 1,000 it is guessed
 * at 177 and read from the index; ANALYZE then takes about 5 s at 1M cases.
 */
export class CaseSearchStatistics1732402100002 implements MigrationInterface {
  name = 'CaseSearchStatistics1732402100002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_search_documents ALTER COLUMN document SET STATISTICS 1000`);
    await q.query(`ANALYZE case_search_documents`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_search_documents ALTER COLUMN document SET STATISTICS -1`);
  }
}
