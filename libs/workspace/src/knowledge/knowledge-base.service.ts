import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService, MessageRepository } from '@inbox/cases';
import { CaseActionRunner } from '../actions/case-action-runner';
import { isUuid } from '@inbox/cases';
import { visibleCaseSql } from '@inbox/cases';

export interface KbArticle {
  id: string;
  title: string;
  body: string;
  category: string | null;
  sourceCaseId: string | null;
  sourceCaseReference: string | null;
  createdAt: string;
}

interface ArticleRow {
  id: string;
  title: string;
  body: string;
  category: string | null;
  source_case_id: string | null;
  source_reference: string | null;
  created_at: Date;
  rank?: number;
  snippet?: string;
}

const SELECT = `SELECT a.id, a.title, a.body, a.category, a.source_case_id, c.reference AS source_reference, a.created_at
  FROM kb_articles a LEFT JOIN cases c ON c.id = a.source_case_id`;
/** Words worth searching for when the query is taken from a case rather than typed. */
const MAX_DERIVED_TERMS = 12;

/**
 * The knowledge base of resolutions: a resolved case's resolution saved as an
 * article, searched with PostgreSQL full-text search in English and Russian
 * (stemmed, so "charged" finds "charges" and "списали" finds "списание").
 */
@Injectable()
export class KnowledgeBaseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
    private readonly runner: CaseActionRunner,
    private readonly messages: MessageRepository,
  ) {}

  /** Saves how a resolved case was resolved; the text defaults to the resolution recorded on the case. */
  async saveFromCase(principal: StaffPrincipal, caseId: string, input: { title: string; body?: string }): Promise<KbArticle> {
    const { event } = await this.runner.run(principal, caseId, async (em, locked) => {
      if (locked.status !== 'resolved' && locked.status !== 'closed') {
        throw new ConflictError('case_not_resolved', `Case ${locked.reference} is ${locked.status}: only a resolution can be saved`);
      }
      const body = input.body?.trim() || (await resolutionText(em, locked.id));
      if (!body) throw new InvalidInputError('resolution_text_required', 'This case has no recorded resolution text; write the article body');
      const inserted = (await em.query(
        `INSERT INTO kb_articles (title, body, category, source_case_id, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (source_case_id) WHERE source_case_id IS NOT NULL DO NOTHING RETURNING id`,
        [input.title.trim(), body, locked.category, locked.id, principal.userId],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) throw new ConflictError('already_saved', `The resolution of ${locked.reference} is already in the knowledge base`);
      return { type: 'knowledge.saved', data: { articleId: inserted[0].id, title: input.title.trim() } };
    });
    return this.get(principal, String(event.data!.articleId));
  }

  async create(principal: StaffPrincipal, input: { title: string; body: string; category?: string }): Promise<KbArticle> {
    const [row] = (await this.db.query(`INSERT INTO kb_articles (title, body, category, created_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
      input.title.trim(),
      input.body.trim(),
      input.category ?? null,
      principal.userId,
    ])) as Array<{ id: string }>;
    return this.get(principal, row.id);
  }

  /** An article saved from a case is seen by those who may see that case (its resolution tells the customer's story). */
  async get(principal: StaffPrincipal, id: string): Promise<KbArticle> {
    const params: unknown[] = [id];
    const visible = articleVisibleSql(principal, params);
    const [row] = isUuid(id) ? ((await this.db.query(`${SELECT} WHERE a.id = $1 AND ${visible}`, params)) as ArticleRow[]) : [];
    if (!row) throw new NotFoundError('article_not_found', 'No such article');
    return toArticle(row);
  }

  /** Edits an article (written by hand or saved from a case); what is not given stays. */
  async update(principal: StaffPrincipal, id: string, input: { title?: string; body?: string; category?: string | null }): Promise<KbArticle> {
    await this.get(principal, id);
    const title = input.title?.trim();
    const body = input.body?.trim();
    if (title === '') throw new InvalidInputError('title_required', 'An article needs a title');
    if (body === '') throw new InvalidInputError('body_required', 'An article needs a text');
    await this.db.query(
      `UPDATE kb_articles SET title = COALESCE($2, title), body = COALESCE($3, body),
              category = CASE WHEN $4::boolean THEN $5 ELSE category END WHERE id = $1`,
      [id, title ?? null, body ?? null, input.category !== undefined, input.category ?? null],
    );
    return this.get(principal, id);
  }

  /** The newest articles the caller may see: the knowledge base screen's list before anything is searched. */
  async latest(principal: StaffPrincipal, limit: number) {
    const params: unknown[] = [limit];
    const visible = articleVisibleSql(principal, params);
    const rows = (await this.db.query(
      `${SELECT} WHERE ${visible} ORDER BY a.created_at DESC LIMIT $1`,
      params,
    )) as ArticleRow[];
    const countParams: unknown[] = [];
    const countVisible = articleVisibleSql(principal, countParams);
    const [{ total }] = (await this.db.query(
      `SELECT count(*)::int AS total FROM kb_articles a LEFT JOIN cases c ON c.id = a.source_case_id WHERE ${countVisible}`,
      countParams,
    )) as Array<{ total: number }>;
    return { query: null, items: rows.map(toArticle), total };
  }

  async remove(principal: StaffPrincipal, id: string): Promise<void> {
    await this.get(principal, id);
    await this.db.query(`DELETE FROM kb_articles WHERE id = $1`, [id]);
  }

  /**
   * Best matches first. Typed text is read as a web search (`"exact phrase"`,
   * `or`, `-word`); without one, a case's category and latest words are the query.
   */
  async search(principal: StaffPrincipal, input: { q?: string; caseId?: string; limit: number }) {
    let query = input.q?.trim();
    if (input.caseId) {
      const summary = await this.cases.summaryVisibleTo(principal, input.caseId);
      if (!query) query = await this.queryFromCase(summary.id, summary.category);
    }
    if (!query) throw new InvalidInputError('query_required', 'Give search text (q) or a case to search from (caseId)');
    const params: unknown[] = [query, input.limit];
    const visible = articleVisibleSql(principal, params);
    const rows = (await this.db.query(
      `WITH q AS (SELECT websearch_to_tsquery('english', $1) || websearch_to_tsquery('russian', $1) AS query)
       SELECT a.id, a.title, a.body, a.category, a.source_case_id, c.reference AS source_reference, a.created_at,
              ts_rank(a.search, q.query) AS rank,
              ts_headline('english', a.body, q.query, 'MaxFragments=2, MaxWords=25, MinWords=8') AS snippet
         FROM kb_articles a CROSS JOIN q LEFT JOIN cases c ON c.id = a.source_case_id
        WHERE a.search @@ q.query AND ${visible}
        ORDER BY rank DESC, a.created_at DESC LIMIT $2`,
      params,
    )) as ArticleRow[];
    return { query, items: rows.map((r) => ({ ...toArticle(r), rank: Number(r.rank), snippet: r.snippet ?? '' })) };
  }

  private async queryFromCase(caseId: string, category: string | null): Promise<string> {
    const texts = await this.messages.recentInboundTexts(caseId, 3);
    const words = [category?.replace(/[/_]/g, ' ') ?? '', ...texts]
      .join(' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}]{4,}/gu);
    return [...new Set(words ?? [])].slice(0, MAX_DERIVED_TERMS).join(' or ');
  }
}

/** Written by hand (no source case): everyone; saved from a case: whoever may see that case (joined as `c`). */
function articleVisibleSql(principal: StaffPrincipal, params: unknown[]): string {
  return `(a.source_case_id IS NULL OR ${visibleCaseSql(principal, 'c.team_id', params)})`;
}

/** The resolution as the resolve action recorded it: its reasons, and the remedies agreed. */
async function resolutionText(em: { query(sql: string, p?: unknown[]): Promise<unknown> }, caseId: string): Promise<string | null> {
  const [resolution] = (await em.query(
    `SELECT reasons, remedies, compensation_amount FROM case_resolutions WHERE case_id = $1 ORDER BY resolved_at DESC LIMIT 1`,
    [caseId],
  )) as Array<{ reasons: string | null; remedies: Array<{ type: string; description?: string }> | null; compensation_amount: string | null }>;
  if (!resolution?.reasons?.trim()) return null;
  const remedies = (resolution.remedies ?? []).map((r) => `- ${r.type.replace(/_/g, ' ')}${r.description ? `: ${r.description}` : ''}`);
  return [
    resolution.reasons.trim(),
    ...(remedies.length ? [`Remedies:\n${remedies.join('\n')}`] : []),
    ...(resolution.compensation_amount ? [`Compensation: ${resolution.compensation_amount}`] : []),
  ].join('\n\n');
}

function toArticle(row: ArticleRow): KbArticle {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    category: row.category,
    sourceCaseId: row.source_case_id,
    sourceCaseReference: row.source_reference,
    createdAt: row.created_at.toISOString(),
  };
}
