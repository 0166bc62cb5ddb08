import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RetentionItem, RetentionPreview } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { nextRetentionRun, retentionCutoffs, type RetentionCutoffs, type RetentionKind } from '@inbox/privacy';
import { recordAudit } from '@inbox/complaint-handling';
import { rowCount, scrubPersonalContent } from './personal-content.scrubber';
import { CustomerErasureService } from './customer-erasure.service';

const CLOSED = `c.status IN ('resolved', 'closed')`;
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.customer_id = c.customer_id AND h.lifted_at IS NULL)`;

/**
 * The firm's retention periods applied (docs/personal-data.md): past its
 * period a record's personal content is erased the way an erasure request
 * erases it (the row, its dates and kind stay for the statistics and the
 * register); attachment files and operational logs are deleted. Customers
 * under a legal hold are skipped. `preview` answers "what would be deleted
 * tonight" with the same queries `run` uses.
 */
@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly erasure: CustomerErasureService,
  ) {}

  /** What the sweep would remove at `at`: by default its next run, tonight. */
  async preview(at = nextRetentionRun(new Date(), this.config.timeZone, this.config.privacy.runHour)): Promise<RetentionPreview> {
    const cutoffs = retentionCutoffs(this.config.privacy.retention, at);
    const items: RetentionItem[] = [];
    for (const kind of KINDS) {
      const cutoff = cutoffs[kind];
      const { count, sample } = cutoff ? await this.due(this.db.manager, kind, cutoff, true) : { count: 0, sample: [] };
      items.push({ kind, what: WHAT[kind], period: this.period(kind), cutoff: cutoff?.toISOString() ?? null, count, sample });
    }
    const [{ holds }] = (await this.db.query(`SELECT count(DISTINCT customer_id)::int AS holds FROM legal_holds WHERE lifted_at IS NULL`)) as Array<{ holds: number }>;
    return { at: at.toISOString(), items, legalHolds: holds };
  }

  /** One sweep at `at`: each kind past its period, then the erasure requests whose holds have ended. Audited with the counts. */
  async run(at: Date, actorUserId: string | null = null): Promise<Record<RetentionKind, number> & { resumedErasures: number }> {
    const cutoffs: RetentionCutoffs = retentionCutoffs(this.config.privacy.retention, at);
    const done = await this.db.transaction(async (em) => {
      const counts = {} as Record<RetentionKind, number>;
      for (const kind of KINDS) {
        const cutoff = cutoffs[kind];
        counts[kind] = cutoff ? (await this.due(em, kind, cutoff, false)).count : 0;
      }
      return counts;
    });
    const resumed = await this.erasure.resumeHeld(at, actorUserId);
    const summary = { ...done, resumedErasures: resumed.length };
    await recordAudit(this.db, {
      actorUserId,
      action: 'retention.run',
      reason: actorUserId ? 'run by an administrator' : 'nightly retention sweep',
      data: { at: at.toISOString(), periods: { ...this.config.privacy.retention }, counts: summary },
    });
    return summary;
  }

  /** The records of one kind past `cutoff`: counted (preview) or erased (run). */
  private async due(em: EntityManager, kind: RetentionKind, cutoff: Date, countOnly: boolean): Promise<{ count: number; sample: string[] }> {
    switch (kind) {
      case 'noiseDays': {
        const cases = await this.cases(em, `c.kind = 'noise' AND c.last_message_at < $1`, cutoff);
        const loose = (await em.query(
          `SELECT m.id FROM messages m WHERE m.case_id IS NULL AND m.erased_at IS NULL AND m.received_at < $1
              AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.customer_id = m.customer_id AND h.lifted_at IS NULL)`,
          [cutoff],
        )) as Array<{ id: string }>;
        if (!countOnly) await scrubPersonalContent(em, { caseIds: cases.map((c) => c.id), looseMessageIds: loose.map((m) => m.id), customerTerms: [], why: 'retention:noise' });
        return { count: cases.length + loose.length, sample: cases.slice(0, 20).map((c) => c.reference) };
      }
      case 'enquiryMonths':
      case 'complaintYears': {
        const kinds = kind === 'complaintYears' ? `c.kind = 'complaint'` : `c.kind IN ('enquiry', 'compliment')`;
        const cases = await this.cases(em, `${kinds} AND ${CLOSED} AND COALESCE(c.closed_at, c.resolved_at) < $1`, cutoff);
        if (!countOnly) await scrubPersonalContent(em, { caseIds: cases.map((c) => c.id), customerTerms: [], why: `retention:${kind}` });
        return { count: cases.length, sample: cases.slice(0, 20).map((c) => c.reference) };
      }
      case 'attachmentMonths': {
        const scope = `FROM attachment_contents a JOIN messages m ON m.id = a.message_id LEFT JOIN cases c ON c.id = m.case_id
          WHERE m.received_at < $1 AND (c.id IS NULL OR (${CLOSED} AND COALESCE(c.closed_at, c.resolved_at) < $1))
            AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.customer_id = m.customer_id AND h.lifted_at IS NULL)`;
        if (countOnly) return { count: ((await em.query(`SELECT count(*)::int AS n ${scope}`, [cutoff])) as Array<{ n: number }>)[0]!.n, sample: [] };
        return { count: rowCount(await em.query(`DELETE FROM attachment_contents WHERE id IN (SELECT a.id ${scope})`, [cutoff])), sample: [] };
      }
      case 'logDays': {
        const tables = [
          ['dead_letters', 'created_at'],
          ['mailbox_import_attempts', 'updated_at'],
          ['contact_verifications', 'created_at'],
        ] as const;
        let count = 0;
        for (const [table, column] of tables) {
          count += countOnly
            ? ((await em.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} < $1`, [cutoff])) as Array<{ n: number }>)[0]!.n
            : rowCount(await em.query(`DELETE FROM ${table} WHERE ${column} < $1`, [cutoff]));
        }
        return { count, sample: [] };
      }
      default: {
        const unknown: never = kind;
        throw new Error(`unknown retention kind ${String(unknown)}`);
      }
    }
  }

  private async cases(em: EntityManager, condition: string, cutoff: Date): Promise<Array<{ id: string; reference: string }>> {
    return (await em.query(`SELECT c.id, c.reference FROM cases c WHERE c.erased_at IS NULL AND ${NOT_HELD} AND ${condition} ORDER BY c.received_at`, [cutoff])) as Array<{
      id: string;
      reference: string;
    }>;
  }

  private period(kind: RetentionKind): string {
    const value = this.config.privacy.retention[kind];
    if (value === 0) return 'kept';
    const unit = kind.endsWith('Days') ? 'day' : kind.endsWith('Months') ? 'month' : 'year';
    return `${value} ${unit}${value === 1 ? '' : 's'}`;
  }
}

const KINDS: RetentionKind[] = ['noiseDays', 'enquiryMonths', 'complaintYears', 'attachmentMonths', 'logDays'];

const WHAT: Record<RetentionKind, string> = {
  noiseDays: 'Noise (thanks, auto-replies, spam): message content',
  enquiryMonths: 'Closed enquiries and compliments: message content, notes, files',
  complaintYears: 'Closed complaints: message content, notes, files (the register row stays)',
  attachmentMonths: 'Attachment files of closed cases',
  logDays: 'Operational logs: dead letters, mail import attempts, contact verifications',
};
