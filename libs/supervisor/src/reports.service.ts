import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, civilDateOf, endOfCivilDay, formatCivilDate } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import type { Report, ReportName, ReportTable } from '@inbox/contracts';
import { UNDELIVERED_STATUSES } from './acknowledgement-given';
import { parseReportQuery, type ReportQuery } from './report-query';


type Row = Record<string, string | number | null>;

/** Collects positional parameters while a query's WHERE clause is built. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Supervisors' reports over any period, each a table (`columns`, `rows`) the
 * screen charts and the CSV export writes. Figures come from the columns the
 * workspace and the RG 271 engine keep: first response (`cases.first_response_at`,
 * the first agent reply), resolution (`cases.resolved_at`, and
 * `case_compliance.idr_response_at` for the IDR deadline), outcomes and the
 * unfounded flag (`case_resolutions`, the latest per case), satisfaction
 * (`case_satisfaction`), reopenings (`case.reopened` events). Medians and 90th
 * percentiles are PostgreSQL's `percentile_cont` (interpolated).
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  parse(raw: Record<string, unknown>, now = new Date()): ReportQuery {
    const zone = this.config.timeZone;
    const dayStart = (day: string) => {
      const [year, month, d] = day.split('-').map(Number);
      const civil = { year, month, day: d };
      const check = new Date(Date.UTC(year, month - 1, d));
      if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== d) return new Date(NaN);
      return new Date(endOfCivilDay(addDays(civil, -1), zone).getTime() + 1);
    };
    return parseReportQuery(raw, formatCivilDate(civilDateOf(now, zone)), dayStart);
  }

  async run(name: ReportName, q: ReportQuery): Promise<Report> {
    const table = await this.table(name, q);
    return {
      report: name,
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      filters: Object.fromEntries(Object.entries({ channel: q.channel, teamId: q.teamId, category: q.category, product: q.product }).filter(([, v]) => v !== undefined)),
      ...table,
    };
  }

  private table(name: ReportName, q: ReportQuery): Promise<ReportTable> {
    switch (name) {
      case 'volumes':
        return this.volumes(q);
      case 'response-times':
        return this.responseTimes(q);
      case 'deadline-compliance':
        return this.deadlineCompliance(q);
      case 'csat':
        return this.csat(q);
      case 'complaints-by-category':
        return this.complaintsByCategory(q);
      case 'unfounded-rate':
        return this.unfoundedRate(q);
      case 'reopen-rate':
        return this.reopenRate(q);
      default: {
        const never: never = name;
        throw new Error(`unknown report ${String(never)}`);
      }
    }
  }

  /** The case filters (team, category, product; channel on `channelColumn`) as SQL conditions. */
  private caseFilters(q: ReportQuery, p: Params, channelColumn = 'c.channel'): string {
    const where: string[] = [];
    if (q.channel) where.push(`${channelColumn} = ${p.add(q.channel)}`);
    if (q.teamId) where.push(`c.team_id = ${p.add(q.teamId)}::uuid`);
    if (q.category) where.push(`c.category = ${p.add(q.category)}`);
    if (q.product) where.push(`split_part(c.category, '/', 1) = ${p.add(q.product)}`);
    return where.map((w) => ` AND ${w}`).join('');
  }

  private async rows(sql: string, p: Params): Promise<Row[]> {
    return (await this.db.query(sql, p.values)) as Row[];
  }

  /** Inbound messages by channel and day (the firm's days); noise without a case counts unless a case filter is set. */
  private async volumes(q: ReportQuery): Promise<ReportTable> {
    const p = new Params();
    const zone = p.add(this.config.timeZone);
    const needsCase = q.teamId || q.category || q.product;
    const rows = await this.rows(
      `SELECT to_char(m.received_at AT TIME ZONE ${zone}, 'YYYY-MM-DD') AS day, m.channel, count(*)::int AS messages
         FROM messages m ${needsCase ? 'JOIN' : 'LEFT JOIN'} cases c ON c.id = m.case_id
        WHERE m.direction = 'inbound' AND m.received_at >= ${p.add(q.from)} AND m.received_at < ${p.add(q.to)}${this.caseFilters(q, p, 'm.channel')}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      p,
    );
    return { columns: ['day', 'channel', 'messages'], rows };
  }

  /** Per channel and overall ('all'): first response in minutes and time to resolution in hours, median and p90. */
  private async responseTimes(q: ReportQuery): Promise<ReportTable> {
    const p = new Params();
    const rows = await this.rows(
      `SELECT COALESCE(c.channel, 'all') AS channel, count(*)::int AS cases,
              count(c.first_response_at)::int AS responded,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at)) / 60)::numeric, 2)::float8 AS first_response_median_min,
              round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at)) / 60)::numeric, 2)::float8 AS first_response_p90_min,
              count(c.resolved_at)::int AS resolved,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at - c.received_at)) / 3600)::numeric, 2)::float8 AS resolution_median_h,
              round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at - c.received_at)) / 3600)::numeric, 2)::float8 AS resolution_p90_h
         FROM cases c
        WHERE c.received_at >= ${p.add(q.from)} AND c.received_at < ${p.add(q.to)}${this.caseFilters(q, p)}
        GROUP BY GROUPING SETS ((), (c.channel)) ORDER BY GROUPING(c.channel) DESC, c.channel`,
      p,
    );
    return {
      columns: ['channel', 'cases', 'responded', 'first_response_median_min', 'first_response_p90_min', 'resolved', 'resolution_median_h', 'resolution_p90_h'],
      rows,
    };
  }

  /**
   * RG 271 deadlines of complaints received in the period, counted once each
   * deadline is decided: met (acknowledged / IDR response or resolution by the
   * deadline) or passed without it. An automatic acknowledgement is given when
   * the provider took it (accepted_at), not when it was queued; one still
   * queued, or refused or undelivered, is not given. One marked by an agent is
   * given when marked.
   */
  private async deadlineCompliance(q: ReportQuery): Promise<ReportTable> {
    const p = new Params();
    const rows = await this.rows(
      `WITH d AS (
         SELECT c.channel, c.acknowledge_by, c.respond_by,
                CASE WHEN cc.acknowledgement_message_id IS NULL THEN c.acknowledged_at
                     WHEN am.external_id IS NOT NULL AND COALESCE(am.delivery_status, '') <> ALL(${p.add(UNDELIVERED_STATUSES)}::text[])
                       -- Sent before the provider's acceptance was recorded: the queue time is all there is.
                       THEN COALESCE(am.accepted_at, c.acknowledged_at)
                END AS acknowledged_at,
                COALESCE(cc.idr_response_at, c.resolved_at) AS responded_at
           FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id
           LEFT JOIN messages am ON am.id = cc.acknowledgement_message_id
          WHERE c.kind = 'complaint' AND c.received_at >= ${p.add(q.from)} AND c.received_at < ${p.add(q.to)}${this.caseFilters(q, p)}
       )
       SELECT COALESCE(channel, 'all') AS channel,
              count(*) FILTER (WHERE acknowledge_by IS NOT NULL AND (acknowledged_at IS NOT NULL OR acknowledge_by < now()))::int AS ack_due,
              count(*) FILTER (WHERE acknowledged_at <= acknowledge_by)::int AS ack_met,
              count(*) FILTER (WHERE respond_by IS NOT NULL AND (responded_at IS NOT NULL OR respond_by < now()))::int AS idr_due,
              count(*) FILTER (WHERE responded_at <= respond_by)::int AS idr_met
         FROM d GROUP BY GROUPING SETS ((), (channel)) ORDER BY GROUPING(channel) DESC, channel`,
      p,
    );
    const pct = (met: number, due: number) => (due === 0 ? null : Math.round((met / due) * 10_000) / 100);
    return {
      columns: ['channel', 'ack_due', 'ack_met', 'ack_compliance_pct', 'idr_due', 'idr_met', 'idr_compliance_pct'],
      rows: rows.map((r) => ({
        ...r,
        ack_compliance_pct: pct(Number(r.ack_met), Number(r.ack_due)),
        idr_compliance_pct: pct(Number(r.idr_met), Number(r.idr_due)),
      })),
    };
  }

  /** Satisfaction answers given in the period: average 1–5, share satisfied (4–5), and each score. */
  private async csat(q: ReportQuery): Promise<ReportTable> {
    const p = new Params();
    const rows = await this.rows(
      `SELECT COALESCE(c.channel, 'all') AS channel, count(*)::int AS responses,
              round(avg(s.score)::numeric, 2)::float8 AS average,
              round(100.0 * count(*) FILTER (WHERE s.score >= 4) / NULLIF(count(*), 0), 2)::float8 AS satisfied_pct,
              count(*) FILTER (WHERE s.score = 1)::int AS score_1, count(*) FILTER (WHERE s.score = 2)::int AS score_2,
              count(*) FILTER (WHERE s.score = 3)::int AS score_3, count(*) FILTER (WHERE s.score = 4)::int AS score_4,
              count(*) FILTER (WHERE s.score = 5)::int AS score_5
         FROM case_satisfaction s JOIN cases c ON c.id = s.case_id
        WHERE s.score IS NOT NULL AND s.answered_at >= ${p.add(q.from)} AND s.answered_at < ${p.add(q.to)}${this.caseFilters(q, p)}
        GROUP BY GROUPING SETS ((), (c.channel)) ORDER BY GROUPING(c.channel) DESC, c.channel`,
      p,
    );
    return { columns: ['channel', 'responses', 'average', 'satisfied_pct', 'score_1', 'score_2', 'score_3', 'score_4', 'score_5'], rows };
  }

  /** Complaints received in the period by category and outcome (the latest resolution's; 'open' while there is none). */
  private async complaintsByCategory(q: ReportQuery): Promise<ReportTable> {
    const p = new Params();
    const rows = await this.rows(
      `SELECT COALESCE(c.category, 'uncategorised') AS category, COALESCE(r.outcome, 'open') AS outcome, count(*)::int AS complaints
         FROM cases c
         LEFT JOIN LATERAL (SELECT outcome FROM case_resolutions WHERE case_id = c.id ORDER BY resolved_at DESC LIMIT 1) r ON true
        WHERE c.kind = 'complaint' AND c.received_at >= ${p.add(q.from)} AND c.received_at < ${p.add(q.to)}${this.caseFilters(q, p)}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      p,
    );
    return { columns: ['category', 'outcome', 'complaints'], rows };
  }

  /** Complaints closed in the period (each case's latest resolution): how many were marked unfounded. */
  private async unfoundedRate(q: ReportQuery): Promise<ReportTable> {
    const p = new Params();
    const rows = await this.rows(
      `SELECT COALESCE(c.channel, 'all') AS channel, count(*)::int AS closed, count(*) FILTER (WHERE r.unfounded)::int AS unfounded,
              round(100.0 * count(*) FILTER (WHERE r.unfounded) / NULLIF(count(*), 0), 2)::float8 AS unfounded_pct
         FROM case_resolutions r JOIN cases c ON c.id = r.case_id
        WHERE r.resolved_at >= ${p.add(q.from)} AND r.resolved_at < ${p.add(q.to)}
          -- the case's latest resolution (from the resolutions in the period, by their index, not every case's)
          AND NOT EXISTS (SELECT 1 FROM case_resolutions later WHERE later.case_id = r.case_id
                            AND (later.resolved_at > r.resolved_at OR (later.resolved_at = r.resolved_at AND later.id > r.id)))${this.caseFilters(q, p)}
        GROUP BY GROUPING SETS ((), (c.channel)) ORDER BY GROUPING(c.channel) DESC, c.channel`,
      p,
    );
    return { columns: ['channel', 'closed', 'unfounded', 'unfounded_pct'], rows };
  }

  /** Of the cases received in the period that were ever resolved, how many were reopened (by the customer or an agent). */
  private async reopenRate(q: ReportQuery): Promise<ReportTable> {
    const p = new Params();
    const rows = await this.rows(
      `WITH r AS (
         SELECT c.channel, EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'case.reopened') AS reopened
           FROM cases c
          WHERE c.received_at >= ${p.add(q.from)} AND c.received_at < ${p.add(q.to)}${this.caseFilters(q, p)}
            AND (c.resolved_at IS NOT NULL OR EXISTS (SELECT 1 FROM case_resolutions cr WHERE cr.case_id = c.id))
       )
       SELECT COALESCE(channel, 'all') AS channel, count(*)::int AS resolved, count(*) FILTER (WHERE reopened)::int AS reopened,
              round(100.0 * count(*) FILTER (WHERE reopened) / NULLIF(count(*), 0), 2)::float8 AS reopen_pct
         FROM r GROUP BY GROUPING SETS ((), (channel)) ORDER BY GROUPING(channel) DESC, channel`,
      p,
    );
    return { columns: ['channel', 'resolved', 'reopened', 'reopen_pct'], rows };
  }
}
