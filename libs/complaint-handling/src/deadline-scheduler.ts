import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeadlineAlertData } from '@inbox/contracts';
import { deadlineProgress, type ClockPause } from '@inbox/compliance';
import { APP_CONFIG, jobLeader, PeriodicJob, ScheduledService, type AppConfig } from '@inbox/platform';
import { loadCaseSummary, OPEN_STATUSES } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { ComplianceRecordRepository, UnitOfWork, type ComplianceAlertColumn } from '@inbox/cases';
import { recordAudit } from './compliance-audit';
import { COMPLIANCE_CLOCK, type ComplianceClock } from './compliance-clock';

/** The session-level advisory lock that makes one process the scheduler's leader. */
export const SCHEDULER_LOCK_ID = 271_00010;
const BATCH = 500;

export interface SweepResult {
  atRisk: number;
  delayPrompts: number;
  breached: number;
  acknowledgementsOverdue: number;
  hardshipConfirmationsOverdue: number;
}

/**
 * Watches every open complaint's deadlines: marks it at risk once
 * AT_RISK_THRESHOLD of the time is used (supervisors get it live), prompts
 * the delay notification DELAY_PROMPT_HOURS before the deadline, and flags
 * breaches — each once per case, as a case event. One process leads at a
 * time (a LeaderLock: an advisory lock on a connection outside the pool); the others
 * stand by and take over when the leader's connection dies.
 */
