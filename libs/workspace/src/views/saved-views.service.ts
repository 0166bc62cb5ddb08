import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { checkFieldCondition, DEFAULT_QUEUE_SORT, ForbiddenError, InvalidInputError, isQueueSort, maySeeTeam, QUEUE_SORTS, NotFoundError, type FieldCondition, type QueueFilters, type SavedView, type StaffPrincipal } from '@inbox/contracts';
import { queryRows, readCustomFields } from '@inbox/cases';

interface SavedViewRow {
  id: string;
  name: string;
  filters: QueueFilters;
  team_id: string | null;
  owner_user_id: string;
  owner_name: string;
}

/**
 * Saved views of the queue. A view is its owner's, or shared with a team:
 * then everyone who may see that team's cases has it too. Only its owner (or
 * an admin) deletes it. The filters are applied in the browser, to the queue it is pushed
 * (with the same conditions on fields as `GET /api/cases`), and its cases shown in its order
 * (`sort`; views saved before there was a choice have none and keep the queue's own).
 */
@Injectable()
export class SavedViewsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(principal: StaffPrincipal): Promise<SavedView[]> {
    const rows = (await this.db.query(
      `SELECT v.id, v.name, v.filters, v.team_id, v.owner_user_id, u.name AS owner_name FROM saved_views v JOIN users u ON u.id = v.owner_user_id
        WHERE v.owner_user_id = $1 OR v.team_id IS NOT NULL ORDER BY v.team_id IS NOT NULL, lower(v.name)`,
      [principal.userId],
    )) as SavedViewRow[];
    return rows.filter((r) => r.owner_user_id === principal.userId || maySeeTeam(principal, r.team_id)).map(toView);
  }

  async create(principal: StaffPrincipal, input: { name: string; filters: QueueFilters; teamId?: string | null }): Promise<SavedView> {
    const teamId = input.teamId ?? null;
    if (teamId && !maySeeTeam(principal, teamId)) throw new ForbiddenError('not_your_team', 'A view can be shared only with a team you are in');
    const sort = input.filters.sort ?? DEFAULT_QUEUE_SORT;
    if (!isQueueSort(sort)) throw new InvalidInputError('unknown_sort', `A view sorts by one of ${QUEUE_SORTS.join(', ')}`);
    const fields = await this.fieldConditions(input.filters.fields ?? []);
    const filters: QueueFilters = {
      assignee: input.filters.assignee,
      tagIds: [...new Set(input.filters.tagIds)],
      text: input.filters.text.trim(),
      ...(fields.length > 0 ? { fields } : {}),
      sort,
    };
    const [row] = (await this.db.query(
      `WITH v AS (INSERT INTO saved_views (owner_user_id, team_id, name, filters) VALUES ($1, $2, $3, $4) RETURNING *)
       SELECT v.id, v.name, v.filters, v.team_id, v.owner_user_id, u.name AS owner_name FROM v JOIN users u ON u.id = v.owner_user_id`,
      [principal.userId, teamId, input.name.trim(), JSON.stringify(filters)],
    )) as SavedViewRow[];
    return toView(row);
  }

  /** Each condition checked against its case field (archived ones still filter: their values are kept). */
  private async fieldConditions(conditions: readonly FieldCondition[]): Promise<FieldCondition[]> {
    if (conditions.length === 0) return [];
    const fields = await readCustomFields(this.db, 'case', true);
    return conditions.map((condition) => {
      const field = fields.find((f) => f.id === condition.fieldId);
      if (!field) throw new InvalidInputError('unknown_field', 'A condition names a case field that does not exist');
      return checkFieldCondition(field, condition);
    });
  }

  async remove(principal: StaffPrincipal, id: string): Promise<void> {
    const view = (await this.list(principal)).find((v) => v.id === id);
    if (!view) throw new NotFoundError('view_not_found', 'No such view');
    if (view.ownerUserId !== principal.userId && principal.role !== 'admin') throw new ForbiddenError('not_view_owner', `Only ${view.ownerName}, who saved this view, can delete it`);
    await queryRows(this.db, `DELETE FROM saved_views WHERE id = $1 RETURNING id`, [id]);
  }
}

function toView(r: SavedViewRow): SavedView {
  return { id: r.id, name: r.name, filters: r.filters, teamId: r.team_id, ownerUserId: r.owner_user_id, ownerName: r.owner_name };
}
