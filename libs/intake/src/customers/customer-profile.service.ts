import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError, type Channel, type MessageView, type StaffPrincipal } from '@inbox/contracts';
import { MESSAGE_COLUMNS, toMessageView, type MessageRow } from '@inbox/cases';
import { isUuid } from '@inbox/cases';
import { visibleCaseSql } from '@inbox/cases';
import { requireVisibleCustomers } from '@inbox/cases';
import { MergeSuggestionsService, type MergeSuggestionView } from './merge-suggestions.service';
import { ContactVerificationService, type ContactClaimView } from './contact-verification.service';

export interface CustomerProfile {
  id: string;
  displayName: string | null;
  /** Every name the customer went by, on any channel. */
  names: string[];
  identities: Array<{ id: string; channel: Channel; address: string; displayName: string | null; createdAt: string }>;
  /**
   * Addresses the customer claimed but has not proven (web chat `identify`): shown as "unverified", never
   * used to route, reply or answer `status`, until a code entered or an agent's Confirm makes them identities.
   */
  claims: ContactClaimView[];
  /** The channel they used last. */
  preferredChannel: string | null;
  /** Products and accounts they wrote about (classification) or an agent recorded. */
  products: Array<{ product: string; accountRef: string | null; source: 'mentioned' | 'agent'; mentions: number }>;
  cases: Array<{
    id: string;
    reference: string;
    status: string;
    kind: string;
    category: string | null;
    channel: Channel;
    receivedAt: string;
    resolvedAt: string | null;
    linkedCaseId: string | null;
    outcome: string | null;
    satisfaction: number | null;
  }>;
  /** Messages kept on the customer without a case (noise: thanks, auto-replies, stickers, spam). */
  noise: MessageView[];
  suggestions: MergeSuggestionView[];
  merges: Array<{ id: string; survivorId: string; mergedId: string; createdAt: string; unmergedAt: string | null }>;
}

const MAX_PRODUCT = 64;

