import type { Channel } from './channels';
import type { ClassificationKind } from './case-events';
import type { FieldCondition } from './custom-fields';

/** The days of a team's week, Sunday first (as Date.getDay counts them). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * One opening of a day, in the firm's local time, `HH:MM`. A `close` at or before `open` runs past midnight
 * into the next day (22:00–06:00); `24:00` closes at midnight.
 */
export interface OpeningInterval {
  open: string;
  close: string;
}

/** A team's opening hours, week by week; a day with no interval is closed. Public holidays close every day. */
export type WeeklyHours = Record<Weekday, OpeningInterval[]>;

/** A team's business hours as admins set them (PUT /api/business-hours/:teamId). */
export interface TeamBusinessHours {
  teamId: string;
  teamName: string;
  /** Null: the team has no hours set, so it is never "out of hours". */
  weekly: WeeklyHours | null;
  /** Whether a message that is not a complaint, arriving while the team is closed, gets the automatic out-of-hours reply. */
  outOfHoursReply: boolean;
  /** When the team is open right now (null without hours). */
  openNow: boolean | null;
  updatedAt: string | null;
}

/** What happens to a case that can start a rule (`field.changed`: a case field was set or cleared). */
export const RULE_EVENTS = ['message.received', 'case.created', 'tag.added', 'classification.changed', 'deadline.at_risk', 'field.changed'] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

/** Time passing on a case: unassigned, the customer silent since our last reply, or the customer waiting for ours. */
export const RULE_TIME_CONDITIONS = ['unassigned', 'no_customer_reply', 'no_agent_reply'] as const;
export type RuleTimeCondition = (typeof RULE_TIME_CONDITIONS)[number];

export const RULE_TIME_UNITS = ['hours', 'days', 'business_hours', 'business_days'] as const;
export type RuleTimeUnit = (typeof RULE_TIME_UNITS)[number];

export type RuleTrigger = { type: 'event'; event: RuleEvent } | { type: 'time'; condition: RuleTimeCondition; amount: number; unit: RuleTimeUnit };

/** Conditions that must all hold (a list: any one of its values); an absent condition holds for every case. */
export interface RuleConditions {
  channels?: Channel[];
  teamIds?: string[];
  /** Tag names the case must all carry (compared without case). */
  tags?: string[];
  kinds?: ClassificationKind[];
  /** Within or outside the case team's business hours, at the moment the rule is checked. */
  businessHours?: 'within' | 'outside';
  /** Case fields whose current values must all match, as the queue's field conditions do (a case without the value does not). */
  fields?: FieldCondition[];
}

export const RULE_ACTION_TYPES = ['assign', 'add_tag', 'notify', 'escalate', 'send_reply', 'set_priority'] as const;
export type RuleActionType = (typeof RULE_ACTION_TYPES)[number];

export type RuleAction =
  | { type: 'assign'; teamId?: string; assigneeId?: string }
  | { type: 'add_tag'; tag: string }
  | { type: 'notify'; userId?: string; teamId?: string; message: string }
  | { type: 'escalate'; reason: string }
  /** A reply to the customer on the case's channel; `{{customer.name}}`, `{{case.reference}}` and the other canned placeholders are filled. */
  | { type: 'send_reply'; text: string }
  /** 1 is the most urgent, 5 the least; 3 is every case's default. */
  | { type: 'set_priority'; priority: number };

export interface AutomationRule {
  id: string;
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  conditions: RuleConditions;
  actions: RuleAction[];
  createdAt: string;
  updatedAt: string;
}

/** What one action of a run did: done, skipped (nothing to do, e.g. already tagged) or failed, with why. */
export interface RuleActionResult {
  action: RuleActionType;
  result: 'done' | 'skipped' | 'failed';
  detail?: string;
}

/** One firing of a rule on a case, as the rule log lists it. */
export interface RuleRun {
  id: string;
  ruleId: string;
  caseId: string;
  caseReference: string;
  ranAt: string;
  /** False while its actions run, or when the process stopped mid-run (it is not run again). */
  finished: boolean;
  /** What fired it: the event, or the time condition met. */
  cause: string;
  results: RuleActionResult[];
}

export const CASE_PRIORITIES = [1, 2, 3, 4, 5] as const;
export const DEFAULT_CASE_PRIORITY = 3;
