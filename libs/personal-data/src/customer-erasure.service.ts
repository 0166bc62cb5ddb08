import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type ErasureAnswer, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { describeHold, planErasure, type CaseFacts, type HeldCase } from '@inbox/privacy';
import { recordAudit } from '@inbox/complaint-handling';
import { CustomerRepository, isUuid } from '@inbox/cases';
import { ERASED, rowCount, scrubPersonalContent } from './personal-content.scrubber';

const MAX_REASON = 1_000;

/**
 * A customer's request to erase their personal data (docs/personal-data.md):
 * what no hold protects is erased now — across messages, attachment files,
 * notes, events, the search index (it is built from the rows), classification
 * corrections, knowledge-base articles and dead letters — and what a hold
 * keeps is listed with why; the request stays open and is carried out when the
 * holds end (a legal hold lifted, the retention period over).
 */
@Injectable()
export class CustomerErasureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly customers: CustomerRepository,
  ) {}

  async request(principal: StaffPrincipal, customerId: string, reason: string, now = new Date()): Promise<ErasureAnswer> {
    const why = (reason ?? '').trim();
    if (!why || why.length > MAX_REASON) throw new InvalidInputError('erasure_reason_required', `Say why (1–${MAX_REASON} characters): the request is part of the record`);
    await this.requireCustomer(customerId);
    return this.db.transaction(async (em) => {
      const [request] = (await em.query(
        `INSERT INTO erasure_requests (customer_id, reason, requested_by, status) VALUES ($1, $2, $3, 'partly_held') RETURNING id`,
        [customerId, why, principal.userId],
      )) as Array<{ id: string }>;
      return this.carryOut(em, request!.id, customerId, principal.userId, now);
    });
  }

  /** Requests still partly held, carried out as far as their holds now allow (a hold lifted, a retention period over). */
  async resumeHeld(now = new Date(), actorUserId: string | null = null, customerId?: string): Promise<ErasureAnswer[]> {
    const pending = (await this.db.query(
      `SELECT id, customer_id FROM erasure_requests WHERE status = 'partly_held' AND ($1::uuid IS NULL OR customer_id = $1) ORDER BY requested_at`,
      [customerId ?? null],
    )) as Array<{ id: string; customer_id: string }>;
    const answers: ErasureAnswer[] = [];
    for (const p of pending) answers.push(await this.db.transaction((em) => this.carryOut(em, p.id, p.customer_id, actorUserId, now)));
    return answers;
  }

  async history(customerId: string): Promise<Array<{ id: string; reason: string; requestedAt: string; status: string; erasedCases: string[]; held: unknown }>> {
    await this.requireCustomer(customerId);
    const rows = (await this.db.query(
      `SELECT id, reason, requested_at, status, erased_cases, held FROM erasure_requests WHERE customer_id = $1 ORDER BY requested_at DESC`,
      [customerId],
    )) as Array<{ id: string; reason: string; requested_at: Date; status: string; erased_cases: string[]; held: unknown }>;
    return rows.map((r) => ({ id: r.id, reason: r.reason, requestedAt: r.requested_at.toISOString(), status: r.status, erasedCases: r.erased_cases, held: r.held }));
  }

  private async carryOut(em: EntityManager, requestId: string, customerId: string, actorUserId: string | null, now: Date): Promise<ErasureAnswer> {
    // One erasure of a customer at a time: a second request waits, then finds less to do.
    await this.customers.lockForUpdate(em, customerId);
    const customers = await this.customers.withMerged(customerId, em);
    const cases = ((await em.query(
      `SELECT id, reference, kind, status, COALESCE(closed_at, resolved_at) AS closed_at, erased_at FROM cases WHERE customer_id = ANY($1::uuid[])`,
      [customers],
    )) as Array<{ id: string; reference: string; kind: string; status: string; closed_at: Date | null; erased_at: Date | null }>).map(
      (c): CaseFacts & { erasedAt: Date | null } => ({ id: c.id, reference: c.reference, kind: c.kind, status: c.status, closedAt: c.closed_at, erasedAt: c.erased_at }),
    );
    const [hold] = (await em.query(`SELECT id FROM legal_holds WHERE customer_id = ANY($1::uuid[]) AND lifted_at IS NULL LIMIT 1`, [customers])) as unknown[];
    const plan = planErasure(cases, { legalHold: hold !== undefined, periods: this.config.privacy.retention, now });
    const toErase = plan.erase.filter((id) => !cases.find((c) => c.id === id)!.erasedAt);
    const terms = await customerTerms(em, customers);
    const loose = plan.customerHeld
      ? []
      : ((await em.query(`SELECT id FROM messages WHERE customer_id = ANY($1::uuid[]) AND case_id IS NULL AND erased_at IS NULL`, [customers])) as Array<{ id: string }>).map((m) => m.id);
    const counts = await scrubPersonalContent(em, { caseIds: toErase, looseMessageIds: loose, customerTerms: terms, why: `erasure:${requestId}` });
    let deadLetters = 0;
    let identities = 0;
    if (!plan.customerHeld) ({ deadLetters, identities } = await eraseCustomerDetails(em, this.customers, customers, terms));
    const held = plan.held.map(heldView);
    const status = plan.customerHeld ? 'partly_held' : 'complete';
    const erasedReferences = cases.filter((c) => toErase.includes(c.id)).map((c) => c.reference);
    await em.query(
      `UPDATE erasure_requests SET erased_cases = COALESCE((SELECT array_agg(DISTINCT r) FROM unnest(erased_cases || $2::text[]) r), '{}'), held = $3, status = $4, updated_at = now() WHERE id = $1`,
      [requestId, erasedReferences, JSON.stringify(held), status],
    );
    await recordAudit(em, {
      actorUserId,
      action: 'personal_data.erasure',
      reason: status === 'complete' ? 'erased' : 'erased what no hold keeps',
      data: { requestId, customerId, erasedCases: erasedReferences, held: held.map((h) => ({ reference: h.reference, reasons: h.reasons.map((r) => r.reason) })), counts: { ...counts, deadLetters, identities } },
    });
    return { requestId, status, erased: { cases: erasedReferences, customerDetails: !plan.customerHeld, counts: { ...counts, deadLetters, identities } }, held };
  }

  private async requireCustomer(customerId: string): Promise<void> {
    if (!isUuid(customerId)) throw new NotFoundError('customer_not_found', 'No such customer');
    const row = await this.customers.findById(customerId);
    if (!row) throw new NotFoundError('customer_not_found', 'No such customer');
    if (row.merged_into_id) throw new ConflictError('customer_merged', 'This customer was merged into another: erase that one', { survivorId: row.merged_into_id });
  }
}

