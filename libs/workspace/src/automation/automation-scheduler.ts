import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AutomationRule, RuleTrigger } from '@inbox/contracts';
import { APP_CONFIG, jobLeader, PeriodicJob, ScheduledService, type AppConfig } from '@inbox/platform';
import { OPEN_STATUSES } from '@inbox/cases';
import { AutomationRulesService } from './automation-rules.service';
import { CASE_FACTS_COLUMNS, factsOf, type CaseFactsRow } from './case-facts';
import { FirmCalendar } from './firm-calendar';
import { causeOf, conditionsHold, timeConditionDueAt } from './rule-match';
import { RuleRunner } from './rule-runner';

/** The session-level advisory lock that makes one process the leader of the time rules. */
export const AUTOMATION_LOCK_ID = 271_00030;
const BATCH = 500;

type TimeTrigger = Extract<RuleTrigger, { type: 'time' }>;

/**
 * Since when each condition has held on an open case, and the run key that names that stretch, so a rule fires
 * once per stretch and its own actions never start a new one:
 * - unassigned: since the case was last seen with an assignee (an event whose case had one), else since it
 *   opened; a rule that escalates or moves the case does not restart it;
 * - no customer reply: since our first message after the customer's last one, named by that last message, so
 *   a reminder a rule sends does not restart it; the customer writing does;
 * - no agent reply: since the customer's first message after the last reply a staff member wrote (automatic
 *   messages are no agent's reply), named by that message.
 */
const SINCE: Record<TimeTrigger['condition'], string> = {
  unassigned: `SELECT ${CASE_FACTS_COLUMNS}, s.since, 'unassigned:' || floor(extract(epoch FROM s.since) * 1000)::bigint AS run_key
      FROM cases c CROSS JOIN LATERAL (SELECT GREATEST(c.created_at,
             COALESCE((SELECT max(e.created_at) FROM case_events e WHERE e.case_id = c.id AND e.payload->'case'->>'assigneeId' IS NOT NULL), c.created_at)) AS since) s
     WHERE c.status = ANY($1) AND c.assignee_id IS NULL`,
  no_customer_reply: `SELECT ${CASE_FACTS_COLUMNS}, o.since, 'no_customer_reply:' || COALESCE(i.last_id::text, 'none') AS run_key
      FROM cases c
      LEFT JOIN LATERAL (SELECT id AS last_id, received_at AS last_at FROM messages WHERE case_id = c.id AND direction = 'inbound' ORDER BY received_at DESC LIMIT 1) i ON true
      JOIN LATERAL (SELECT min(received_at) AS since FROM messages WHERE case_id = c.id AND direction = 'outbound' AND (i.last_at IS NULL OR received_at > i.last_at)) o ON o.since IS NOT NULL
     WHERE c.status = ANY($1)`,
  no_agent_reply: `SELECT ${CASE_FACTS_COLUMNS}, i.since, 'no_agent_reply:' || i.first_id AS run_key
      FROM cases c
      LEFT JOIN LATERAL (SELECT max(received_at) AS last_at FROM messages WHERE case_id = c.id AND direction = 'outbound' AND author_user_id IS NOT NULL) o ON true
      JOIN LATERAL (SELECT id AS first_id, received_at AS since FROM messages WHERE case_id = c.id AND direction = 'inbound' AND (o.last_at IS NULL OR received_at > o.last_at)
                     ORDER BY received_at LIMIT 1) i ON true
     WHERE c.status = ANY($1)`,
};

/** The least wall-clock time the condition needs (business time is never shorter), to read only cases that may be due. */
function leastWait(trigger: TimeTrigger): number {
  if (trigger.unit === 'days') return trigger.amount * 86_400_000;
  if (trigger.unit === 'business_days') return 0;
  return trigger.amount * 3600_000;
}

/**
 * Runs the time rules: every round, each enabled time rule's cases whose condition has held long enough (in
 * wall-clock or the team's business time) and whose conditions hold now. One process leads (a LeaderLock, like
 * the RG 271 deadline scheduler) at the deadline sweep's interval; each (rule, case, stretch) runs once.
 */
@Injectable()
export class AutomationScheduler extends ScheduledService {
  private readonly logger = new Logger(AutomationScheduler.name);
  protected readonly job: PeriodicJob;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly rules: AutomationRulesService,
    private readonly firm: FirmCalendar,
    private readonly runner: RuleRunner,
  ) {
    super();
    this.job = new PeriodicJob(
      {
        name: 'time rules',
        intervalMs: config.compliance.schedulerIntervalMs,
        logger: this.logger,
        leader: jobLeader(config, AUTOMATION_LOCK_ID, 'automation'),
      },
      () => this.sweep(new Date()),
    );
  }

  /** One round as the leader, with a given time (tests drive the clock through it). */
  tick(now: Date = new Date()): Promise<void> {
    return this.job.runOnce(() => this.sweep(now));
  }

  /** Runs every time rule that is due at `now`; returns how many runs it made. */
  async sweep(now: Date): Promise<number> {
    let runs = 0;
    for (const rule of await this.rules.enabled('time')) runs += await this.sweepRule(rule, now);
    return runs;
  }

  private async sweepRule(rule: AutomationRule, now: Date): Promise<number> {
    const trigger = rule.trigger as TimeTrigger;
    const rows = (await this.db.query(
      `SELECT * FROM (${SINCE[trigger.condition]}) due
        WHERE due.since <= $2::timestamptz - make_interval(secs => $3::double precision / 1000)
          AND NOT EXISTS (SELECT 1 FROM rule_runs r WHERE r.rule_id = $4 AND r.case_id = due.id AND r.run_key = due.run_key)
        ORDER BY due.since LIMIT $5`,
      [OPEN_STATUSES, now, leastWait(trigger), rule.id, BATCH],
    )) as Array<CaseFactsRow & { since: Date; run_key: string }>;
    if (rows.length === 0) return 0;
    const calendar = await this.firm.calendar();
    let runs = 0;
    for (const row of rows) {
      const due = timeConditionDueAt(trigger, row.since, row.weekly, calendar);
      if (!due || due > now || !conditionsHold(rule.conditions, factsOf(row, calendar, now))) continue;
      if (await this.runner.run(rule, row.id, row.run_key, causeOf(trigger))) runs += 1;
    }
    return runs;
  }
}
