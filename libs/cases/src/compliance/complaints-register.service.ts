import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, seesAllTeams, type StaffPrincipal } from '@inbox/contracts';
import { asicCodeListFor, buildAsicIdrReport, toCsv, type AsicComplaintRecord, type AsicReport } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { OPEN_STATUSES } from '../case-views';

export const DEADLINE_STATES = ['on_track', 'at_risk', 'breached', 'met', 'missed'] as const;

export interface RegisterFilter {
  customerId?: string;
  /** Received on or after this day (YYYY-MM-DD, the firm's zone). */
  from?: string;
  /** Received on or before this day. */
  to?: string;
  channel?: string;
  product?: string;
  issue?: string;
  /** 'open', 'closed' or a case status. */
  status?: string;
  outcome?: string;
  deadlineState?: string;
  limit: number;
  offset: number;
}

/**
 * One complaint with every element RG 271.179 asks to be recorded. Products
 * and issues are the agent's when set, else what the classifier found in the
 * complaint's messages; the resolution is the latest one.
 */
const REGISTER_SQL = `
  SELECT c.id, c.reference, c.status, c.channel, c.customer_id, cu.display_name AS customer_name, c.complaint_type, c.category,
         c.received_at, c.acknowledge_by, c.respond_by, c.acknowledged_at, c.resolved_at, c.closed_at, c.reopen_count, c.vulnerability,
         c.team_id, cc.at_risk_at, cc.breached_at, cc.delay_notice_at, cc.idr_response_at, COALESCE(cc.about_representative, false) AS about_representative,
         ack.channel AS acknowledgement_channel,
         COALESCE(cc.products, ARRAY(SELECT DISTINCT m.classification->>'product' FROM messages m
                                      WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'product' IS NOT NULL ORDER BY 1)) AS products,
         COALESCE(cc.issues, ARRAY(SELECT DISTINCT m.classification->>'issue' FROM messages m
                                    WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'issue' IS NOT NULL ORDER BY 1)) AS issues,
         r.closure_state, r.outcome, r.remedies, r.compensation_amount, r.resolved_at AS resolution_at,
         EXISTS (SELECT 1 FROM systemic_issue_cases s WHERE s.case_id = c.id) AS systemic_flag,
         CASE WHEN c.status = ANY($1) THEN
                CASE WHEN cc.breached_at IS NOT NULL THEN 'breached' WHEN cc.at_risk_at IS NOT NULL THEN 'at_risk' ELSE 'on_track' END
              WHEN c.respond_by IS NULL OR c.resolved_at <= c.respond_by + COALESCE((SELECT sum(COALESCE(p.ended_at, now()) - p.started_at)
                                                                                       FROM compliance_pauses p WHERE p.case_id = c.id), interval '0')
                THEN 'met' ELSE 'missed' END AS deadline_state
    FROM cases c
    JOIN customers cu ON cu.id = c.customer_id
    LEFT JOIN case_compliance cc ON cc.case_id = c.id
    LEFT JOIN messages ack ON ack.id = cc.acknowledgement_message_id
    LEFT JOIN LATERAL (SELECT closure_state, outcome, remedies, compensation_amount, resolved_at FROM case_resolutions
                        WHERE case_id = c.id ORDER BY resolved_at DESC LIMIT 1) r ON true
   WHERE c.kind = 'complaint'`;

