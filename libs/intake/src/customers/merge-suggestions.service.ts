import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { isUuid, queryRows } from '@inbox/cases';
import { identityLabel } from '@inbox/complaint-detection';
import type { Channel } from '@inbox/contracts';
import { visibleCaseSql, visibleCustomerSql } from '@inbox/cases';
import { requireVisibleCustomers } from '@inbox/cases';
import { CustomerMergeService, type MergeResult } from './customer-merge.service';

export interface MergeSuggestionView {
  id: string;
  customerId: string;
  otherCustomerId: string;
  otherCustomerName: string | null;
  /** What to call the other customer without a name: an address people recognise, or the channel. */
  otherCustomerLabel: string;
  /** The channels the other customer reaches us on, and their latest cases the viewer may see (at most 5). */
  otherChannels: string[];
  otherCases: Array<{ id: string; reference: string; status: string }>;
  reason: 'mentioned_email' | 'mentioned_phone' | 'same_name_product';
  evidence: string;
  messageId: string | null;
  status: 'open' | 'accepted' | 'dismissed';
  createdAt: string;
}

/** Merge suggestions agents see on a customer, and accept (→ a merge) or dismiss. */
@Injectable()
export class MergeSuggestionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly merges: CustomerMergeService,
  ) {}

  /** Open suggestions involving the customer, from either side; never one whose other customer the viewer may not see. */
  async forCustomer(principal: StaffPrincipal, customerId: string): Promise<MergeSuggestionView[]> {
    if (!isUuid(customerId)) throw new NotFoundError('customer_not_found', 'No such customer');
    const params: unknown[] = [customerId];
    const otherVisible = visibleCustomerSql(principal, 'o.id', params);
    const casesVisible = visibleCaseSql(principal, 'oc.team_id', params);
    const rows = (await this.db.query(
      `SELECT s.id, s.reason, s.evidence, s.message_id, s.status, s.created_at,
              $1::uuid AS customer_id,
              CASE WHEN s.customer_id = $1 THEN s.other_customer_id ELSE s.customer_id END AS other_id,
              o.display_name AS other_name,
              (SELECT coalesce(array_agg(DISTINCT i.channel ORDER BY i.channel), '{}') FROM identities i WHERE i.customer_id = o.id) AS other_channels,
              (SELECT json_build_object('channel', i.channel, 'address', i.address) FROM identities i WHERE i.customer_id = o.id
                ORDER BY i.channel IN ('email', 'sms', 'voice', 'whatsapp') DESC, i.created_at LIMIT 1) AS other_identity,
              (SELECT coalesce(json_agg(json_build_object('id', x.id, 'reference', x.reference, 'status', x.status)), '[]') FROM (
                 SELECT oc.id, oc.reference, oc.status FROM cases oc WHERE oc.customer_id = o.id AND ${casesVisible} ORDER BY oc.received_at DESC LIMIT 5) x) AS other_cases
         FROM merge_suggestions s
         JOIN customers o ON o.id = CASE WHEN s.customer_id = $1 THEN s.other_customer_id ELSE s.customer_id END
        WHERE s.status = 'open' AND (s.customer_id = $1 OR s.other_customer_id = $1) AND o.merged_into_id IS NULL AND ${otherVisible}
        ORDER BY s.created_at`,
      params,
    )) as Array<{
      id: string;
      reason: MergeSuggestionView['reason'];
      evidence: string;
      message_id: string | null;
      status: MergeSuggestionView['status'];
      created_at: Date;
      customer_id: string;
      other_id: string;
      other_name: string | null;
      other_channels: string[];
      other_identity: { channel: Channel; address: string } | null;
      other_cases: MergeSuggestionView['otherCases'];
    }>;
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      otherCustomerId: r.other_id,
      otherCustomerName: r.other_name,
      otherCustomerLabel: r.other_name ?? (r.other_identity ? identityLabel(r.other_identity) : 'Another customer'),
      otherChannels: r.other_channels,
      otherCases: r.other_cases,
      reason: r.reason,
      evidence: r.evidence,
      messageId: r.message_id,
      status: r.status,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Accepting merges the pair; the survivor is the one named, else the older customer. */
  async accept(principal: StaffPrincipal, suggestionId: string, survivorId?: string): Promise<MergeResult> {
    const s = await this.visibleSuggestion(principal, suggestionId);
    const pair = [s.customer_id, s.other_customer_id];
    if (survivorId && !pair.includes(survivorId)) {
      throw new InvalidInputError('survivor_not_in_suggestion', 'The surviving customer must be one of the two suggested');
    }
    const survivor = survivorId ?? s.older_id;
    const other = pair.find((id) => id !== survivor)!;
    return this.merges.merge(survivor, other, principal, s.id);
  }

  async dismiss(principal: StaffPrincipal, suggestionId: string): Promise<void> {
    await this.visibleSuggestion(principal, suggestionId);
    const updated = await queryRows<{ id: string }>(
      this.db,
      `UPDATE merge_suggestions SET status = 'dismissed', decided_by = $2, decided_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
      [suggestionId, principal.userId],
    );
    if (updated.length === 0) await this.openSuggestion(suggestionId);
  }

  /** An open suggestion both of whose customers the caller may see; any other is reported as missing. */
  private async visibleSuggestion(principal: StaffPrincipal, id: string) {
    const [pair] = (await this.db.query(`SELECT customer_id, other_customer_id FROM merge_suggestions WHERE id = $1`, [id])) as Array<{ customer_id: string; other_customer_id: string }>;
    if (!pair) throw new NotFoundError('suggestion_not_found', 'No such merge suggestion');
    try {
      await requireVisibleCustomers(this.db, principal, [pair.customer_id, pair.other_customer_id]);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('suggestion_not_found', 'No such merge suggestion');
      throw error;
    }
    return this.openSuggestion(id);
  }

  private async openSuggestion(id: string) {
    const [row] = (await this.db.query(
      `SELECT s.id, s.customer_id, s.other_customer_id, s.status,
              (SELECT c.id FROM customers c WHERE c.id IN (s.customer_id, s.other_customer_id) ORDER BY c.created_at, c.id LIMIT 1) AS older_id
         FROM merge_suggestions s WHERE s.id = $1`,
      [id],
    )) as Array<{ id: string; customer_id: string; other_customer_id: string; status: string; older_id: string }>;
    if (!row) throw new NotFoundError('suggestion_not_found', 'No such merge suggestion');
    if (row.status !== 'open') throw new ConflictError('suggestion_decided', `This suggestion was already ${row.status}`);
    return row;
  }
}
