import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@inbox/contracts';
import { FirmCalendar } from '@inbox/workspace';
import { recordAudit } from './compliance-audit';
import { ComplianceCalendar } from './compliance-calendar.service';

export interface HolidayOverrideInput {
  date: string;
  jurisdiction: string;
  action: string;
  name: string;
}

export interface HolidayOverrideView extends HolidayOverrideInput {
  id: string;
  createdBy: string | null;
  createdAt: string;
}

/**
 * The admins' changes to the shipped public-holiday calendar: each change is
 * audited in its own transaction, and the calendar reloads at once so new
 * deadlines (and the teams' business hours) use it.
 */
@Injectable()
export class HolidayOverridesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendar: ComplianceCalendar,
    private readonly businessHours: FirmCalendar,
  ) {}

  async list(): Promise<{ items: HolidayOverrideView[] }> {
    const rows = (await this.db.query(
      `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, jurisdiction, action, name, created_by, created_at FROM public_holiday_overrides ORDER BY date`,
    )) as Array<{ id: string; date: string; jurisdiction: string; action: string; name: string; created_by: string | null; created_at: Date }>;
    return { items: rows.map((r) => ({ id: r.id, date: r.date, jurisdiction: r.jurisdiction, action: r.action, name: r.name, createdBy: r.created_by, createdAt: r.created_at.toISOString() })) };
  }

  /** Adds a public holiday (or removes a shipped one) for a state or the whole country; one per date and jurisdiction. */
  async add(actorUserId: string, input: HolidayOverrideInput): Promise<HolidayOverrideInput & { id: string }> {
    if (Number.isNaN(Date.parse(`${input.date}T00:00:00Z`))) throw new InvalidInputError('invalid_date', 'date must be a real date');
    const row = await this.db.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO public_holiday_overrides (date, jurisdiction, action, name, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (date, jurisdiction) DO NOTHING RETURNING id`,
        [input.date, input.jurisdiction, input.action, input.name.trim(), actorUserId],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) throw new ConflictError('override_exists', `There is already an override for ${input.date} in ${input.jurisdiction}; delete it first`);
      await recordAudit(em, { actorUserId, action: 'holiday.override_added', data: { ...input } });
      return inserted[0];
    });
    await this.calendar.refresh();
    this.businessHours.refresh();
    return { id: row.id, ...input };
  }

  async delete(actorUserId: string, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [row] = (await em.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, jurisdiction, action, name FROM public_holiday_overrides WHERE id = $1 FOR UPDATE`,
        [id],
      )) as Array<Record<string, string>>;
      if (!row) throw new NotFoundError('override_not_found', 'No such override');
      await em.query(`DELETE FROM public_holiday_overrides WHERE id = $1`, [id]);
      await recordAudit(em, { actorUserId, action: 'holiday.override_deleted', data: row });
    });
    await this.calendar.refresh();
    this.businessHours.refresh();
  }
}
