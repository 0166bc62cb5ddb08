import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CaseStatus, Channel } from '@inbox/contracts';
import type { ComplaintType, SocialMediaTests } from '@inbox/compliance';
import { queryRows } from '../sql-rows';
import type { SqlClient } from './sql-client';

/**
 * A complaint as the RG 271 services change it: the case row, locked, with its compliance record
 * (`case_compliance`; its columns are null while the case has none).
 */
export interface LockedComplaintRow {
  id: string;
  reference: string;
  status: CaseStatus;
  kind: string;
  channel: Channel;
  customer_id: string;
  assignee_id: string | null;
  complaint_type: ComplaintType;
  received_at: Date;
  acknowledge_by: Date | null;
  respond_by: Date | null;
  language: string | null;
  death_benefit_notice_at: Date | null;
  written_response_requested: boolean | null;
  declined_insurance_claim: boolean | null;
  insurance_claim_value: boolean | null;
  hardship_information_requested_at: Date | null;
  hardship_information_received_at: Date | null;
  hardship_agreement_at: Date | null;
  hardship_agreement_terms: string | null;
  hardship_agreement_confirmed_at: Date | null;
  idr_response_at: Date | null;
}

/** The alerts the deadline scheduler raises once per case: when each was raised (null: not yet). */
export const COMPLIANCE_ALERT_COLUMNS = ['at_risk_at', 'delay_prompted_at', 'breached_at', 'acknowledgement_overdue_at', 'hardship_agreement_overdue_at'] as const;
export type ComplianceAlertColumn = (typeof COMPLIANCE_ALERT_COLUMNS)[number];
export type ComplianceAlertStamps = Record<ComplianceAlertColumn, Date | null>;

/** The complaint's facts an agent records; undefined keeps what is stored (a new record starts false / empty). */
export interface ComplaintDetails {
  writtenResponseRequested?: boolean;
  declinedInsuranceClaim?: boolean;
  insuranceClaimValue?: boolean;
  deathBenefitNoticeAt?: Date;
  aboutRepresentative?: boolean;
  products?: string[];
  issues?: string[];
}

/** What the automatic acknowledgement of one complaint leaves on its record. */
export interface AcknowledgementRecord {
  caseId: string;
  language: string;
  statusSecretHash: string;
  acknowledgementMessageId: string;
}

/**
 * The compliance record of a case (`case_compliance`, one row per case, made on first write): the
 * RG 271 facts, written messages and alerts of a complaint. No rules: the complaint-handling services
 * decide what is due and when (libs/complaint-handling); this reads and writes the columns.
 */
