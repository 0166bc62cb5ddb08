import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { AutomationRulesService } from './automation-rules.service';
import { openCaseFacts } from './case-facts';
import { FirmCalendar } from './firm-calendar';
import { causeOf, conditionsHold, mayStartRule, ruleEventsOf } from './rule-match';
import { RuleRunner } from './rule-runner';

/**
 * Starts the event rules from case events, in a consumer group of its own (`automation`), so one process
 * acts on each event. A rule runs once per event (its sequence number is the run key). The bus hands one
 * case's events to this group one at a time, in order, so the events a run's actions write reach it only after
 * the run has recorded them — and the rule that wrote them is not started by them (mayStartRule).
 */
@Injectable()
export class AutomationEventsConsumer implements OnModuleInit {
  private readonly logger = new Logger(AutomationEventsConsumer.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: AutomationRulesService,
    private readonly firm: FirmCalendar,
    private readonly runner: RuleRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.caseEvents, { group: 'automation' }, async ({ value: event }) => {
      await this.handle(event);
    });
  }

  /** The rules the event started, by id. */
  async handle(event: CaseEvent): Promise<string[]> {
    const happened = ruleEventsOf(event);
    if (happened.length === 0) return [];
    const rules = (await this.rules.enabled('event')).filter((r) => r.trigger.type === 'event' && happened.includes(r.trigger.event));
    if (rules.length === 0) return [];
    const writers = (await this.db.query(`SELECT rule_id FROM rule_runs WHERE event_seqs @> ARRAY[$1]::bigint[]`, [event.seq])) as Array<{ rule_id: string }>;
    const writtenByRuns = new Map([[event.seq, new Set(writers.map((w) => w.rule_id))]]);
    // Business hours are judged when the message came (or the event happened), not when it is handled.
    const at = new Date(event.message?.direction === 'inbound' ? event.message.receivedAt : event.at);
    const facts = (await openCaseFacts(this.db, [event.caseId], await this.firm.calendar(), at)).get(event.caseId);
    if (!facts) return [];
    const started: string[] = [];
    for (const rule of rules) {
      if (!mayStartRule(rule.id, event.seq, writtenByRuns) || !conditionsHold(rule.conditions, facts)) continue;
      const results = await this.runner.run(rule, event.caseId, `event:${event.seq}`, causeOf(rule.trigger));
      if (results) {
        started.push(rule.id);
        this.logger.debug({ msg: 'rule ran', ruleId: rule.id, caseId: event.caseId });
      }
    }
    return started;
  }
}