interface RegisterRow {
  id: string;
  reference: string;
  status: string;
  channel: string;
  customer_id: string;
  customer_name: string | null;
  complaint_type: string;
  category: string | null;
  received_at: Date;
  acknowledge_by: Date | null;
  respond_by: Date | null;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  reopen_count: number | null;
  vulnerability: string[] | null;
  team_id: string | null;
  at_risk_at: Date | null;
  breached_at: Date | null;
  delay_notice_at: Date | null;
  idr_response_at: Date | null;
  about_representative: boolean;
  acknowledgement_channel: string | null;
  products: string[];
  issues: string[];
  closure_state: string | null;
  outcome: string | null;
  remedies: Array<{ type: string }> | null;
  compensation_amount: string | null;
  resolution_at: Date | null;
  systemic_flag: boolean;
  deadline_state: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The complaints register (RG 271.179), its CSV, and the ASIC IDR data report. */
@Injectable()
export class ComplaintsRegister {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: StaffPrincipal, filter: RegisterFilter) {
    const where: string[] = [];
    const params: unknown[] = [OPEN_STATUSES, this.config.timeZone];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (!seesAllTeams(principal)) add((p) => `r.team_id = ANY(${p}::uuid[])`, principal.teamIds);
    if (filter.customerId) add((p) => `r.customer_id = ${p}::uuid`, filter.customerId);
    if (filter.from) add((p) => `r.received_at >= (${p}::date::timestamp AT TIME ZONE $2)`, checkDate(filter.from, 'from'));
    if (filter.to) add((p) => `r.received_at < ((${p}::date + 1)::timestamp AT TIME ZONE $2)`, checkDate(filter.to, 'to'));
    if (filter.channel) add((p) => `r.channel = ${p}`, filter.channel);
    if (filter.product) add((p) => `${p} = ANY(r.products)`, filter.product);
    if (filter.issue) add((p) => `${p} = ANY(r.issues)`, filter.issue);
    if (filter.status === 'open') where.push(`r.status = ANY($1)`);
    else if (filter.status === 'closed') where.push(`NOT (r.status = ANY($1))`);
    else if (filter.status) add((p) => `r.status = ${p}`, filter.status);
    if (filter.outcome) add((p) => `r.outcome = ${p}`, filter.outcome);
    if (filter.deadlineState) add((p) => `r.deadline_state = ${p}`, filter.deadlineState);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // $2 (the zone) is used only by the period filters; keep it referenced so PostgreSQL can type it.
    const base = `SELECT * FROM (${REGISTER_SQL}) r ${whereSql}${where.length ? ' AND' : ' WHERE'} $2::text IS NOT NULL`;
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM (${base}) t`, params)) as Array<{ total: number }>;
    const rows = (await this.db.query(`${base} ORDER BY r.received_at, r.reference LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params,
      filter.limit,
      filter.offset,
    ])) as RegisterRow[];
    return { items: rows.map((r) => this.toItem(r)), total };
  }

  /** The register as CSV: every matching complaint (no paging), one row each. */
  async csv(principal: StaffPrincipal, filter: Omit<RegisterFilter, 'limit' | 'offset'>): Promise<string> {
    const { items } = await this.list(principal, { ...filter, limit: 100_000, offset: 0 });
    const headers = Object.keys(REGISTER_CSV_COLUMNS);
    return toCsv(headers, items.map((item) => headers.map((h) => REGISTER_CSV_COLUMNS[h](item))));
  }

  /**
   * ASIC IDR data report for a period (YYYY-MM-DD, inclusive, the firm's
   * zone): complaints received in it and those still open at its start, each
   * as it stood at the period's end.
   */
  async asicReport(from: string, to: string): Promise<AsicReport> {
    checkDate(from, 'from');
    checkDate(to, 'to');
    if (from > to) throw new InvalidInputError('invalid_period', 'from must not be after to');
    const rows = (await this.db.query(
      `WITH bounds AS (SELECT ($2::date::timestamp AT TIME ZONE $1) AS start_at, (($3::date + 1)::timestamp AT TIME ZONE $1) AS end_at)
       SELECT c.reference, c.complaint_type, c.channel, c.received_at, COALESCE(cc.about_representative, false) AS about_representative,
              CASE WHEN c.closed_at < b.end_at THEN c.closed_at END AS closed_at,
              COALESCE(cc.products, ARRAY(SELECT DISTINCT m.classification->>'product' FROM messages m
                                           WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'product' IS NOT NULL ORDER BY 1)) AS products,
              COALESCE(cc.issues, ARRAY(SELECT DISTINCT m.classification->>'issue' FROM messages m
                                         WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'issue' IS NOT NULL ORDER BY 1)) AS issues,
              r.outcome, r.remedies, r.compensation_amount
         FROM cases c CROSS JOIN bounds b
         LEFT JOIN case_compliance cc ON cc.case_id = c.id
         LEFT JOIN LATERAL (SELECT outcome, remedies, compensation_amount FROM case_resolutions
                             WHERE case_id = c.id AND resolved_at < b.end_at ORDER BY resolved_at DESC LIMIT 1) r ON true
        WHERE c.kind = 'complaint' AND c.received_at < b.end_at
          AND (c.received_at >= b.start_at OR c.closed_at IS NULL OR c.closed_at >= b.start_at)
        ORDER BY c.received_at, c.reference`,
      [this.config.timeZone, from, to],
    )) as Array<{
      reference: string;
      complaint_type: string;
      channel: string;
      received_at: Date;
      about_representative: boolean;
      closed_at: Date | null;
      products: string[];
      issues: string[];
      outcome: string | null;
      remedies: Array<{ type: string }> | null;
      compensation_amount: string | null;
    }>;
    const records: AsicComplaintRecord[] = rows.map((r) => ({
      reference: r.reference,
      entity: this.config.compliance.reportingEntity ?? null,
      complaintType: r.complaint_type,
      channel: r.channel,
      receivedAt: r.received_at,
      closedAt: r.closed_at,
      aboutRepresentative: r.about_representative,
      products: r.products,
      issues: r.issues,
      outcome: r.outcome,
      remedies: [...new Set((r.remedies ?? []).map((x) => x.type))],
      compensationAmount: r.compensation_amount === null ? null : Number(r.compensation_amount),
    }));
    return buildAsicIdrReport(records, asicCodeListFor(from), this.config.timeZone);
  }

  private toItem(r: RegisterRow) {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const closedAt = r.closed_at ?? r.resolved_at;
    return {
      id: r.id,
      reference: r.reference,
      status: r.status,
      channel: r.channel,
      customer: { id: r.customer_id, name: r.customer_name },
      complaintType: r.complaint_type,
      category: r.category,
      products: r.products,
      issues: r.issues,
      receivedAt: iso(r.received_at),
      acknowledgeBy: iso(r.acknowledge_by),
      acknowledgedAt: iso(r.acknowledged_at),
      acknowledgementChannel: r.acknowledgement_channel,
      respondBy: iso(r.respond_by),
      deadlineState: r.deadline_state,
      atRiskAt: iso(r.at_risk_at),
      breachedAt: iso(r.breached_at),
      delayNoticeAt: iso(r.delay_notice_at),
      idrResponseAt: iso(r.idr_response_at),
      closedAt: iso(closedAt),
      daysToClose: closedAt ? Math.max(0, Math.round((closedAt.getTime() - r.received_at.getTime()) / 86_400_000)) : null,
      closureState: r.closure_state,
      outcome: r.outcome,
      remedies: (r.remedies ?? []).map((x) => x.type),
      compensationAmount: r.compensation_amount === null ? null : Number(r.compensation_amount),
      aboutRepresentative: r.about_representative,
      systemicIssue: r.systemic_flag,
      vulnerability: r.vulnerability ?? [],
      reopenCount: Number(r.reopen_count ?? 0),
    };
  }
}

