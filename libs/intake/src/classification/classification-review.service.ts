import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CLASSIFICATION_REVIEW_STATUSES,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  type ClassificationKind,
  type ClassificationReview,
  type ClassificationReviewStatus,
  type StaffPrincipal,
} from '@inbox/contracts';
import { addDays, civilDateOf, formatCivilDate } from '@inbox/compliance';
import { daysBetween, reviewRates, reviewSampleSize } from '@inbox/complaint-detection';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { MESSAGE_COLUMNS, toMessageView, type MessageRow } from '@inbox/cases';
import { UnitOfWork } from '@inbox/cases';
import { isUuid } from '@inbox/cases';
import { recordAudit } from '@inbox/complaint-handling';
import { COMPLIANCE_CLOCK, type ComplianceClock } from '@inbox/complaint-handling';
import { ClassificationCorrectionService } from './classification-correction.service';

export const REVIEW_STATUSES = CLASSIFICATION_REVIEW_STATUSES;
export type ReviewStatus = ClassificationReviewStatus;

/** How far back the sampler catches up on days it missed (the inbox was down at midnight, say). */
export const SAMPLER_CATCH_UP_DAYS = 7;
/** A day is sampled this long after it ends, so that messages received just before midnight are stored by then. */
export const SAMPLER_GRACE_MS = 60 * 60_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NOT_A_COMPLAINT: ClassificationKind[] = ['enquiry', 'compliment', 'noise'];


export interface DaySample {
  day: string;
  population: number;
  sampled: number;
  share: number;
  minPerDay: number;
}

interface ReviewRow extends MessageRow {
  review_id: string;
  review_day: string;
  review_status: ReviewStatus;
  model_kind: ClassificationKind;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  review_reason: string | null;
  case_reference: string | null;
}

/**
 * Quality control of "not a complaint" (docs/classification.md). Each completed day, a random share of the
 * inbound messages triage classified as enquiry, compliment or noise (at least the daily minimum) goes to the
 * supervisors' review list. A supervisor upholds the decision or overturns it: an overturned message becomes a
 * complaint with its clock from when it was received, the verdict is audited, and both verdicts are kept in
 * classification_corrections as labelled examples for the next training run.
 */
