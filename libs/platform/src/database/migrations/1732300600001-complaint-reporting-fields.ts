import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ASIC IDR data report elements an agent records: whether a representative made
 * the complaint, and its products and issues (several; the classifier's when unset).
 */
export class ComplaintReportingFields1732300600001 implements MigrationInterface {
  name = 'ComplaintReportingFields1732300600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_compliance ADD COLUMN about_representative boolean NOT NULL DEFAULT false, ADD COLUMN products text[], ADD COLUMN issues text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_compliance DROP COLUMN about_representative, DROP COLUMN products, DROP COLUMN issues`);
  }
}
