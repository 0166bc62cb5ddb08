import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError, maySeeTeam, NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { visibleCaseSql } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { isUuid, queryRows } from '@inbox/cases';
import { placeholderValues, PLACEHOLDERS, renderTemplate, unknownPlaceholders } from './canned-placeholders';

export interface CannedResponse {
  id: string;
  title: string;
  body: string;
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface CannedRow {
  id: string;
  title: string;
  body: string;
  team_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, title, body, team_id, created_at, updated_at';

/** Canned responses: shared (no team) or one team's; placeholders filled for a case when used. */
@Injectable()
export class CannedResponsesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
  ) {}

  async list(principal: StaffPrincipal, q?: string): Promise<CannedResponse[]> {
    const params: unknown[] = [q?.trim() || null];
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM canned_responses
        WHERE (team_id IS NULL OR ${visibleCaseSql(principal, 'team_id', params)})
          AND ($1::text IS NULL OR title ILIKE '%' || $1 || '%' OR body ILIKE '%' || $1 || '%')
        ORDER BY title`,
      params,
    )) as CannedRow[];
    return rows.map(toCanned);
  }

  async get(principal: StaffPrincipal, id: string): Promise<CannedResponse> {
    const [row] = isUuid(id) ? ((await this.db.query(`SELECT ${COLUMNS} FROM canned_responses WHERE id = $1`, [id])) as CannedRow[]) : [];
    if (!row || !(row.team_id === null || maySeeTeam(principal, row.team_id))) {
      throw new NotFoundError('canned_response_not_found', 'No such canned response');
    }
    return toCanned(row);
  }

  async create(principal: StaffPrincipal, input: { title: string; body: string; teamId?: string | null }): Promise<CannedResponse> {
    checkTemplate(input.body);
    const [row] = (await this.db.query(
      `INSERT INTO canned_responses (title, body, team_id, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [input.title.trim(), input.body, await this.teamOrNull(input.teamId), principal.userId],
    )) as CannedRow[];
    return toCanned(row);
  }

  async update(principal: StaffPrincipal, id: string, input: { title?: string; body?: string; teamId?: string | null }): Promise<CannedResponse> {
    const current = await this.get(principal, id);
    if (input.body !== undefined) checkTemplate(input.body);
    const teamId = input.teamId === undefined ? current.teamId : await this.teamOrNull(input.teamId);
    const [row] = await queryRows<CannedRow>(
      this.db,
      `UPDATE canned_responses SET title = $2, body = $3, team_id = $4, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, input.title?.trim() ?? current.title, input.body ?? current.body, teamId],
    );
    return toCanned(row);
  }

  async remove(principal: StaffPrincipal, id: string): Promise<void> {
    await this.get(principal, id);
    await this.db.query(`DELETE FROM canned_responses WHERE id = $1`, [id]);
  }

  /** The response with the case's customer, reference and the calling agent filled in, ready for the composer. */
  async renderForCase(principal: StaffPrincipal, id: string, caseId: string): Promise<{ id: string; title: string; text: string }> {
    const canned = await this.get(principal, id);
    const summary = await this.cases.summaryVisibleTo(principal, caseId);
    const values = placeholderValues({ customerName: summary.customerName, caseReference: summary.reference, agentName: principal.name });
    return { id: canned.id, title: canned.title, text: renderTemplate(canned.body, values) };
  }

  /** Every canned response the caller may use, filled for a case they may see (refused for any other case, even with none to fill). */
  async renderAllForCase(principal: StaffPrincipal, caseId: string): Promise<Array<{ id: string; title: string; text: string }>> {
    await this.cases.summaryVisibleTo(principal, caseId);
    const items = await this.list(principal);
    return Promise.all(items.map((c) => this.renderForCase(principal, c.id, caseId)));
  }

  private async teamOrNull(teamId: string | null | undefined): Promise<string | null> {
    if (!teamId) return null;
    const [team] = (await this.db.query(`SELECT id FROM teams WHERE id = $1`, [teamId])) as Array<{ id: string }>;
    if (!team) throw new InvalidInputError('unknown_team', 'No such team');
    return team.id;
  }
}

function checkTemplate(body: string): void {
  const unknown = unknownPlaceholders(body);
  if (unknown.length > 0) {
    throw new InvalidInputError('unknown_placeholder', `Unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}; known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
  }
}

function toCanned(row: CannedRow): CannedResponse {
  return { id: row.id, title: row.title, body: row.body, teamId: row.team_id, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}