/** One customer as agents see it: who they are, how they reach us, what about, and every case. */
@Injectable()
export class CustomerProfileService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly suggestions: MergeSuggestionsService,
    private readonly verifications: ContactVerificationService,
  ) {}

  async profile(principal: StaffPrincipal, customerId: string): Promise<CustomerProfile> {
    const customer = await this.visibleCustomer(principal, customerId);
    const productParams: unknown[] = [customerId, await this.withMergedAway(customerId)];
    const productScope = `(m.case_id IS NULL OR ${visibleCaseSql(principal, 'pc.team_id', productParams)})`;
    const caseParams: unknown[] = [customerId];
    const caseScope = visibleCaseSql(principal, 'c.team_id', caseParams);
    const [identities, products, cases, noise, suggestions, merges, claims] = await Promise.all([
      this.db.query(`SELECT id, channel, address, display_name, created_at FROM identities WHERE customer_id = $1 ORDER BY created_at`, [customerId]),
      this.db.query(
        `SELECT m.classification->>'product' AS product, NULL AS account_ref, 'mentioned' AS source, count(*)::int AS mentions
           FROM messages m LEFT JOIN cases pc ON pc.id = m.case_id
          WHERE m.customer_id = $1 AND m.classification->>'product' IS NOT NULL AND m.classification->>'kind' <> 'noise' AND ${productScope}
          GROUP BY m.classification->>'product'
         UNION ALL
         SELECT product, NULLIF(account_ref, ''), 'agent', 0 FROM customer_products WHERE customer_id = ANY($2)`,
        productParams,
      ),
      this.db.query(
        `SELECT c.id, c.reference, c.status, c.kind, c.category, c.channel, c.received_at, c.resolved_at, c.linked_case_id,
                (SELECT r.outcome FROM case_resolutions r WHERE r.case_id = c.id ORDER BY r.resolved_at DESC LIMIT 1) AS outcome,
                (SELECT s.score FROM case_satisfaction s WHERE s.case_id = c.id AND s.score IS NOT NULL ORDER BY s.answered_at DESC LIMIT 1) AS satisfaction
           FROM cases c
          WHERE c.customer_id = $1 AND ${caseScope}
          ORDER BY c.received_at DESC`,
        caseParams,
      ),
      this.db.query(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.customer_id = $1 AND m.case_id IS NULL ORDER BY m.received_at DESC LIMIT 200`, [customerId]),
      this.suggestions.forCustomer(principal, customerId),
      this.db.query(
        `SELECT id, survivor_id, merged_id, created_at, unmerged_at FROM customer_merges WHERE survivor_id = $1 OR merged_id = $1 ORDER BY created_at`,
        [customerId],
      ),
      this.verifications.claimsFor(customerId),
    ]);
    const ids = identities as Array<{ id: string; channel: Channel; address: string; display_name: string | null; created_at: Date }>;
    const names = new Set<string>();
    for (const n of [customer.display_name, ...ids.map((i) => i.display_name)]) if (n?.trim()) names.add(n.trim());
    return {
      id: customer.id,
      displayName: customer.display_name,
      names: [...names],
      identities: ids.map((i) => ({ id: i.id, channel: i.channel, address: i.address, displayName: i.display_name, createdAt: i.created_at.toISOString() })),
      claims,
      preferredChannel: customer.last_channel,
      products: (products as Array<{ product: string; account_ref: string | null; source: 'mentioned' | 'agent'; mentions: number }>).map((p) => ({
        product: p.product,
        accountRef: p.account_ref,
        source: p.source,
        mentions: p.mentions,
      })),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row, until a repository types it
      cases: (cases as Array<Record<string, any>>).map((c) => ({
        id: c.id,
        reference: c.reference,
        status: c.status,
        kind: c.kind,
        category: c.category,
        channel: c.channel,
        receivedAt: (c.received_at as Date).toISOString(),
        resolvedAt: c.resolved_at ? (c.resolved_at as Date).toISOString() : null,
        linkedCaseId: c.linked_case_id,
        outcome: c.outcome,
        satisfaction: c.satisfaction === null ? null : Number(c.satisfaction),
      })),
      noise: (noise as MessageRow[]).map(toMessageView),
      suggestions,
      merges: (merges as Array<{ id: string; survivor_id: string; merged_id: string; created_at: Date; unmerged_at: Date | null }>).map((m) => ({
        id: m.id,
        survivorId: m.survivor_id,
        mergedId: m.merged_id,
        createdAt: m.created_at.toISOString(),
        unmergedAt: m.unmerged_at?.toISOString() ?? null,
      })),
    };
  }

  /** An agent records a product or account the customer holds. */
  async recordProduct(principal: StaffPrincipal, customerId: string, input: { product: string; accountRef?: string }): Promise<void> {
    await this.visibleCustomer(principal, customerId);
    const product = input.product.trim().toLowerCase();
    if (!product || product.length > MAX_PRODUCT) throw new InvalidInputError('invalid_product', `A product is 1–${MAX_PRODUCT} characters`);
    await this.db.query(
      `INSERT INTO customer_products (customer_id, product, account_ref, recorded_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [customerId, product, input.accountRef?.trim().slice(0, 64) ?? '', principal.userId],
    );
  }

  /** The customer and everyone merged into it (products recorded on them stay theirs, shown here). */
  private async withMergedAway(customerId: string): Promise<string[]> {
    const rows = (await this.db.query(
      `WITH RECURSIVE tree(id) AS (SELECT $1::uuid UNION SELECT c.id FROM customers c JOIN tree t ON c.merged_into_id = t.id)
       SELECT id FROM tree`,
      [customerId],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  private async visibleCustomer(principal: StaffPrincipal, customerId: string) {
    if (!isUuid(customerId)) throw new NotFoundError('customer_not_found', 'No such customer');
    const [customer] = (await this.db.query(`SELECT id, display_name, last_channel FROM customers WHERE id = $1`, [customerId])) as Array<{
      id: string;
      display_name: string | null;
      last_channel: string | null;
    }>;
    if (!customer) throw new NotFoundError('customer_not_found', 'No such customer');
    await requireVisibleCustomers(this.db, principal, [customerId]);
    return customer;
  }
}
