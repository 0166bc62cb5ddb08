import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  fieldConditionFromParam,
  ForbiddenError,
  NotFoundError,
  maySeeTeam,
  teamScope,
  type CaseDetail,
  type CaseEvent,
  type CaseSummary,
  type Channel,
  type QueueSort,
  type StaffPrincipal,
} from '@inbox/contracts';
import { CASE_ORDER_COLUMNS, caseOrderSql } from './case-order';
import { CASE_SUMMARY_COLUMNS, MESSAGE_COLUMNS, OPEN_STATUSES, toCaseSummary, toMessageView, type CaseSummaryRow, type MessageRow } from './case-views';
import { caseSearchTerms, type CaseSearchTerms } from './case-search-terms';
import { customerTimeline } from './case-timeline';
import { visibleCaseSql } from './visibility/team-visibility.sql';
import { fieldConditionSql, readCustomFields } from './fields/custom-field-rows';
import { CustomerRepository } from './repositories/customer.repository';

export interface CaseListFilter {
  q?: string;
  status?: string;
  channel?: Channel;
  customerId?: string;
  teamId?: string;
  /** A user id, or `none` for cases nobody has taken. */
  assigneeId?: string;
  category?: string;
  /** Only cases whose IDR response is due before this instant. */
  deadlineBefore?: Date;
  /** Conditions on case fields as the URL writes them (`product=Home loan`, `amount=100..500`): every one holds. */
  fields?: string[];
  /** The order of the page (the queue's own, deadline first, by default). */
  sort?: QueueSort;
  limit: number;
  offset: number;
}



/**
 * A search whose words PostgreSQL expects in at most this many cases reads
 * them from the index and sorts them; above it, it walks the queue in order
 * and tests each case's document until the page is full. The planner's own
 * choice walked for 2,200 matches of 1M (1.4 s) where reading them takes
 * 20 ms: a test of one document costs more than it reckons.
 */
const READ_FROM_INDEX_UP_TO = 20_000;

/** Memory for one search's bitmaps: exact (not lossy) up to about ten million matching messages. */
const SEARCH_WORK_MEM = '64MB';

/** Case lists count matches up to this many; beyond it they say "10,000+" (`totalCapped`). */
export const LIST_COUNT_CAP = 10_000;
/**
 * A search counts up to this many ("1,000+"): counting a word in half the
 * cases to 10,000 reads 20,000 search documents (80 ms at 1M cases), and a
 * search that finds a thousand cases wants more words, not a count.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** Reads cases for staff, always within what the caller may see. */
