import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, type AutomationRule, type RuleAction, type RuleActionResult } from '@inbox/contracts';
import { loadCaseSummary } from '@inbox/cases';
import { CaseActionRunner } from '../actions/case-action-runner';
import { CaseEscalationService } from '../actions/case-escalation.service';
import { CasePriorityService } from '../actions/case-priority.service';
import { CaseTagsService } from '../actions/case-tags.service';
import { CaseTransferService } from '../actions/case-transfer.service';
import { placeholderValues, renderTemplate } from '../canned/canned-placeholders';
import { ReplyService } from '../reply.service';

type Notify = { userIds?: string[]; teamId?: string; message: string };
type Applied = { result: RuleActionResult; seq?: number; notify?: Notify };

/**
 * Runs one rule on one case, once per (rule, case, run key): the run is claimed by its unique key first, so
 * a redelivered event, a second scheduler or a rule edited since never runs it twice for one cause. Each
 * action goes through the case's own action service as the inbox itself (no staff actor), so it is checked
 * and written to the case's events like an agent's; one action refused (a closed case, a tag already on it)
 * does not stop the others. The run ends with its own case event (`rule.ran`): the timeline shows it, the
 * notification centre turns its notify actions into notifications, and the run keeps the sequence numbers of
 * the events its actions wrote, so the rule never starts on them.
 */
@Injectable()
export class RuleRunner {
  private readonly logger = new Logger(RuleRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly actions: CaseActionRunner,
    private readonly tags: CaseTagsService,
    private readonly transfers: CaseTransferService,
    private readonly escalations: CaseEscalationService,
    private readonly priorities: CasePriorityService,
    private readonly replies: ReplyService,
  ) {}

  /** The run's results, or null when the rule had already run on the case for this key. */
  async run(rule: AutomationRule, caseId: string, runKey: string, cause: string): Promise<RuleActionResult[] | null> {
    const [claimed] = (await this.db.query(
      `INSERT INTO rule_runs (rule_id, case_id, run_key, cause) VALUES ($1, $2, $3, $4) ON CONFLICT (rule_id, case_id, run_key) DO NOTHING RETURNING id`,
      [rule.id, caseId, runKey, cause],
    )) as Array<{ id: string }>;
    if (!claimed) return null;
    const applied: Applied[] = [];
    for (const action of rule.actions) applied.push(await this.applySafely(rule, caseId, action));
    const results = applied.map((a) => a.result);
    const notify = applied.flatMap((a) => (a.notify ? [a.notify] : []));
    await this.actions.run(null, caseId, async (em) => {
      await em.query(`UPDATE rule_runs SET results = $2, event_seqs = $3, finished_at = now() WHERE id = $1`, [claimed.id, JSON.stringify(results), applied.flatMap((a) => (a.seq ? [a.seq] : []))]);
      return { type: 'rule.ran', data: { ruleId: rule.id, ruleName: rule.name, runId: claimed.id, cause, results, ...(notify.length ? { notify } : {}) } };
    });
    return results;
  }

  private async applySafely(rule: AutomationRule, caseId: string, action: RuleAction): Promise<Applied> {
    try {
      return await this.apply(rule, caseId, action);
    } catch (error) {
      if (error instanceof DomainError) {
        return { result: { action: action.type, result: error.kind === 'conflict' ? 'skipped' : 'failed', detail: error.message } };
      }
      this.logger.warn({ msg: 'rule action failed', ruleId: rule.id, caseId, action: action.type, err: error });
      return { result: { action: action.type, result: 'failed', detail: 'an unexpected error (see the server log)' } };
    }
  }

  private async apply(rule: AutomationRule, caseId: string, action: RuleAction): Promise<Applied> {
    const because = `Rule “${rule.name}”`;
    switch (action.type) {
      case 'add_tag': {
        const { event } = await this.tags.tagWithEvent(null, caseId, { name: action.tag });
        return { result: { action: action.type, result: 'done', detail: event.data!.tag.name }, seq: event.seq };
      }
      case 'assign': {
        const { event } = await this.transfers.transfer(null, caseId, { teamId: action.teamId, assigneeId: action.assigneeId, reason: because });
        return { result: { action: action.type, result: 'done', detail: event.data?.assigneeName ?? (await this.teamName(action.teamId)) ?? undefined }, seq: event.seq };
      }
      case 'escalate': {
        const { event } = await this.escalations.escalate(null, caseId, { to: 'supervisors', reason: action.reason });
        return { result: { action: action.type, result: 'done', detail: 'to supervisors' }, seq: event.seq };
      }
      case 'set_priority': {
        const { event } = await this.priorities.setPriority(null, caseId, action.priority, because);
        return { result: { action: action.type, result: 'done', detail: `P${action.priority}` }, seq: event.seq };
      }
      case 'send_reply': {
        const summary = (await loadCaseSummary(this.db, caseId))!;
        const text = renderTemplate(action.text, placeholderValues({ customerName: summary.customerName, caseReference: summary.reference, agentName: 'the team' }));
        // Written by no one: not the case's first response, and a new case stays new until someone looks at it.
        const message = await this.replies.reply(null, caseId, { text }, { respondsToCase: false });
        return { result: { action: action.type, result: 'done', detail: `on ${message.channel}` } };
      }
      case 'notify': {
        const to = action.userId ? await this.userName(action.userId) : await this.teamName(action.teamId);
        const notify: Notify = action.userId ? { userIds: [action.userId], message: action.message } : { teamId: action.teamId!, message: action.message };
        return { result: { action: action.type, result: 'done', detail: to ? `to ${to}` : undefined }, notify };
      }
    }
  }

  private async teamName(teamId: string | undefined): Promise<string | null> {
    if (!teamId) return null;
    const [row] = (await this.db.query(`SELECT name FROM teams WHERE id = $1`, [teamId])) as Array<{ name: string }>;
    return row?.name ?? null;
  }

  private async userName(userId: string): Promise<string | null> {
    const [row] = (await this.db.query(`SELECT name FROM users WHERE id = $1`, [userId])) as Array<{ name: string }>;
    return row?.name ?? null;
  }
}
