import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError, type RepresentativeView, type StaffPrincipal } from '@inbox/contracts';
import { validateRepresentative, type RepresentativeInput } from '@inbox/privacy';
import { recordAudit } from '@inbox/complaint-handling';
import { CaseRepository, isUuid } from '@inbox/cases';
import { requireVisibleCustomers } from '@inbox/cases';

/**
 * People with authority to act for a customer (a financial counsellor, a
 * lawyer, a family member holding a power of attorney): linked with the
 * evidence seen and its scope; replies can go to them, and a complaint made
 * through one is recorded as such for the RG 271 register and ASIC report.
 */
@Injectable()
export class RepresentativesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly caseRepository: CaseRepository,
  ) {}

  async list(principal: StaffPrincipal, customerId: string): Promise<RepresentativeView[]> {
    await this.requireVisible(principal, customerId);
    const rows = (await this.db.query(
      `SELECT r.id, r.name, r.relationship, r.channel, r.address, r.evidence, r.scope, r.case_id, u.name AS added_by, r.added_at, r.revoked_at
         FROM customer_representatives r JOIN users u ON u.id = r.added_by WHERE r.customer_id = $1 ORDER BY r.added_at`,
      [customerId],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row, until a repository types it
    )) as Array<Record<string, any>>;
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      relationship: r.relationship,
      channel: r.channel,
      address: r.address,
      evidence: r.evidence,
      scope: r.scope,
      caseId: r.case_id,
      addedBy: r.added_by,
      addedAt: (r.added_at as Date).toISOString(),
      revokedAt: r.revoked_at ? (r.revoked_at as Date).toISOString() : null,
    }));
  }

  async add(principal: StaffPrincipal, customerId: string, input: RepresentativeInput): Promise<RepresentativeView> {
    await this.requireVisible(principal, customerId);
    const rep = validateRepresentative(input);
    if (rep.caseId) await this.requireCaseOf(customerId, rep.caseId);
    const id = await this.db.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO customer_representatives (customer_id, name, relationship, channel, address, evidence, scope, case_id, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [customerId, rep.name, rep.relationship, rep.channel, rep.address, rep.evidence, rep.scope, rep.caseId, principal.userId],
      )) as Array<{ id: string }>;
      await recordAudit(em, { actorUserId: principal.userId, action: 'personal_data.representative_added', data: { customerId, representativeId: row!.id, relationship: rep.relationship, scope: rep.scope } });
      if (rep.caseId) await this.caseRepository.setRepresentative(em, rep.caseId, row!.id);
      return row!.id;
    });
    return (await this.list(principal, customerId)).find((r) => r.id === id)!;
  }

  async revoke(principal: StaffPrincipal, customerId: string, representativeId: string): Promise<void> {
    await this.requireVisible(principal, customerId);
    if (!isUuid(representativeId)) throw new NotFoundError('representative_not_found', 'No such representative');
    await this.db.transaction(async (em) => {
      const [, count] = (await em.query(`UPDATE customer_representatives SET revoked_at = now() WHERE id = $1 AND customer_id = $2 AND revoked_at IS NULL`, [representativeId, customerId])) as [unknown, number];
      if (count === 0) throw new NotFoundError('representative_not_found', 'No such active representative of this customer');
      await recordAudit(em, { actorUserId: principal.userId, action: 'personal_data.representative_revoked', data: { customerId, representativeId } });
    });
  }

  /** The complaint on this case was made through this representative: the register and ASIC report say so. */
  async linkCase(principal: StaffPrincipal, customerId: string, representativeId: string, caseId: string): Promise<void> {
    await this.requireVisible(principal, customerId);
    await this.requireCaseOf(customerId, caseId);
    const [rep] = (await this.db.query(
      `SELECT scope, case_id FROM customer_representatives WHERE id = $1 AND customer_id = $2 AND revoked_at IS NULL`,
      [isUuid(representativeId) ? representativeId : null, customerId],
    )) as Array<{ scope: string; case_id: string | null }>;
    if (!rep) throw new NotFoundError('representative_not_found', 'No such active representative of this customer');
    if (rep.scope === 'one_case' && rep.case_id !== caseId) throw new InvalidInputError('outside_scope', 'This representative’s authority covers another case');
    await this.db.transaction(async (em) => {
      await this.caseRepository.setRepresentative(em, caseId, representativeId);
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'personal_data.representative_linked', data: { customerId, representativeId } });
    });
  }

  private async requireVisible(principal: StaffPrincipal, customerId: string): Promise<void> {
    if (!isUuid(customerId)) throw new NotFoundError('customer_not_found', 'No such customer');
    await requireVisibleCustomers(this.db, principal, [customerId]);
  }

  private async requireCaseOf(customerId: string, caseId: string): Promise<void> {
    if (!isUuid(caseId) || !(await this.caseRepository.belongsToCustomer(caseId, customerId))) throw new InvalidInputError('case_not_of_customer', 'That case is not this customer’s');
  }
}