@Injectable()
export class CaseQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly customers: CustomerRepository,
  ) {}

  /** `total` counts at most LIST_COUNT_CAP cases (a search SEARCH_COUNT_CAP); `totalCapped` says there are more. */
  async list(principal: StaffPrincipal, filter: CaseListFilter): Promise<{ items: CaseSummary[]; total: number; totalCapped?: boolean }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    where.push(visibleCaseSql(principal, 'c.team_id', params));
    // Asking for another team's queue is refused outright, rather than answered with an empty page.
    if (filter.teamId && !maySeeTeam(principal, filter.teamId)) {
      throw new ForbiddenError('team_not_visible', 'Only supervisors and admins see the queues of teams they are not in');
    }
    if (filter.status === 'open') add((p) => `c.status = ANY(${p})`, OPEN_STATUSES);
    else if (filter.status) add((p) => `c.status = ${p}`, filter.status);
    if (filter.channel) add((p) => `c.channel = ${p}`, filter.channel);
    if (filter.customerId) add((p) => `c.customer_id = ${p}`, filter.customerId);
    if (filter.teamId) add((p) => `c.team_id = ${p}`, filter.teamId);
    if (filter.assigneeId === 'none') where.push('c.assignee_id IS NULL');
    else if (filter.assigneeId) add((p) => `c.assignee_id = ${p}`, filter.assigneeId);
    if (filter.category) add((p) => `(c.category = ${p} OR c.category LIKE ${p} || '/%')`, filter.category);
    if (filter.deadlineBefore) add((p) => `c.respond_by < ${p}`, filter.deadlineBefore);
    if (filter.fields?.length) {
      // Archived fields still filter: their values are kept, and an export of last year's cases may need them.
      const definitions = await readCustomFields(this.db, 'case', true);
      for (const param of filter.fields) {
        const condition = fieldConditionFromParam(param, definitions);
        where.push(fieldConditionSql(condition, definitions.find((d) => d.id === condition.fieldId)!.kind, params));
      }
    }
    // A search is two ways in: words of the case's messages (its search document), or the case reference or
    // the customer's name. Each is read on its own in the queue's order up to the page, and the two merged: an OR
    // of both would leave the planner no index for either, and a word in half the cases would first list them all.
    const ways: string[] = [];
    if (filter.q) {
      const terms = caseSearchTerms(filter.q);
      const text = messageTextQuery(terms, (value) => {
        params.push(value);
        return `$${params.length}`;
      });
      params.push(filter.q);
      const q = `$${params.length}`;
      ways.push(
        (await this.casesWithWords(terms)) <= READ_FROM_INDEX_UP_TO
          ? `c.id = ANY (ARRAY(SELECT s.case_id FROM case_search_documents s WHERE s.document @@ ${text}))`
          : `EXISTS (SELECT 1 FROM case_search_documents s WHERE s.case_id = c.id AND s.document @@ ${text})`,
        `c.id = ANY (ARRAY(SELECT r.id FROM cases r WHERE r.reference = upper(${q})
                          UNION SELECT n.id FROM cases n JOIN customers cu ON cu.id = n.customer_id WHERE ${customerNameMatches(filter.q, q, text)}))`,
      );
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = caseOrderSql(filter.sort);
    const cap = ways.length ? SEARCH_COUNT_CAP : LIST_COUNT_CAP;
    const read = async (db: { query(sql: string, params?: unknown[]): Promise<unknown> }) => {
      const page = [...params, filter.limit, filter.offset];
      const [limit, offset] = [`$${params.length + 1}`, `$${params.length + 2}`];
      // Counted up to a cap: an exact count over a large queue costs as much as reading it (15 ms at 200,000 open).
      const countSql = ways.length
        ? `SELECT count(*)::int AS counted FROM (${ways.map((way) => `(SELECT c.id FROM cases c ${whereSql} AND ${way} LIMIT ${cap + 1})`).join(' UNION ')}) t`
        : `SELECT count(*)::int AS counted FROM (SELECT 1 FROM cases c ${whereSql} LIMIT ${LIST_COUNT_CAP + 1}) t`;
      const rowsSql = ways.length
        ? `WITH found AS (
             SELECT id FROM (${ways
               .map((way) => `(SELECT c.id, ${CASE_ORDER_COLUMNS} FROM cases c ${whereSql} AND ${way} ${order} LIMIT ${limit}::int + ${offset}::int)`)
               .join(' UNION ')}) c
             ${order} LIMIT ${limit} OFFSET ${offset})
           SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id IN (SELECT id FROM found) ${order}`
        : `SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id ${whereSql} ${order} LIMIT ${limit} OFFSET ${offset}`;
      const [{ counted }] = (await db.query(countSql, params)) as Array<{ counted: number }>;
      const rows = (await db.query(rowsSql, page)) as CaseSummaryRow[];
      return { items: rows.map(toCaseSummary), total: Math.min(counted, cap), ...(counted > cap ? { totalCapped: true } : {}) };
    };
    if (!filter.q) return read(this.db);
    // A search whose words are in many messages (a common word, or a prefix such as "tick" of "ticket") builds a
    // bitmap of them; in the default 4 MB it turns lossy past a few hundred thousand messages, and every row of a
    // lossy page is re-parsed (3.4 s instead of 0.14 s in the benchmark's seed at 100,000 cases with 512 kB).
    return this.db.transaction(async (em) => {
      await em.query(`SET LOCAL work_mem = '${SEARCH_WORK_MEM}'`);
      return read(em);
    });
  }

  /**
   * How many cases PostgreSQL expects to hold these words, from the search
   * documents' statistics (kept at 1,000 entries by migration 1732402100002:
   * 177 guessed for 200, 2,241 for 2,200, 494,469 for 500,000). Planning
   * only, about a millisecond.
   */
  private async casesWithWords(terms: CaseSearchTerms): Promise<number> {
    const params: string[] = [];
    const text = messageTextQuery(terms, (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const [row] = (await this.db.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM case_search_documents s WHERE s.document @@ ${text}`, params)) as Array<{
      'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }>;
    }>;
    return row['QUERY PLAN'][0].Plan['Plan Rows'];
  }

  async get(principal: StaffPrincipal, caseId: string): Promise<CaseDetail> {
    const summary = await this.summaryVisibleTo(principal, caseId);
    const [identities, messages, events, timeline, satisfaction] = await Promise.all([
      this.customers.identitiesOf([summary.customerId]),
      this.db.query(
        `SELECT ${MESSAGE_COLUMNS}, u.name AS author_name FROM messages m LEFT JOIN users u ON u.id = m.author_user_id WHERE m.case_id = $1 ORDER BY m.intake_seq`,
        [caseId],
      ),
      this.db.query(
        `SELECT e.seq, e.type, e.actor_user_id, u.name AS actor_name, e.created_at, e.payload->'data' AS data
           FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.case_id = $1 ORDER BY e.seq`,
        [caseId],
      ),
      // Without this case's messages: a case of 200 messages would otherwise send (and read) each twice.
      customerTimeline(this.db, summary.customerId, principal, { otherTeamsMessages: this.config.workspace.timelineOtherTeamsMessages, exceptMessagesOfCase: caseId }),
      this.db.query(
        `SELECT id, resolved_at, channel, asked_at, score, answered_at FROM case_satisfaction WHERE case_id = $1 ORDER BY resolved_at`,
        [caseId],
      ) as Promise<Array<{ id: string; resolved_at: Date; channel: string; asked_at: Date; score: number | null; answered_at: Date | null }>>,
    ]);
    return {
      ...summary,
      customer: {
        id: summary.customerId,
        displayName: summary.customerName,
        identities: identities.map((i) => ({ id: i.id, channel: i.channel, address: i.address })),
      },
      messages: (messages as Array<MessageRow & { author_name: string | null }>).map((m) => ({
        ...toMessageView(m),
        caseReference: summary.reference,
        authorName: m.author_name,
        attachments: m.attachments ?? [],
      })),
      copied: copiedOnCase(messages as MessageRow[], identities),
      events: (events as Array<{ seq: string; type: string; actor_user_id: string | null; actor_name: string | null; created_at: Date; data: Record<string, unknown> | null }>).map(
        (e) => ({
          seq: Number(e.seq),
          type: e.type,
          actorUserId: e.actor_user_id,
          actorName: e.actor_name,
          at: e.created_at.toISOString(),
          data: e.data,
        }),
      ),
      timeline,
      satisfaction: satisfaction.map((r) => ({
        id: r.id,
        resolvedAt: r.resolved_at.toISOString(),
        channel: r.channel,
        askedAt: r.asked_at.toISOString(),
        score: r.score === null ? null : Number(r.score),
        answeredAt: r.answered_at?.toISOString() ?? null,
      })),
    };
  }

  async summaryVisibleTo(principal: StaffPrincipal, caseId: string): Promise<CaseSummary> {
    const [row] = (await this.db.query(
      `SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
      [caseId],
    )) as CaseSummaryRow[];
    // A case of another team is reported as missing, so its existence does not leak.
    if (!row || !maySeeTeam(principal, row.team_id)) {
      throw new NotFoundError('case_not_found', 'No such case');
    }
    return toCaseSummary(row);
  }

  async customer(principal: StaffPrincipal, customerId: string) {
    const customer = await this.customers.findById(customerId);
    if (!customer) throw new NotFoundError('customer_not_found', 'No such customer');
    const cases = await this.list(principal, { customerId, limit: 200, offset: 0 });
    if (!teamScope(principal).allTeams && cases.total === 0) throw new NotFoundError('customer_not_found', 'No such customer');
    const identities = await this.customers.identitiesOf([customerId]);
    return {
      id: customer.id,
      displayName: customer.display_name,
      preferredChannel: customer.last_channel,
      createdAt: customer.created_at.toISOString(),
      identities: identities.map((i) => ({ channel: i.channel, address: i.address })),
      cases: cases.items,
    };
  }

  /** Events after `sinceSeq` that the caller may see, for a reconnecting agent. */
  /**
   * Events after `sinceSeq`, plus the listed `missing` ones at or below it.
   * Sequence numbers are handed out before commit, so a transaction holding a
   * lower number can commit after a higher one was already pushed: a client
   * that was offline meanwhile names the gaps below its last sequence, and
   * gets whichever of them have committed since.
   */
  async eventsSince(principal: StaffPrincipal, sinceSeq: number, limit: number, missing: readonly number[] = []) {
    const params: unknown[] = [sinceSeq, limit, missing];
    // A case transferred away from the agent's team is still news to that team (it leaves their queue).
    const teamFilter = `(${visibleCaseSql(principal, `(e.payload->>'teamId')::uuid`, params)} OR ${visibleCaseSql(principal, `(e.payload->'data'->>'fromTeamId')::uuid`, params)})`;
    const rows = (await this.db.query(
      `SELECT e.payload FROM case_events e WHERE (e.seq > $1 OR e.seq = ANY($3::bigint[])) AND ${teamFilter} ORDER BY e.seq LIMIT $2`,
      params,
    )) as Array<{ payload: CaseEvent }>;
    return rows.map((r) => r.payload);
  }

  async latestSeq(): Promise<number> {
    const [{ seq }] = (await this.db.query(`SELECT COALESCE(max(seq), 0) AS seq FROM case_events`)) as Array<{ seq: string }>;
    return Number(seq);
  }
}