@Injectable()
export class DeadlineScheduler extends ScheduledService {
  private readonly logger = new Logger(DeadlineScheduler.name);
  protected readonly job: PeriodicJob;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COMPLIANCE_CLOCK) private readonly clock: ComplianceClock,
    private readonly unitOfWork: UnitOfWork,
    private readonly compliance: ComplianceRecordRepository,
  ) {
    super();
    this.job = new PeriodicJob(
      {
        name: 'deadline sweep',
        intervalMs: config.compliance.schedulerIntervalMs,
        logger: this.logger,
        leader: jobLeader(config, SCHEDULER_LOCK_ID, 'deadlines'),
      },
      () => this.sweep(this.clock.now()),
    );
  }

  /** One round: become or stay the leader, then sweep. Rounds never overlap. */
  tick(): Promise<void> {
    return this.job.runOnce();
  }

  /** Checks every open complaint against `now`; each alert is raised once per case. */
  async sweep(now: Date): Promise<SweepResult> {
    const result: SweepResult = { atRisk: 0, delayPrompts: 0, breached: 0, acknowledgementsOverdue: 0, hardshipConfirmationsOverdue: 0 };
    const rows = (await this.db.query(
      `SELECT c.id, c.received_at, c.respond_by, c.acknowledge_by, c.acknowledged_at,
              cc.at_risk_at, cc.delay_prompted_at, cc.breached_at, cc.acknowledgement_overdue_at, cc.delay_notice_at,
              COALESCE((SELECT json_agg(json_build_object('reason', p.reason, 'startedAt', p.started_at, 'endedAt', p.ended_at))
                          FROM compliance_pauses p WHERE p.case_id = c.id), '[]') AS pauses
         FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id
        WHERE c.kind = 'complaint' AND c.status = ANY($1) AND c.respond_by IS NOT NULL
          AND (cc.breached_at IS NULL OR (c.acknowledged_at IS NULL AND cc.acknowledgement_overdue_at IS NULL))
          -- A notice sent in time settles the IDR deadline: once past it, only an unsent acknowledgement is left to watch.
          AND NOT (cc.delay_notice_at IS NOT NULL AND cc.delay_notice_at <= c.respond_by AND c.respond_by < $3
                   AND (c.acknowledged_at IS NOT NULL OR cc.acknowledgement_overdue_at IS NOT NULL))
        ORDER BY c.respond_by LIMIT $2`,
      [OPEN_STATUSES, BATCH, now],
    )) as Array<{
      id: string;
      received_at: Date;
      respond_by: Date;
      acknowledge_by: Date | null;
      acknowledged_at: Date | null;
      at_risk_at: Date | null;
      delay_prompted_at: Date | null;
      breached_at: Date | null;
      acknowledgement_overdue_at: Date | null;
      delay_notice_at: Date | null;
      pauses: Array<{ reason: ClockPause['reason']; startedAt: string; endedAt: string | null }>;
    }>;
    const delayPromptMs = this.config.compliance.delayPromptHours * 3600_000;
    for (const row of rows) {
      const pauses = row.pauses.map((p) => ({ reason: p.reason, startedAt: new Date(p.startedAt), endedAt: p.endedAt ? new Date(p.endedAt) : null }));
      const progress = deadlineProgress({
        clockStartedAt: row.received_at,
        due: row.respond_by,
        now,
        pauses,
        atRiskThreshold: this.config.compliance.atRiskThreshold,
        delayNoticeAt: row.delay_notice_at,
      });
      const alerts: Array<{ column: ComplianceAlertColumn; type: 'deadline.at_risk' | 'deadline.delay_prompt' | 'deadline.breached'; data: DeadlineAlertData }> = [];
      const base = { dueAt: progress.dueAt.toISOString(), fractionUsed: Math.round(progress.fractionUsed * 1000) / 1000, at: now.toISOString() };
      if (!row.at_risk_at && progress.state !== 'on_track') {
        alerts.push({ column: 'at_risk_at', type: 'deadline.at_risk', data: { ...base, deadline: 'idr_response', escalatedTo: 'supervisors' } });
      }
      const past = progress.state === 'breached' || progress.state === 'delay_notified';
      if (!row.delay_prompted_at && !row.delay_notice_at && !past && now.getTime() >= progress.dueAt.getTime() - delayPromptMs) {
        alerts.push({ column: 'delay_prompted_at', type: 'deadline.delay_prompt', data: { ...base, deadline: 'idr_response', action: 'send_delay_notice_before_deadline' } });
      }
      // Past the deadline after a delay notification sent in time is not a breach (RG 271.64).
      if (!row.breached_at && progress.state === 'breached') {
        alerts.push({ column: 'breached_at', type: 'deadline.breached', data: { ...base, deadline: 'idr_response' } });
      }
      if (!row.acknowledged_at && !row.acknowledgement_overdue_at && row.acknowledge_by && now > row.acknowledge_by) {
        alerts.push({ column: 'acknowledgement_overdue_at', type: 'deadline.breached', data: { dueAt: row.acknowledge_by.toISOString(), at: now.toISOString(), deadline: 'acknowledgement' } });
      }
      if (alerts.length === 0) continue;
      await this.raise(row.id, now, alerts);
      for (const a of alerts) {
        if (a.column === 'at_risk_at') result.atRisk += 1;
        else if (a.column === 'delay_prompted_at') result.delayPrompts += 1;
        else if (a.column === 'breached_at') result.breached += 1;
        else result.acknowledgementsOverdue += 1;
      }
    }
    result.hardshipConfirmationsOverdue = await this.hardshipConfirmationsOverdue(now);
    if (rows.length > 0 || result.hardshipConfirmationsOverdue > 0) this.unitOfWork.publish();
    return result;
  }

  /** A hardship agreement not confirmed in writing within 30 days is flagged once, whatever the case's status (RG 271.99). */
  private async hardshipConfirmationsOverdue(now: Date): Promise<number> {
    const rows = await this.compliance.unconfirmedHardshipAgreementsDueBefore(now, BATCH);
    for (const row of rows) {
      await this.raise(row.case_id, now, [
        {
          column: 'hardship_agreement_overdue_at',
          type: 'deadline.breached',
          data: { deadline: 'hardship_agreement_confirmation', dueAt: row.hardship_agreement_confirm_by.toISOString(), at: now.toISOString(), paragraph: 'RG 271.99' },
        },
      ]);
    }
    return rows.length;
  }

  private async raise(caseId: string, now: Date, alerts: Array<{ column: ComplianceAlertColumn; type: 'deadline.at_risk' | 'deadline.delay_prompt' | 'deadline.breached'; data: DeadlineAlertData }>): Promise<void> {
    await this.db.transaction(async (em) => {
      const locked = await this.compliance.lockAlerts(em, caseId);
      const summary = (await loadCaseSummary(em, caseId))!;
      for (const alert of alerts) {
        // A previous leader may have raised it just before dying: the row lock and this check keep it once.
        if (locked[alert.column]) continue;
        await this.compliance.stampAlert(em, caseId, alert.column, now);
        await recordAudit(em, { caseId, action: alert.type, data: alert.data });
        await writeCaseEvent(em, { type: alert.type, summary, data: alert.data });
      }
    });
  }
}
