import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type ErasureAnswer, type LegalHoldView, type StaffPrincipal } from '@inbox/contracts';
import { recordAudit } from '@inbox/complaint-handling';
import { CustomerRepository, isUuid } from '@inbox/cases';
import { CustomerErasureService } from './customer-erasure.service';

/**
 * A legal hold keeps everything about a customer — no erasure, no retention
 * sweep — until an admin lifts it (litigation, a regulator's request). Placing
 * and lifting are audited; lifting carries out the erasure requests it held.
 */
@Injectable()
export class LegalHoldsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly erasure: CustomerErasureService,
    private readonly customers: CustomerRepository,
  ) {}

  async list(customerId: string): Promise<LegalHoldView[]> {
    await this.requireCustomer(customerId);
    const rows = (await this.db.query(
      `SELECT h.id, h.reason, u.name AS placed_by, h.placed_at, h.lifted_at, h.lift_reason
         FROM legal_holds h JOIN users u ON u.id = h.placed_by WHERE h.customer_id = $1 ORDER BY h.placed_at DESC`,
      [customerId],
    )) as Array<{ id: string; reason: string; placed_by: string; placed_at: Date; lifted_at: Date | null; lift_reason: string | null }>;
    return rows.map((r) => ({ id: r.id, reason: r.reason, placedBy: r.placed_by, placedAt: r.placed_at.toISOString(), liftedAt: r.lifted_at?.toISOString() ?? null, liftReason: r.lift_reason }));
  }

  async place(principal: StaffPrincipal, customerId: string, reason: string): Promise<LegalHoldView> {
    const why = requireReason(reason);
    await this.requireCustomer(customerId);
    return this.db.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO legal_holds (customer_id, reason, placed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id, placed_at`,
        [customerId, why, principal.userId],
      )) as Array<{ id: string; placed_at: Date }>;
      if (!row) throw new ConflictError('legal_hold_exists', 'This customer is already under a legal hold');
      await recordAudit(em, { actorUserId: principal.userId, action: 'personal_data.legal_hold_placed', reason: why, data: { customerId, holdId: row.id } });
      return { id: row.id, reason: why, placedBy: principal.name, placedAt: row.placed_at.toISOString(), liftedAt: null, liftReason: null };
    });
  }

  async lift(principal: StaffPrincipal, customerId: string, holdId: string, reason: string): Promise<{ lifted: true; erasures: ErasureAnswer[] }> {
    const why = requireReason(reason);
    if (!isUuid(holdId)) throw new NotFoundError('legal_hold_not_found', 'No such legal hold');
    await this.db.transaction(async (em) => {
      const lifted = (await em.query(
        `UPDATE legal_holds SET lifted_at = now(), lifted_by = $3, lift_reason = $4 WHERE id = $1 AND customer_id = $2 AND lifted_at IS NULL RETURNING id`,
        [holdId, customerId, principal.userId, why],
      )) as [unknown[], number];
      if (lifted[1] === 0) throw new NotFoundError('legal_hold_not_found', 'No such active legal hold on this customer');
      await recordAudit(em, { actorUserId: principal.userId, action: 'personal_data.legal_hold_lifted', reason: why, data: { customerId, holdId } });
    });
    // What the hold kept from an erasure request is erased now (other holds permitting).
    return { lifted: true, erasures: await this.erasure.resumeHeld(new Date(), principal.userId, customerId) };
  }

  private async requireCustomer(customerId: string): Promise<void> {
    if (!isUuid(customerId)) throw new NotFoundError('customer_not_found', 'No such customer');
    if (!(await this.customers.findById(customerId))) throw new NotFoundError('customer_not_found', 'No such customer');
  }
}

function requireReason(reason: string | undefined): string {
  const why = (reason ?? '').trim();
  if (!why || why.length > 1_000) throw new InvalidInputError('reason_required', 'Say why (1–1000 characters): it is part of the record');
  return why;
}
