import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { fieldValueText, InvalidInputError, type Channel, type CustomFieldValues, type StaffPrincipal } from '@inbox/contracts';
import { daysToResolve, toCsv } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { addressLabel, CASE_FIELDS_COLUMN, CUSTOMER_IDENTITY_COLUMN, OPEN_STATUSES, readCustomFields } from '@inbox/cases';
import { COMPLIANCE_CLOCK, type ComplianceClock } from './compliance-clock';
import { visibleCaseSql } from '@inbox/cases';

/** `delay_notified`: past the deadline after an IDR delay notification sent before it — not a breach (RG 271.64). */
export const DEADLINE_STATES = ['on_track', 'at_risk', 'breached', 'delay_notified', 'met', 'missed'] as const;

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
  SELECT c.id, c.reference, c.status, c.channel, c.customer_id, cu.display_name AS customer_name, ${CUSTOMER_IDENTITY_COLUMN}, c.complaint_type, c.category,
         c.received_at, c.acknowledge_by, c.respond_by, c.acknowledged_at, c.resolved_at, c.closed_at, c.reopen_count, c.vulnerability,
         c.team_id, cc.at_risk_at, cc.breached_at, cc.delay_notice_at, cc.idr_response_at, COALESCE(cc.about_representative, false) AS about_representative,
         ack.channel AS acknowledgement_channel, rep.relationship AS representative_relationship,
         COALESCE(cc.products, ARRAY(SELECT DISTINCT m.classification->>'product' FROM messages m
                                      WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'product' IS NOT NULL ORDER BY 1)) AS products,
         COALESCE(cc.issues, ARRAY(SELECT DISTINCT m.classification->>'issue' FROM messages m
                                    WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'issue' IS NOT NULL ORDER BY 1)) AS issues,
         r.closure_state, r.outcome, r.remedies, r.compensation_amount, r.resolved_at AS resolution_at,
         EXISTS (SELECT 1 FROM systemic_issue_cases s WHERE s.case_id = c.id) AS systemic_flag,
         ARRAY(SELECT t.name FROM case_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.case_id = c.id ORDER BY lower(t.name)) AS tags,
         ${CASE_FIELDS_COLUMN},
         CASE WHEN c.status = ANY($1) THEN
                CASE WHEN cc.breached_at IS NOT NULL THEN 'breached'
                     WHEN c.respond_by + paused.total < $3::timestamptz AND cc.delay_notice_at <= c.respond_by + paused.total THEN 'delay_notified'
                     WHEN cc.at_risk_at IS NOT NULL THEN 'at_risk' ELSE 'on_track' END
              WHEN c.respond_by IS NULL OR c.resolved_at <= c.respond_by + paused.total THEN 'met'
              WHEN cc.delay_notice_at <= c.respond_by + paused.total THEN 'delay_notified'
              ELSE 'missed' END AS deadline_state
    FROM cases c
    JOIN customers cu ON cu.id = c.customer_id
    LEFT JOIN case_compliance cc ON cc.case_id = c.id
    CROSS JOIN LATERAL (SELECT COALESCE(sum(COALESCE(p.ended_at, $3::timestamptz) - p.started_at), interval '0') AS total
                          FROM compliance_pauses p WHERE p.case_id = c.id) paused
    LEFT JOIN messages ack ON ack.id = cc.acknowledgement_message_id
    LEFT JOIN customer_representatives rep ON rep.id = c.representative_id
    LEFT JOIN LATERAL (SELECT closure_state, outcome, remedies, compensation_amount, resolved_at FROM case_resolutions
                        WHERE case_id = c.id ORDER BY resolved_at DESC LIMIT 1) r ON true
   WHERE c.kind = 'complaint'
     -- A social-media post that failed the RG 271.32(a) tests is not a complaint: kept for systemic analysis, not recorded here.
     AND COALESCE(cc.social_tests->>'verdict', CASE WHEN cc.social_tests->>'meetsDefinition' = 'false' THEN 'fails' END, '') <> 'fails'`;

interface RegisterRow {
  id: string;
  /** The case's tag names (docs/workspace.md, tags). */
  tags: string[];
  /** The case's custom field values by field id (docs/workspace.md, custom fields). */
  fields: CustomFieldValues;
  reference: string;
  status: string;
  channel: string;
  customer_id: string;
  customer_name: string | null;
  customer_identity: { channel: Channel; address: string; unverified?: boolean } | null;
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
  representative_relationship: string | null;
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

/** The complaints register (RG 271.179) and its CSV. */
@Injectable()
export class ComplaintsRegister {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COMPLIANCE_CLOCK) private readonly clock: ComplianceClock,
  ) {}

  async list(principal: StaffPrincipal, filter: RegisterFilter) {
    const where: string[] = [];
    // $3: "now" from the compliance clock, the one the scheduler judges deadlines by.
    const params: unknown[] = [OPEN_STATUSES, this.config.timeZone, this.clock.now()];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    where.push(visibleCaseSql(principal, 'r.team_id', params));
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
    const fixed = Object.keys(REGISTER_CSV_COLUMNS);
    // Then one column per case field in use, headed by its label (archived fields' values stay in the JSON register).
    const fields = await readCustomFields(this.db, 'case', false);
    const taken = new Set(fixed.map((h) => h.toLowerCase()));
    const fieldHeaders = fields.map((f) => {
      const header = taken.has(f.label.toLowerCase()) ? `${f.label} (${f.key})` : f.label;
      taken.add(header.toLowerCase());
      return header;
    });
    return toCsv(
      [...fixed, ...fieldHeaders],
      items.map((item) => [...fixed.map((h) => REGISTER_CSV_COLUMNS[h](item)), ...fields.map((f) => fieldValueText(item.fields[f.id]))]),
    );
  }

  private toItem(r: RegisterRow) {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const closedAt = r.closed_at ?? r.resolved_at;
    return {
      id: r.id,
      reference: r.reference,
      status: r.status,
      channel: r.channel,
      customer: { id: r.customer_id, name: r.customer_name, address: r.customer_identity ? addressLabel(r.customer_identity) : null },
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
      daysToClose: closedAt ? daysToResolve(r.received_at, closedAt, this.config.timeZone) : null,
      closureState: r.closure_state,
      outcome: r.outcome,
      remedies: (r.remedies ?? []).map((x) => x.type),
      compensationAmount: r.compensation_amount === null ? null : Number(r.compensation_amount),
      aboutRepresentative: r.about_representative,
      /** Made through an authorised representative (a financial counsellor, lawyer, family member): their relationship; null when the customer complained themselves. */
      madeThroughRepresentative: r.representative_relationship,
      systemicIssue: r.systemic_flag,
      vulnerability: r.vulnerability ?? [],
      reopenCount: Number(r.reopen_count ?? 0),
      tags: r.tags ?? [],
      fields: r.fields ?? {},
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
  made_through_representative: (i) => i.madeThroughRepresentative ?? 'N',
  systemic_issue: (i) => (i.systemicIssue ? 'Y' : 'N'),
  vulnerability: (i) => i.vulnerability.join('|'),
  reopen_count: (i) => i.reopenCount,
  tags: (i) => i.tags.join('|'),
};

export function checkDate(value: string, name: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidInputError('invalid_date', `${name} must be a date as YYYY-MM-DD`);
  }
  return value;
}
