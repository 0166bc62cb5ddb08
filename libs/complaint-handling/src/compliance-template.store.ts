import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError } from '@inbox/contracts';
import { shippedTemplate, templateProblems, TEMPLATE_KINDS, SHIPPED_LANGUAGES, type TemplateKind } from '@inbox/compliance';
import { recordAudit } from './compliance-audit';

type Db = { query(sql: string, params?: unknown[]): Promise<unknown> };

export interface ComplianceTemplate {
  kind: TemplateKind;
  language: string;
  /** 0 for the shipped text, then 1, 2, … for each admin edit. */
  version: number;
  body: string;
  source: 'shipped' | 'admin';
  createdAt: string | null;
  createdBy: string | null;
}

const LANGUAGE = /^[a-z]{2,3}$/;

/**
 * RG 271 message templates: the shipped text, then each admin edit as a new
 * version (rows are never changed). An edit that drops a required part is refused.
 */
@Injectable()
export class ComplianceTemplateStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The newest version for a kind in a language; English when the language has neither an edit nor a shipped text. */
  async current(kind: TemplateKind, language: string, em: Db = this.db): Promise<ComplianceTemplate> {
    for (const lang of language === 'en' ? ['en'] : [language, 'en']) {
      const [row] = (await em.query(
        `SELECT version, body, created_at, created_by FROM compliance_templates WHERE kind = $1 AND language = $2 ORDER BY version DESC LIMIT 1`,
        [kind, lang],
      )) as Array<{ version: number; body: string; created_at: Date; created_by: string | null }>;
      if (row) return { kind, language: lang, version: row.version, body: row.body, source: 'admin', createdAt: row.created_at.toISOString(), createdBy: row.created_by };
      const shipped = shippedTemplate(kind, lang);
      if (shipped.language === lang) return { kind, language: lang, version: 0, body: shipped.body, source: 'shipped', createdAt: null, createdBy: null };
    }
    const shipped = shippedTemplate(kind, 'en');
    return { kind, language: 'en', version: 0, body: shipped.body, source: 'shipped', createdAt: null, createdBy: null };
  }

  /** Every kind × language in force (shipped languages and any an admin added). */
  async list(): Promise<ComplianceTemplate[]> {
    const extra = (await this.db.query(`SELECT DISTINCT language FROM compliance_templates`)) as Array<{ language: string }>;
    const languages = [...new Set<string>([...SHIPPED_LANGUAGES, ...extra.map((r) => r.language)])];
    const out: ComplianceTemplate[] = [];
    for (const kind of TEMPLATE_KINDS) for (const language of languages) {
      const t = await this.current(kind, language);
      if (t.language === language) out.push(t);
    }
    return out;
  }

  async history(kind: TemplateKind, language: string): Promise<ComplianceTemplate[]> {
    const rows = (await this.db.query(
      `SELECT version, body, created_at, created_by FROM compliance_templates WHERE kind = $1 AND language = $2 ORDER BY version DESC`,
      [kind, language],
    )) as Array<{ version: number; body: string; created_at: Date; created_by: string | null }>;
    const shipped = shippedTemplate(kind, language);
    return [
      ...rows.map((r) => ({ kind, language, version: r.version, body: r.body, source: 'admin' as const, createdAt: r.created_at.toISOString(), createdBy: r.created_by })),
      ...(shipped.language === language ? [{ kind, language, version: 0, body: shipped.body, source: 'shipped' as const, createdAt: null, createdBy: null }] : []),
    ];
  }

  /** Saves a new version; refuses one without the parts RG 271 requires. */
  async save(kind: TemplateKind, language: string, body: string, actorUserId: string): Promise<ComplianceTemplate> {
    if (!LANGUAGE.test(language)) throw new InvalidInputError('invalid_language', 'language must be a two- or three-letter code such as en or ru');
    const problems = templateProblems(kind, body);
    if (problems.length > 0) {
      throw new InvalidInputError('template_missing_required_parts', `This ${kind} template cannot be saved: ${problems.join('; ')}`, { problems });
    }
    return this.db.transaction(async (em) => {
      // Serialise edits of one template so two admins never take the same version number.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`template:${kind}:${language}`]);
      const [{ next }] = (await em.query(
        `SELECT COALESCE(max(version), 0) + 1 AS next FROM compliance_templates WHERE kind = $1 AND language = $2`,
        [kind, language],
      )) as Array<{ next: number }>;
      const [row] = (await em.query(
        `INSERT INTO compliance_templates (kind, language, version, body, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING created_at`,
        [kind, language, next, body, actorUserId],
      )) as Array<{ created_at: Date }>;
      await recordAudit(em, { actorUserId, action: 'template.saved', data: { kind, language, version: next } });
      return { kind, language, version: Number(next), body, source: 'admin' as const, createdAt: row.created_at.toISOString(), createdBy: actorUserId };
    });
  }
}