@Injectable()
export class ClassificationReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COMPLIANCE_CLOCK) private readonly clock: ComplianceClock,
    private readonly corrections: ClassificationCorrectionService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Today in the firm's time zone (YYYY-MM-DD). */
  today(): string {
    return formatCivilDate(civilDateOf(this.clock.now(), this.config.timeZone));
  }

  /** Samples every completed day of the last week that has no sample yet (an hour after it ended); what the sampler runs. */
  async sampleDueDays(): Promise<DaySample[]> {
    const today = civilDateOf(new Date(this.clock.now().getTime() - SAMPLER_GRACE_MS), this.config.timeZone);
    const days = daysBetween(formatCivilDate(addDays(today, -SAMPLER_CATCH_UP_DAYS)), formatCivilDate(addDays(today, -1)));
    const done = new Set(
      ((await this.db.query(`SELECT day::text AS day FROM classification_samples WHERE day = ANY($1::date[])`, [days])) as Array<{ day: string }>).map(
        (r) => r.day,
      ),
    );
    const sampled: DaySample[] = [];
    for (const day of days.filter((d) => !done.has(d))) sampled.push(await this.sampleDay(day));
    return sampled;
  }

  /**
   * Draws the sample of one completed day, once: a second call (another process, a retry) returns the sample
   * already drawn. A day that has not ended is refused, or its later messages could never be drawn.
   */
  async sampleDay(day: string): Promise<DaySample> {
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new InvalidInputError('invalid_day', 'day must be a date such as 2024-11-23');
    if (day >= this.today()) throw new InvalidInputError('day_not_over', `${day} is not over yet in ${this.config.timeZone}; only completed days are sampled`);
    const { share, minPerDay } = this.config.triage.review;
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`classification-sample:${day}`]);
      const [existing] = (await em.query(
        `SELECT day::text AS day, population, sampled, share::float8 AS share, min_per_day AS "minPerDay" FROM classification_samples WHERE day = $1`,
        [day],
      )) as DaySample[];
      if (existing) return existing;
      const window = `m.received_at >= ($1::date)::timestamp AT TIME ZONE $2 AND m.received_at < ($1::date + 1)::timestamp AT TIME ZONE $2
        AND m.direction = 'inbound' AND m.classification->>'kind' = ANY($3) AND COALESCE(m.classification->>'source', 'model') = 'model'`;
      const [{ population }] = (await em.query(`SELECT count(*)::int AS population FROM messages m WHERE ${window}`, [
        day,
        this.config.timeZone,
        NOT_A_COMPLAINT,
      ])) as Array<{ population: number }>;
      const size = reviewSampleSize(population, share, minPerDay);
      await em.query(`INSERT INTO classification_samples (day, population, sampled, share, min_per_day) VALUES ($1, $2, $3, $4, $5)`, [
        day,
        population,
        size,
        share,
        minPerDay,
      ]);
      if (size > 0) {
        await em.query(
          `INSERT INTO classification_reviews (message_id, day, model_kind)
           SELECT m.id, $1::date, m.classification->>'kind' FROM messages m WHERE ${window} ORDER BY random() LIMIT $4
           ON CONFLICT (message_id) DO NOTHING`,
          [day, this.config.timeZone, NOT_A_COMPLAINT, size],
        );
      }
      return { day, population, sampled: size, share, minPerDay };
    });
  }

  async list(filter: { status?: string; day?: string; limit?: number }): Promise<{ items: ClassificationReview[]; total: number }> {
    if (filter.status !== undefined && !(REVIEW_STATUSES as readonly string[]).includes(filter.status)) {
      throw new InvalidInputError('invalid_status', `status must be one of ${REVIEW_STATUSES.join(', ')}`);
    }
    if (filter.day !== undefined && !DAY.test(filter.day)) throw new InvalidInputError('invalid_day', 'day must be a date such as 2024-11-23');
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const where = `($1::text IS NULL OR r.status = $1) AND ($2::date IS NULL OR r.day = $2::date)`;
    const params = [filter.status ?? null, filter.day ?? null];
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM classification_reviews r WHERE ${where}`, params)) as Array<{ total: number }>;
    const rows = (await this.db.query(`${REVIEW_SELECT} WHERE ${where} ORDER BY r.day DESC, m.received_at, r.id LIMIT $3`, [...params, limit])) as ReviewRow[];
    return { items: rows.map(toReview), total };
  }

  /** The supervisor agrees with triage: kept as a confirmed label for training, nothing else changes. */
  async uphold(principal: StaffPrincipal, reviewId: string, reason?: string): Promise<ClassificationReview> {
    return this.decide(principal, reviewId, 'upheld', reason, async (em, review) => {
      await this.corrections.applyCorrection(em, principal, review.messageId, { kind: review.modelKind });
    });
  }

  /**
   * Triage was wrong: the message is a complaint (or what the supervisor says it is), placed on a case by the
   * same rules as at intake with the RG 271 clock from when it was received, and the acknowledgement follows.
   */
  async overturn(principal: StaffPrincipal, reviewId: string, body: { reason: string; kind?: ClassificationKind }): Promise<ClassificationReview> {
    const reason = body.reason?.trim();
    if (!reason) throw new InvalidInputError('reason_required', 'Say why the classification was wrong');
    const kind = body.kind ?? 'complaint';
    return this.decide(principal, reviewId, 'overturned', reason, async (em, review) => {
      if (kind === review.modelKind) throw new InvalidInputError('same_kind', `Overturning needs a different kind than ${review.modelKind}`);
      await this.corrections.applyCorrection(em, principal, review.messageId, { kind, reason });
    });
  }

  /** Sampling and overturn rates per day and in total over the last `days` days, for the supervisors' dashboard. */
  async stats(days = 30): Promise<{
    from: string;
    to: string;
    settings: { share: number; minPerDay: number };
    days: Array<{ day: string; population: number; sampled: number; reviewed: number; overturned: number }>;
    totals: { population: number; sampled: number; reviewed: number; overturned: number; pending: number; samplingRate: number | null; overturnRate: number | null };
  }> {
    if (!Number.isInteger(days) || days < 1 || days > 366) throw new InvalidInputError('invalid_days', 'days must be a whole number from 1 to 366');
    const today = civilDateOf(this.clock.now(), this.config.timeZone);
    const from = formatCivilDate(addDays(today, -days));
    const to = formatCivilDate(addDays(today, -1));
    const rows = (await this.db.query(
      `SELECT s.day::text AS day, s.population, s.sampled,
              count(r.id) FILTER (WHERE r.status <> 'pending')::int AS reviewed,
              count(r.id) FILTER (WHERE r.status = 'overturned')::int AS overturned,
              count(r.id) FILTER (WHERE r.status = 'pending')::int AS pending
         FROM classification_samples s LEFT JOIN classification_reviews r ON r.day = s.day
        WHERE s.day BETWEEN $1::date AND $2::date
        GROUP BY s.day ORDER BY s.day`,
      [from, to],
    )) as Array<{ day: string; population: number; sampled: number; reviewed: number; overturned: number; pending: number }>;
    const sum = (key: 'population' | 'sampled' | 'reviewed' | 'overturned' | 'pending') => rows.reduce((n, r) => n + Number(r[key]), 0);
    const totals = { population: sum('population'), sampled: sum('sampled'), reviewed: sum('reviewed'), overturned: sum('overturned'), pending: sum('pending') };
    return {
      from,
      to,
      settings: this.config.triage.review,
      days: rows.map(({ pending: _pending, ...day }) => day),
      totals: { ...totals, ...reviewRates(totals) },
    };
  }

  private async decide(
    principal: StaffPrincipal,
    reviewId: string,
    status: Exclude<ReviewStatus, 'pending'>,
    reason: string | undefined,
    apply: (em: EntityManager, review: { messageId: string; modelKind: ClassificationKind }) => Promise<void>,
  ): Promise<ClassificationReview> {
    if (!isUuid(reviewId)) throw new NotFoundError('review_not_found', 'No such review');
    await this.unitOfWork.run(async (em) => {
      const [review] = (await em.query(`SELECT id, message_id, model_kind, status FROM classification_reviews WHERE id = $1 FOR UPDATE`, [reviewId])) as Array<{
        id: string;
        message_id: string;
        model_kind: ClassificationKind;
        status: ReviewStatus;
      }>;
      if (!review) throw new NotFoundError('review_not_found', 'No such review');
      if (review.status !== 'pending') throw new ConflictError('already_reviewed', `This decision was already ${review.status}`);
      await apply(em, { messageId: review.message_id, modelKind: review.model_kind });
      await em.query(`UPDATE classification_reviews SET status = $2, decided_by = $3, decided_at = now(), reason = $4 WHERE id = $1`, [
        reviewId,
        status,
        principal.userId,
        reason?.trim() || null,
      ]);
      const [{ case_id: caseId }] = (await em.query(`SELECT case_id FROM messages WHERE id = $1`, [review.message_id])) as Array<{ case_id: string | null }>;
      await recordAudit(em, {
        caseId,
        actorUserId: principal.userId,
        action: `classification.review.${status}`,
        reason: reason?.trim() || null,
        data: { reviewId, messageId: review.message_id, modelKind: review.model_kind },
      });
    });
    const [row] = (await this.db.query(`${REVIEW_SELECT} WHERE r.id = $1`, [reviewId])) as ReviewRow[];
    return toReview(row);
  }
}

const REVIEW_SELECT = `
  SELECT ${MESSAGE_COLUMNS}, r.id AS review_id, r.day::text AS review_day, r.status AS review_status, r.model_kind,
         r.decided_by, u.name AS decided_by_name, r.decided_at, r.reason AS review_reason, c.reference AS case_reference
    FROM classification_reviews r
    JOIN messages m ON m.id = r.message_id
    LEFT JOIN cases c ON c.id = m.case_id
    LEFT JOIN users u ON u.id = r.decided_by`;

function toReview(row: ReviewRow): ClassificationReview {
  return {
    id: row.review_id,
    day: row.review_day,
    status: row.review_status,
    modelKind: row.model_kind,
    message: { ...toMessageView(row), caseReference: row.case_reference },
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    reason: row.review_reason,
  };
}
