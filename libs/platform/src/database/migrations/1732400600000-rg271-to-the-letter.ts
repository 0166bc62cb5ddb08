import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RG 271 to the letter, and the ASIC IDR dictionary:
 * - templates for the AFCA time limit and the delay notice's word on AFCA
 *   (general and death benefit);
 * - public-holiday overrides for the UK nations too;
 * - hardship: missing information asked for and received (RG 271.93), the
 *   agreement and its written confirmation within 30 days (RG 271.99), with
 *   its template;
 * - the documented reason a closed complaint got no IDR response;
 * - ASIC dictionaries the firm loads (each a version) and the mapping of the
 *   inbox's values to their codes.
 */
export class Rg271ToTheLetter1732400600000 implements MigrationInterface {
  name = 'Rg271ToTheLetter1732400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE compliance_templates DROP CONSTRAINT compliance_templates_kind_check;
      ALTER TABLE compliance_templates ADD CONSTRAINT compliance_templates_kind_check CHECK (kind IN (
        'acknowledgement', 'idr_response', 'delay_notice', 'status_reply', 'afca_block',
        'afca_time_limit', 'afca_time_limit_death_benefit', 'delay_afca_note', 'delay_afca_note_death_benefit', 'hardship_agreement_confirmation'));

      ALTER TABLE public_holiday_overrides DROP CONSTRAINT public_holiday_overrides_jurisdiction_check;
      ALTER TABLE public_holiday_overrides ADD CONSTRAINT public_holiday_overrides_jurisdiction_check CHECK (jurisdiction IN (
        'NATIONAL', 'NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'ACT', 'NT', 'GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR'));

      ALTER TABLE case_compliance
        ADD COLUMN hardship_information_requested_at timestamptz,
        ADD COLUMN hardship_information_received_at timestamptz,
        ADD COLUMN hardship_agreement_at timestamptz,
        ADD COLUMN hardship_agreement_terms text,
        ADD COLUMN hardship_agreement_confirm_by timestamptz,
        ADD COLUMN hardship_agreement_confirmed_at timestamptz,
        ADD COLUMN hardship_agreement_message_id uuid REFERENCES messages (id),
        ADD COLUMN hardship_agreement_overdue_at timestamptz;
      CREATE INDEX case_compliance_hardship_confirmation_idx ON case_compliance (hardship_agreement_confirm_by)
        WHERE hardship_agreement_confirmed_at IS NULL AND hardship_agreement_overdue_at IS NULL AND hardship_agreement_confirm_by IS NOT NULL;

      ALTER TABLE case_resolutions
        ADD COLUMN no_response_reason text CHECK (no_response_reason IN ('withdrawn_by_complainant', 'resolved_at_afca', 'other')),
        ADD COLUMN no_response_note text;

      CREATE TABLE asic_dictionaries (
        version text PRIMARY KEY,
        label text NOT NULL,
        verified boolean NOT NULL,
        applies_from date NOT NULL,
        shipped boolean NOT NULL DEFAULT false,
        definition jsonb NOT NULL,
        loaded_by uuid REFERENCES users (id),
        loaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE asic_code_mappings (
        dictionary_version text NOT NULL REFERENCES asic_dictionaries (version) ON DELETE CASCADE,
        source text NOT NULL,
        inbox_value text NOT NULL,
        code text NOT NULL,
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dictionary_version, source, inbox_value)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE asic_code_mappings, asic_dictionaries;
      ALTER TABLE case_resolutions DROP COLUMN no_response_reason, DROP COLUMN no_response_note;
      ALTER TABLE case_compliance
        DROP COLUMN hardship_information_requested_at, DROP COLUMN hardship_information_received_at, DROP COLUMN hardship_agreement_at,
        DROP COLUMN hardship_agreement_terms, DROP COLUMN hardship_agreement_confirm_by, DROP COLUMN hardship_agreement_confirmed_at,
        DROP COLUMN hardship_agreement_message_id, DROP COLUMN hardship_agreement_overdue_at;
      ALTER TABLE public_holiday_overrides DROP CONSTRAINT public_holiday_overrides_jurisdiction_check;
      ALTER TABLE public_holiday_overrides ADD CONSTRAINT public_holiday_overrides_jurisdiction_check CHECK (jurisdiction IN ('NATIONAL', 'NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'ACT', 'NT'));
      ALTER TABLE compliance_templates DROP CONSTRAINT compliance_templates_kind_check;
      ALTER TABLE compliance_templates ADD CONSTRAINT compliance_templates_kind_check CHECK (kind IN ('acknowledgement', 'idr_response', 'delay_notice', 'status_reply', 'afca_block'));
    `);
  }
}
