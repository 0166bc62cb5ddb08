import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  deadlinesFor,
  hardshipAgreementConfirmationDue,
  holidaysFor,
  idrResponseDeadline,
  publicHolidayPredicate,
  type BusinessCalendar,
  type CaseDeadlines,
  type ComplaintType,
  type DeadlineFacts,
  type DeadlinePolicy,
  type HolidayOverride,
  type HolidayRegion,
  type IdrDeadline,
  type Jurisdiction,
  type PublicHolidayCalendar,
} from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

/** Overrides edited on another process reach this one within this time. */
const REFRESH_MS = 60_000;

/**
 * The firm's business calendar: its zone, the public holidays of its region
 * (computed for any year) with the admins' overrides, and the deadline policy
 * from the settings.
 * Kept in memory (intake computes deadlines inside its transaction) and
 * refreshed after an edit and every minute.
 */
@Injectable()
export class ComplianceCalendar implements OnApplicationBootstrap {
  private readonly logger = new Logger(ComplianceCalendar.name);
  private overrides: HolidayOverride[] = [];
  private holidays: PublicHolidayCalendar;
  private timer: NodeJS.Timeout | null = null;
  readonly policy: DeadlinePolicy;
  readonly state: HolidayRegion;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.state = config.compliance.state;
    this.policy = { rollToBusinessDay: config.compliance.rollToBusinessDay, acknowledgement: config.compliance.acknowledgementRule };
    this.holidays = holidaysFor(this.state);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((error: unknown) => this.logger.warn({ msg: 'holiday overrides not loaded; using the shipped calendar', err: error }));
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  async refresh(): Promise<void> {
    const rows = (await this.db.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, jurisdiction, action, name FROM public_holiday_overrides ORDER BY created_at`,
    )) as Array<{ date: string; jurisdiction: Jurisdiction; action: 'add' | 'remove'; name: string }>;
    this.overrides = rows;
    this.holidays = holidaysFor(this.state, rows);
  }

  get calendar(): BusinessCalendar {
    return { timeZone: this.config.timeZone, isPublicHoliday: publicHolidayPredicate(this.holidays) };
  }

  /** The holidays in force for the firm's region (computed + overrides), for a year. */
  holidaysIn(year: number): Array<{ date: string; name: string }> {
    return this.holidays.inYear(year);
  }

  currentOverrides(): readonly HolidayOverride[] {
    return this.overrides;
  }

  deadlinesFor(receivedAt: Date, type: ComplaintType, facts: DeadlineFacts = {}): CaseDeadlines {
    return deadlinesFor(receivedAt, type, this.calendar, facts, this.policy);
  }

  idrResponseDue(receivedAt: Date, type: ComplaintType, facts: DeadlineFacts = {}): Date {
    return this.idrResponseDeadline(receivedAt, type, facts).dueAt;
  }

  idrResponseDeadline(receivedAt: Date, type: ComplaintType, facts: DeadlineFacts = {}): IdrDeadline {
    return idrResponseDeadline(receivedAt, type, this.calendar, facts, this.policy);
  }

  hardshipAgreementConfirmationDue(agreedAt: Date): IdrDeadline {
    return hardshipAgreementConfirmationDue(agreedAt, this.calendar, this.policy);
  }

  /**
   * How a stored deadline was reached: the count under the current policy
   * when it gives that date, else under the other roll-over setting (the
   * policy changed since), else null (moved by hand or an earlier rule).
   */
  explainIdrDeadline(stored: Date, receivedAt: Date, type: ComplaintType, facts: DeadlineFacts = {}): IdrDeadline | null {
    for (const rollToBusinessDay of [this.policy.rollToBusinessDay, !this.policy.rollToBusinessDay]) {
      const d = idrResponseDeadline(receivedAt, type, this.calendar, facts, { ...this.policy, rollToBusinessDay });
      if (d.dueAt.getTime() === stored.getTime()) return d;
    }
    return null;
  }
}
