import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ForbiddenError, NotFoundError, type StaffPrincipal, type SupportNeedsView } from '@inbox/contracts';
import { maySeeSupportNeeds, SIGNAL_TO_TYPE, validateSupportNeeds, type SupportNeedsInput } from '@inbox/privacy';
import { recordAudit } from '@inbox/complaint-handling';
import { CaseRepository, isUuid } from '@inbox/cases';
import { requireVisibleCustomers } from '@inbox/cases';

/**
 * A customer's support needs (vulnerability, how it is known, consent, the
 * adjustments to make, a review date): recorded only by staff, seen only by
 * those who need it (maySeeSupportNeeds), every change audited.
 */
@Injectable()
export class SupportNeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly caseRepository: CaseRepository,
  ) {}

  async view(principal: StaffPrincipal, customerId: string, now = new Date()): Promise<SupportNeedsView> {
    await this.requireAllowed(principal, customerId);
    const [row] = (await this.db.query(
      `SELECT s.vulnerability_types, s.how_known, s.consent, s.adjustments, s.adjustment_notes, s.named_contact, to_char(s.review_date, 'YYYY-MM-DD') AS review_date,
              u.name AS recorded_by, s.recorded_at
         FROM support_needs s JOIN users u ON u.id = s.recorded_by WHERE s.customer_id = $1`,
      [customerId],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row, until a repository types it
    )) as Array<Record<string, any>>;
    const signals = (await this.db.query(
      `SELECT v.signal, c.reference, count(*)::int AS messages
         FROM messages m CROSS JOIN LATERAL jsonb_array_elements_text(COALESCE(m.classification->'vulnerability', '[]'::jsonb)) AS v(signal)
         LEFT JOIN cases c ON c.id = m.case_id
        WHERE m.customer_id = $1 AND m.direction = 'inbound'
        GROUP BY v.signal, c.reference ORDER BY max(m.received_at) DESC LIMIT 20`,
      [customerId],
    )) as Array<{ signal: string; reference: string | null; messages: number }>;
    const recordedTypes = new Set<string>(row?.vulnerability_types ?? []);
    return {
      recorded: row
        ? {
            vulnerabilityTypes: row.vulnerability_types,
            howKnown: row.how_known,
            consent: row.consent,
            adjustments: row.adjustments,
            adjustmentNotes: row.adjustment_notes,
            namedContact: row.named_contact,
            reviewDate: row.review_date,
            recordedBy: row.recorded_by,
            recordedAt: (row.recorded_at as Date).toISOString(),
            reviewDue: row.review_date <= now.toISOString().slice(0, 10),
          }
        : null,
      suggestions: signals
        .map((s) => ({ type: SIGNAL_TO_TYPE[s.signal] ?? 'other', signal: s.signal, caseReference: s.reference, messages: s.messages }))
        // Two signals of one type in one case (hardship, cannot pay) are one suggestion.
        .filter((s, i, all) => !recordedTypes.has(s.type) && all.findIndex((o) => o.type === s.type && o.caseReference === s.caseReference) === i),
    };
  }

  async record(principal: StaffPrincipal, customerId: string, input: SupportNeedsInput, now = new Date()): Promise<SupportNeedsView> {
    await this.requireAllowed(principal, customerId);
    const needs = validateSupportNeeds(input, now);
    await this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO support_needs (customer_id, vulnerability_types, how_known, consent, adjustments, adjustment_notes, named_contact, review_date, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
         ON CONFLICT (customer_id) DO UPDATE SET vulnerability_types = EXCLUDED.vulnerability_types, how_known = EXCLUDED.how_known, consent = EXCLUDED.consent,
           adjustments = EXCLUDED.adjustments, adjustment_notes = EXCLUDED.adjustment_notes, named_contact = EXCLUDED.named_contact,
           review_date = EXCLUDED.review_date, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [customerId, needs.vulnerabilityTypes, needs.howKnown, needs.consent, needs.adjustments, needs.adjustmentNotes, needs.namedContact, needs.reviewDate, principal.userId],
      );
      // The audit names what changed, not the customer's words.
      await recordAudit(em, { actorUserId: principal.userId, action: 'personal_data.support_needs_recorded', data: { customerId, types: needs.vulnerabilityTypes, consent: needs.consent, adjustments: needs.adjustments, reviewDate: needs.reviewDate } });
    });
    return this.view(principal, customerId, now);
  }

  async remove(principal: StaffPrincipal, customerId: string, reason: string): Promise<void> {
    await this.requireAllowed(principal, customerId);
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM support_needs WHERE customer_id = $1`, [customerId]);
      await recordAudit(em, { actorUserId: principal.userId, action: 'personal_data.support_needs_removed', reason: (reason ?? '').trim().slice(0, 1_000) || null, data: { customerId } });
    });
  }

  /** Customer not visible: not found. Visible but not theirs to know: forbidden, said plainly. */
  private async requireAllowed(principal: StaffPrincipal, customerId: string): Promise<void> {
    if (!isUuid(customerId)) throw new NotFoundError('customer_not_found', 'No such customer');
    await requireVisibleCustomers(this.db, principal, [customerId]);
    if (!maySeeSupportNeeds(principal.role, await this.caseRepository.anyAssignedTo(customerId, principal.userId))) {
      throw new ForbiddenError('support_needs_restricted', 'Support needs are shown to the agent assigned to one of this customer’s cases, supervisors and admins');
    }
  }
}