@Injectable()
export class ComplianceRecordRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Locks the case row (not the record, which may not exist yet), then reads it with its compliance record.
   * Two statements on purpose: a single `SELECT … FOR UPDATE OF c` that waited for the lock re-reads only
   * the locked case row, and would return the compliance record as it was before the transaction it
   * waited for committed (PostgreSQL's READ COMMITTED re-check covers the locked table alone).
   */
  async lockWithCase(em: SqlClient, caseId: string): Promise<LockedComplaintRow | undefined> {
    if ((await queryRows(em, `SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [caseId])).length === 0) return undefined;
    const [row] = await queryRows<LockedComplaintRow>(
      em,
      `SELECT c.id, c.reference, c.status, c.kind, c.channel, c.customer_id, c.assignee_id, c.complaint_type, c.received_at, c.acknowledge_by, c.respond_by,
              cc.language, cc.death_benefit_notice_at, cc.written_response_requested, cc.declined_insurance_claim, cc.insurance_claim_value,
              cc.hardship_information_requested_at, cc.hardship_information_received_at, cc.hardship_agreement_at, cc.hardship_agreement_terms,
              cc.hardship_agreement_confirmed_at, cc.idr_response_at
         FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id WHERE c.id = $1`,
      [caseId],
    );
    return row;
  }

  /** Makes the case's record if it has none and locks it; its alert stamps. */
  async lockAlerts(em: SqlClient, caseId: string): Promise<ComplianceAlertStamps> {
    await em.query(`INSERT INTO case_compliance (case_id) VALUES ($1) ON CONFLICT (case_id) DO NOTHING`, [caseId]);
    const [row] = await queryRows<ComplianceAlertStamps>(em, `SELECT ${COMPLIANCE_ALERT_COLUMNS.join(', ')} FROM case_compliance WHERE case_id = $1 FOR UPDATE`, [caseId]);
    return row!;
  }

  /** Records that an alert was raised at `at` (the column comes from the fixed list, never from input). */
  async stampAlert(em: SqlClient, caseId: string, column: ComplianceAlertColumn, at: Date): Promise<void> {
    if (!(COMPLIANCE_ALERT_COLUMNS as readonly string[]).includes(column)) throw new Error(`Not an alert column: ${column}`);
    await em.query(`UPDATE case_compliance SET ${column} = $2, updated_at = now() WHERE case_id = $1`, [caseId, at]);
  }

  /** Hardship agreements due for written confirmation before `before`, unconfirmed and not yet flagged; earliest first. */
  async unconfirmedHardshipAgreementsDueBefore(before: Date, limit: number, client: SqlClient = this.db): Promise<Array<{ case_id: string; hardship_agreement_confirm_by: Date }>> {
    return queryRows(
      client,
      `SELECT case_id, hardship_agreement_confirm_by FROM case_compliance
        WHERE hardship_agreement_confirm_by IS NOT NULL AND hardship_agreement_confirm_by < $1
          AND hardship_agreement_confirmed_at IS NULL AND hardship_agreement_overdue_at IS NULL
        ORDER BY hardship_agreement_confirm_by LIMIT $2`,
      [before, limit],
    );
  }

  async recordComplaintDetails(em: SqlClient, caseId: string, details: ComplaintDetails): Promise<void> {
    await em.query(
      `INSERT INTO case_compliance (case_id, written_response_requested, declined_insurance_claim, insurance_claim_value, death_benefit_notice_at, about_representative, products, issues)
       VALUES ($1, COALESCE($2, false), COALESCE($3, false), COALESCE($4, false), $5, COALESCE($6, false), $7, $8)
       ON CONFLICT (case_id) DO UPDATE SET
         products = COALESCE($7, case_compliance.products),
         issues = COALESCE($8, case_compliance.issues),
         about_representative = COALESCE($6, case_compliance.about_representative),
         written_response_requested = COALESCE($2, case_compliance.written_response_requested),
         declined_insurance_claim = COALESCE($3, case_compliance.declined_insurance_claim),
         insurance_claim_value = COALESCE($4, case_compliance.insurance_claim_value),
         death_benefit_notice_at = COALESCE($5, case_compliance.death_benefit_notice_at), updated_at = now()`,
      [
        caseId,
        details.writtenResponseRequested ?? null,
        details.declinedInsuranceClaim ?? null,
        details.insuranceClaimValue ?? null,
        details.deathBenefitNoticeAt ?? null,
        details.aboutRepresentative ?? null,
        details.products ?? null,
        details.issues ?? null,
      ],
    );
  }

  async socialTestsOf(em: SqlClient, caseId: string): Promise<Partial<SocialMediaTests> | null> {
    const [row] = await queryRows<{ social_tests: Partial<SocialMediaTests> | null }>(em, `SELECT social_tests FROM case_compliance WHERE case_id = $1`, [caseId]);
    return row?.social_tests ?? null;
  }

  /** The social-media tests as recorded (answers, verdict, who and why), for each case in one statement. */
  async recordSocialTests(em: SqlClient, records: ReadonlyArray<{ caseId: string; record: object }>): Promise<void> {
    if (records.length === 0) return;
    await em.query(
      `INSERT INTO case_compliance (case_id, social_tests) SELECT * FROM unnest($1::uuid[], $2::jsonb[])
       ON CONFLICT (case_id) DO UPDATE SET social_tests = EXCLUDED.social_tests, updated_at = now()`,
      [records.map((r) => r.caseId), records.map((r) => JSON.stringify(r.record))],
    );
  }

  /** The automatic acknowledgements: language, the status code's hash and the message, for each case in one statement. */
  async recordAcknowledgements(em: SqlClient, records: readonly AcknowledgementRecord[]): Promise<void> {
    await em.query(
      `INSERT INTO case_compliance (case_id, language, status_secret_hash, acknowledgement_message_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[])
       ON CONFLICT (case_id) DO UPDATE SET language = EXCLUDED.language, status_secret_hash = EXCLUDED.status_secret_hash,
              acknowledgement_message_id = EXCLUDED.acknowledgement_message_id, updated_at = now()`,
      [records.map((r) => r.caseId), records.map((r) => r.language), records.map((r) => r.statusSecretHash), records.map((r) => r.acknowledgementMessageId)],
    );
  }

  /** The final response: when and which message (null keeps what is stored); the language only on a new record. */
  async recordIdrResponse(em: SqlClient, caseId: string, response: { language: string; at: Date | null; messageId: string | null }): Promise<void> {
    await em.query(
      `INSERT INTO case_compliance (case_id, language, idr_response_at, idr_response_message_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET idr_response_at = COALESCE($3, case_compliance.idr_response_at),
              idr_response_message_id = COALESCE($4, case_compliance.idr_response_message_id), updated_at = now()`,
      [caseId, response.language, response.at, response.messageId],
    );
  }

  async recordDelayNotice(em: SqlClient, caseId: string, notice: { at: Date; messageId: string; reasons: string }): Promise<void> {
    await em.query(
      `INSERT INTO case_compliance (case_id, delay_notice_at, delay_notice_message_id, delay_reasons) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET delay_notice_at = $2, delay_notice_message_id = $3, delay_reasons = $4, updated_at = now()`,
      [caseId, notice.at, notice.messageId, notice.reasons],
    );
  }

  async recordHardshipInformationRequested(em: SqlClient, caseId: string, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO case_compliance (case_id, hardship_information_requested_at) VALUES ($1, $2)
       ON CONFLICT (case_id) DO UPDATE SET hardship_information_requested_at = $2, updated_at = now()`,
      [caseId, at],
    );
  }

  async recordHardshipInformationReceived(em: SqlClient, caseId: string, at: Date): Promise<void> {
    await em.query(`UPDATE case_compliance SET hardship_information_received_at = $2, updated_at = now() WHERE case_id = $1`, [caseId, at]);
  }

  /** A new agreement replaces the last one: its confirmation and overdue flag start again. */
  async recordHardshipAgreement(em: SqlClient, caseId: string, agreement: { at: Date; terms: string; confirmBy: Date }): Promise<void> {
    await em.query(
      `INSERT INTO case_compliance (case_id, hardship_agreement_at, hardship_agreement_terms, hardship_agreement_confirm_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET hardship_agreement_at = $2, hardship_agreement_terms = $3, hardship_agreement_confirm_by = $4,
              hardship_agreement_confirmed_at = NULL, hardship_agreement_message_id = NULL, hardship_agreement_overdue_at = NULL, updated_at = now()`,
      [caseId, agreement.at, agreement.terms, agreement.confirmBy],
    );
  }

  async recordHardshipAgreementConfirmed(em: SqlClient, caseId: string, at: Date, messageId: string): Promise<void> {
    await em.query(`UPDATE case_compliance SET hardship_agreement_confirmed_at = $2, hardship_agreement_message_id = $3, updated_at = now() WHERE case_id = $1`, [
      caseId,
      at,
      messageId,
    ]);
  }
}