type RegisterItem = ReturnType<ComplaintsRegister['toItem']>;

const REGISTER_CSV_COLUMNS: Record<string, (i: RegisterItem) => string | number | null> = {
  reference: (i) => i.reference,
  received_at: (i) => i.receivedAt,
  channel: (i) => i.channel,
  customer: (i) => i.customer.name,
  complaint_type: (i) => i.complaintType,
  products: (i) => i.products.join('|'),
  issues: (i) => i.issues.join('|'),
  status: (i) => i.status,
  acknowledged_at: (i) => i.acknowledgedAt,
  acknowledgement_channel: (i) => i.acknowledgementChannel,
  respond_by: (i) => i.respondBy,
  deadline_state: (i) => i.deadlineState,
  delay_notice_at: (i) => i.delayNoticeAt,
  idr_response_at: (i) => i.idrResponseAt,
  closed_at: (i) => i.closedAt,
  days_to_close: (i) => i.daysToClose,
  closure_state: (i) => i.closureState,
  outcome: (i) => i.outcome,
  remedies: (i) => i.remedies.join('|'),
  compensation_amount: (i) => (i.compensationAmount === null ? null : i.compensationAmount.toFixed(2)),
  about_representative: (i) => (i.aboutRepresentative ? 'Y' : 'N'),
  systemic_issue: (i) => (i.systemicIssue ? 'Y' : 'N'),
  vulnerability: (i) => i.vulnerability.join('|'),
  reopen_count: (i) => i.reopenCount,
};

function checkDate(value: string, name: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidInputError('invalid_date', `${name} must be a date as YYYY-MM-DD`);
  }
  return value;
}