/**
 * The tsquery for message text: whole words ANDed with the last word as a
 * prefix. The prefix goes through PostgreSQL's own parser like the words (so
 * "e-mai" is the lexemes the index holds for "e-mail", each a prefix); the GIN
 * index answers `lexeme:*` by reading the entries that start with it.
 */
export function messageTextQuery(terms: CaseSearchTerms, param: (value: string) => string): string {
  const parts: string[] = [];
  if (terms.words) parts.push(`plainto_tsquery('simple', ${param(terms.words)})`);
  if (terms.prefix) parts.push(`regexp_replace(plainto_tsquery('simple', ${param(terms.prefix)})::text, '''( |$)', ''':*\\1', 'g')::tsquery`);
  return parts.length ? `(${parts.join(' && ')})` : `plainto_tsquery('simple', '')`;
}

/**
 * The customer's name contains the search text (`ILIKE`, from the names'
 * trigram index), or, when the text has no letter or digit the trigram index
 * can use (PostgreSQL's trigrams see only ASCII ones under the C locale the
 * embedded server runs: a Russian name was a scan of every customer, 0.4 s at
 * 1M), holds its words, the last as a prefix, like messages (a words index).
 */
export function customerNameMatches(q: string, qParam: string, wordsQuery: string): string {
  return /[A-Za-z0-9]/.test(q)
    ? `cu.display_name ILIKE '%' || ${qParam} || '%'`
    : `to_tsvector('simple', COALESCE(cu.display_name, '')) @@ ${wordsQuery}`;
}

/** The addresses the customer copied on the case's mails, once each, without the customer's own. */
function copiedOnCase(messages: MessageRow[], identities: Array<{ address: string }>): string[] {
  const own = new Set(identities.map((i) => i.address.toLowerCase()));
  const seen = new Set<string>();
  for (const m of messages) for (const a of m.direction === 'inbound' ? (m.copied ?? []) : []) if (!own.has(a)) seen.add(a);
  return [...seen];
}
