import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { holidaysFor, publicHolidayPredicate, type BusinessCalendar, type HolidayOverride } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

/** An admin's holiday edit reaches the business hours within this time. */
const REFRESH_MS = 60_000;

/**
 * The firm's business calendar for business hours: its zone and the RG 271 public holidays of its region with
 * the admins' overrides (the same table and rules as libs/complaint-handling's ComplianceCalendar), read again
 * at most once a minute.
 */
@Injectable()
export class FirmCalendar {
  private cached: { calendar: BusinessCalendar; readAt: number } | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async calendar(): Promise<BusinessCalendar> {
    if (this.cached && Date.now() - this.cached.readAt < REFRESH_MS) return this.cached.calendar;
    const overrides = (await this.db.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, jurisdiction, action, name FROM public_holiday_overrides ORDER BY created_at`,
    )) as HolidayOverride[];
    const calendar = { timeZone: this.config.timeZone, isPublicHoliday: publicHolidayPredicate(holidaysFor(this.config.compliance.state, overrides)) };
    this.cached = { calendar, readAt: Date.now() };
    return calendar;
  }

  /** Forgets the cached holidays (after an override is added or removed on this process). */
  refresh(): void {
    this.cached = null;
  }
}