function heldView(h: HeldCase): ErasureAnswer['held'][number] {
  return { reference: h.reference, reasons: h.reasons.map((reason) => ({ reason, explanation: describeHold(reason) })), heldUntil: h.heldUntil?.toISOString() ?? null };
}

/** What identifies the customer in free text elsewhere (knowledge articles, dead letters): names and addresses. */
async function customerTerms(em: EntityManager, customers: string[]): Promise<string[]> {
  const rows = (await em.query(
    `SELECT display_name AS term FROM customers WHERE id = ANY($1::uuid[]) AND display_name IS NOT NULL
     UNION SELECT address FROM identities WHERE customer_id = ANY($1::uuid[]) AND address NOT LIKE 'erased:%'
     UNION SELECT display_name FROM identities WHERE customer_id = ANY($1::uuid[]) AND display_name IS NOT NULL
     UNION SELECT address FROM identity_claims WHERE customer_id = ANY($1::uuid[])`,
    [customers],
  )) as Array<{ term: string }>;
  return rows.map((r) => r.term).filter((t) => t.trim().length > 0);
}

/** Nothing is held: the person behind the record goes — names, addresses (pseudonymised), claims, products, support needs, customer fields, representatives, dead letters. */
async function eraseCustomerDetails(
  em: EntityManager,
  repository: CustomerRepository,
  customers: string[],
  terms: string[],
): Promise<{ deadLetters: number; identities: number }> {
  const identities = await repository.pseudonymiseIdentities(em, customers);
  await repository.eraseNames(em, customers);
  await em.query(`DELETE FROM contact_verifications WHERE address = ANY($1::text[]) OR requester_address = ANY($1::text[])`, [terms]);
  await em.query(`DELETE FROM identity_claims WHERE customer_id = ANY($1::uuid[]) OR owner_customer_id = ANY($1::uuid[])`, [customers]);
  await em.query(`DELETE FROM merge_suggestions WHERE customer_id = ANY($1::uuid[]) OR other_customer_id = ANY($1::uuid[])`, [customers]);
  await em.query(`DELETE FROM customer_products WHERE customer_id = ANY($1::uuid[])`, [customers]);
  await em.query(`DELETE FROM support_needs WHERE customer_id = ANY($1::uuid[])`, [customers]);
  // Customer fields are what staff wrote about the person: their values and the history of them go.
  await em.query(`DELETE FROM customer_field_changes WHERE customer_id = ANY($1::uuid[])`, [customers]);
  await em.query(`DELETE FROM customer_field_values WHERE customer_id = ANY($1::uuid[])`, [customers]);
  await em.query(`UPDATE customer_representatives SET name = $2, address = $2, evidence = $2, revoked_at = COALESCE(revoked_at, now()) WHERE customer_id = ANY($1::uuid[])`, [customers, ERASED]);
  // Dead letters hold whole payloads: any that names the customer goes (it can never be replayed for them now).
  const addressTerms = terms.filter((t) => t.length >= 5);
  const deadLetters = addressTerms.length
    ? rowCount(
        await em.query(
          `DELETE FROM dead_letters WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) t WHERE position(t IN COALESCE(payload::text, '') || ' ' || key || ' ' || error || ' ' || COALESCE(encode(source, 'escape'), '')) > 0)`,
          [addressTerms],
        ),
      )
    : 0;
  return { deadLetters, identities };
}
