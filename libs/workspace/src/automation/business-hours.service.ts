import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError, type TeamBusinessHours, type WeeklyHours } from '@inbox/contracts';
import { isWithinBusinessHours, weeklyHoursOf } from './business-hours';
import { FirmCalendar } from './firm-calendar';

/** Every customer message asks for its team's hours: kept this long, and dropped at once by an edit on this process. */
const HOURS_CACHE_MS = 5_000;

type TeamHours = { weekly: WeeklyHours; outOfHoursReply: boolean } | null;

type HoursRow = { team_id: string; team_name: string; weekly: WeeklyHours | null; out_of_hours_reply: boolean | null; updated_at: Date | null };

/** Each team's business hours: set by admins, read by the rules and the out-of-hours reply. */
@Injectable()
export class BusinessHoursService {
  private readonly cache = new Map<string, { hours: Promise<TeamHours>; readAt: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly firm: FirmCalendar,
  ) {}

  /** Every team with its hours (none set: never out of hours), and whether it is open at `now`. */
  async list(now: Date = new Date()): Promise<TeamBusinessHours[]> {
    const rows = (await this.db.query(
      `SELECT t.id AS team_id, t.name AS team_name, h.weekly, h.out_of_hours_reply, h.updated_at
         FROM teams t LEFT JOIN team_business_hours h ON h.team_id = t.id ORDER BY lower(t.name)`,
    )) as HoursRow[];
    const calendar = await this.firm.calendar();
    return rows.map((r) => ({
      teamId: r.team_id,
      teamName: r.team_name,
      weekly: r.weekly,
      outOfHoursReply: r.out_of_hours_reply ?? true,
      openNow: r.weekly ? isWithinBusinessHours(r.weekly, calendar, now) : null,
      updatedAt: r.updated_at?.toISOString() ?? null,
    }));
  }

  /** Sets a team's week (checked: HH:MM openings) and whether it sends the out-of-hours reply. */
  async set(actorUserId: string, teamId: string, input: { weekly: unknown; outOfHoursReply?: boolean }): Promise<TeamBusinessHours> {
    const weekly = weeklyHoursOf(input.weekly);
    const [team] = (await this.db.query(`SELECT id FROM teams WHERE id = $1`, [teamId])) as Array<{ id: string }>;
    if (!team) throw new NotFoundError('team_not_found', 'No such team');
    await this.db.query(
      `INSERT INTO team_business_hours (team_id, weekly, out_of_hours_reply, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (team_id) DO UPDATE SET weekly = EXCLUDED.weekly, out_of_hours_reply = EXCLUDED.out_of_hours_reply, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [teamId, JSON.stringify(weekly), input.outOfHoursReply ?? true, actorUserId],
    );
    this.cache.delete(teamId);
    return (await this.list()).find((t) => t.teamId === teamId)!;
  }

  /** Removes a team's hours: it is then never out of hours. */
  async clear(teamId: string): Promise<void> {
    await this.db.query(`DELETE FROM team_business_hours WHERE team_id = $1`, [teamId]);
    this.cache.delete(teamId);
  }

  /** A team's week and reply setting, or null when it keeps no hours (or the case has no team). */
  hoursOf(teamId: string | null): Promise<TeamHours> {
    if (!teamId) return Promise.resolve(null);
    const cached = this.cache.get(teamId);
    if (cached && Date.now() - cached.readAt < HOURS_CACHE_MS) return cached.hours;
    const hours = this.db
      .query(`SELECT weekly, out_of_hours_reply FROM team_business_hours WHERE team_id = $1`, [teamId])
      .then(([row]: Array<{ weekly: WeeklyHours; out_of_hours_reply: boolean }>) => (row ? { weekly: row.weekly, outOfHoursReply: row.out_of_hours_reply } : null));
    this.cache.set(teamId, { hours, readAt: Date.now() });
    hours.catch(() => this.cache.delete(teamId));
    return hours;
  }
}
