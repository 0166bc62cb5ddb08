import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { loadCaseSummary } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { UnitOfWork } from '@inbox/cases';
import { recordAudit } from './compliance-audit';
import { visibleCaseSql } from '@inbox/cases';

export const SYSTEMIC_STATUSES = ['open', 'investigating', 'confirmed', 'not_systemic', 'reported', 'closed'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Possible systemic issues (RG 271.117–121): flagged by agents in one click
 * or filed from triage's incidents, in one list; each has an owner and a
 * status, and every change is audited.
 */
@Injectable()
export class SystemicIssueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** One click: the case joins the named issue, or a new one titled after the case. */
  async flagCase(principal: StaffPrincipal, caseId: string, input: { issueId?: string; title?: string; description?: string }) {
    const summary = await this.cases.summaryVisibleTo(principal, caseId);
    if (input.issueId !== undefined && !UUID.test(input.issueId)) throw new NotFoundError('systemic_issue_not_found', 'No such systemic issue');
    const issue = await this.unitOfWork.run(async (em) => {
      let issueId = input.issueId;
      if (issueId) {
        const params: unknown[] = [issueId];
        const [found] = (await em.query(`SELECT s.id FROM systemic_issues s WHERE s.id = $1 AND ${issueVisibleSql(principal, params)}`, params)) as Array<{ id: string }>;
        if (!found) throw new NotFoundError('systemic_issue_not_found', 'No such systemic issue');
      } else {
        const title = input.title?.trim() || `Possible systemic issue: ${summary.category ?? summary.preview.slice(0, 80) ?? summary.reference}`;
        const [created] = (await em.query(
          `INSERT INTO systemic_issues (title, description, source, created_by) VALUES ($1, $2, 'agent', $3) RETURNING id`,
          [title.slice(0, 300), input.description?.trim() ?? '', principal.userId],
        )) as Array<{ id: string }>;
        issueId = created.id;
        await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'systemic.created', data: { issueId, title } });
      }
      await em.query(`INSERT INTO systemic_issue_cases (issue_id, case_id, flagged_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [issueId, caseId, principal.userId]);
      await recordAudit(em, { caseId, actorUserId: principal.userId, action: 'systemic.flagged', data: { issueId } });
      const fresh = (await loadCaseSummary(em, caseId))!;
      await writeCaseEvent(em, { type: 'systemic.flagged', summary: fresh, actorUserId: principal.userId, data: { issueId } });
      return issueId!;
    });
    return this.get(principal, issue);
  }

  /** An incident from triage is a possible systemic issue too: one issue per incident, its cases linked. */
  async fileIncident(incidentId: string, linkedCaseIds?: readonly string[]): Promise<void> {
    // Cases joined an incident whose issue exists (every complaint of a burst after the first): one
    // statement for all of them, no transaction. Copying them all again for every link made each new
    // complaint cost as much as the incident is large.
    if (linkedCaseIds !== undefined) {
      const [{ issues }] = (await this.db.query(
        `WITH issue AS (SELECT id FROM systemic_issues WHERE incident_id = $1),
              added AS (INSERT INTO systemic_issue_cases (issue_id, case_id)
                        SELECT issue.id, ic.case_id FROM issue JOIN incident_cases ic ON ic.incident_id = $1 AND ic.case_id = ANY($2::uuid[])
                        ON CONFLICT DO NOTHING)
         SELECT count(*)::int AS issues FROM issue`,
        [incidentId, linkedCaseIds],
      )) as Array<{ issues: number }>;
      if (issues > 0) return;
    }
    await this.db.transaction(async (em) => {
      const [incident] = (await em.query(`SELECT id, title FROM incidents WHERE id = $1`, [incidentId])) as Array<{ id: string; title: string }>;
      if (!incident) return;
      const created = (await em.query(
        `INSERT INTO systemic_issues (title, description, source, incident_id) VALUES ($1, 'Filed from a detected incident (a burst of similar complaints).', 'incident', $2)
         ON CONFLICT (incident_id) DO NOTHING RETURNING id`,
        [incident.title, incident.id],
      )) as Array<{ id: string }>;
      const [issue] = (await em.query(`SELECT id FROM systemic_issues WHERE incident_id = $1`, [incident.id])) as Array<{ id: string }>;
      if (created.length > 0) await recordAudit(em, { action: 'systemic.created', data: { issueId: issue.id, incidentId } });
      // Cases joined an issue that already has the others (filed concurrently): add just them.
      const onlyThese = created.length === 0 && linkedCaseIds !== undefined;
      await em.query(
        `INSERT INTO systemic_issue_cases (issue_id, case_id) SELECT $1, case_id FROM incident_cases
          WHERE incident_id = $2 AND ($3::uuid[] IS NULL OR case_id = ANY($3::uuid[])) ON CONFLICT DO NOTHING`,
        [issue.id, incident.id, onlyThese ? linkedCaseIds : null],
      );
    });
  }

  /** The issues with a case the principal may see; each counts only those cases. */
  async list(principal: StaffPrincipal, filter: { status?: string }) {
    const params: unknown[] = [filter.status ?? null];
    const rows = (await this.db.query(
      `SELECT s.id, s.title, s.description, s.status, s.source, s.incident_id, s.owner_user_id, u.name AS owner_name, s.created_at, s.updated_at,
              ${caseCountSql(principal, params)} AS case_count
         FROM systemic_issues s LEFT JOIN users u ON u.id = s.owner_user_id
        WHERE ($1::text IS NULL OR s.status = $1) AND ${issueVisibleSql(principal, params)} ORDER BY s.created_at DESC`,
      params,
    )) as Array<Record<string, unknown>>;
    return { items: rows.map(toIssue), total: rows.length };
  }

  async get(principal: StaffPrincipal, issueId: string) {
    const params: unknown[] = [issueId];
    const [row] = (await this.db.query(
      `SELECT s.id, s.title, s.description, s.status, s.source, s.incident_id, s.owner_user_id, u.name AS owner_name, s.created_at, s.updated_at,
              ${caseCountSql(principal, params)} AS case_count
         FROM systemic_issues s LEFT JOIN users u ON u.id = s.owner_user_id WHERE s.id = $1 AND ${issueVisibleSql(principal, params)}`,
      params,
    )) as Array<Record<string, unknown>>;
    if (!row) throw new NotFoundError('systemic_issue_not_found', 'No such systemic issue');
    const caseParams: unknown[] = [issueId];
    const cases = (await this.db.query(
      `SELECT c.id, c.reference, c.status, c.category, sc.flagged_at FROM systemic_issue_cases sc JOIN cases c ON c.id = sc.case_id
        WHERE sc.issue_id = $1 AND ${visibleCaseSql(principal, 'c.team_id', caseParams)} ORDER BY sc.flagged_at`,
      caseParams,
    )) as Array<{ id: string; reference: string; status: string; category: string | null; flagged_at: Date }>;
    return { ...toIssue(row), cases: cases.map((c) => ({ id: c.id, reference: c.reference, status: c.status, category: c.category, flaggedAt: c.flagged_at.toISOString() })) };
  }

  async update(principal: StaffPrincipal, issueId: string, input: { ownerUserId?: string | null; status?: string; title?: string; description?: string; reason?: string }) {
    if (input.status !== undefined && !(SYSTEMIC_STATUSES as readonly string[]).includes(input.status)) {
      throw new InvalidInputError('invalid_status', `status must be one of ${SYSTEMIC_STATUSES.join(', ')}`);
    }
    const before = await this.get(principal, issueId);
    await this.db.transaction(async (em) => {
      if (input.ownerUserId) {
        const [user] = (await em.query(`SELECT id FROM users WHERE id = $1 AND active`, [input.ownerUserId])) as Array<{ id: string }>;
        if (!user) throw new InvalidInputError('unknown_owner', 'The owner must be an active user');
      }
      await em.query(
        `UPDATE systemic_issues SET owner_user_id = CASE WHEN $2 THEN $3::uuid ELSE owner_user_id END, status = COALESCE($4, status),
                title = COALESCE($5, title), description = COALESCE($6, description), updated_at = now() WHERE id = $1`,
        [issueId, input.ownerUserId !== undefined, input.ownerUserId ?? null, input.status ?? null, input.title?.trim() || null, input.description ?? null],
      );
      await recordAudit(em, {
        actorUserId: principal.userId,
        action: 'systemic.updated',
        reason: input.reason ?? null,
        data: { issueId, from: { status: before.status, ownerUserId: before.ownerUserId }, to: { status: input.status, ownerUserId: input.ownerUserId } },
      });
    });
    return this.get(principal, issueId);
  }
}

/** An issue (aliased `s`) is visible when it holds a case the principal may see; titles and descriptions tell of those cases. */
function issueVisibleSql(principal: StaffPrincipal, params: unknown[]): string {
  const visible = visibleCaseSql(principal, 'vc.team_id', params);
  if (visible === 'TRUE') return 'TRUE';
  return `EXISTS (SELECT 1 FROM systemic_issue_cases vsc JOIN cases vc ON vc.id = vsc.case_id WHERE vsc.issue_id = s.id AND ${visible})`;
}

function caseCountSql(principal: StaffPrincipal, params: unknown[]): string {
  return `(SELECT count(*)::int FROM systemic_issue_cases sc JOIN cases vc ON vc.id = sc.case_id WHERE sc.issue_id = s.id AND ${visibleCaseSql(principal, 'vc.team_id', params)})`;
}

function toIssue(row: Record<string, unknown>) {
  return {
    id: row.id as string,
    title: row.title as string,
    description: row.description as string,
    status: row.status as string,
    source: row.source as string,
    incidentId: (row.incident_id as string | null) ?? null,
    ownerUserId: (row.owner_user_id as string | null) ?? null,
    ownerName: (row.owner_name as string | null) ?? null,
    caseCount: Number(row.case_count ?? 0),
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}
