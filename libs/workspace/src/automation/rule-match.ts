import type { BusinessCalendar } from '@inbox/compliance';
import {
  CASE_PRIORITIES,
  checkFieldCondition,
  fieldValueFor,
  isEqualsCondition,
  matchesFieldConditions,
  CHANNELS,
  CLASSIFICATION_KINDS,
  InvalidInputError,
  RULE_EVENTS,
  RULE_TIME_CONDITIONS,
  RULE_TIME_UNITS,
  type CaseEvent,
  type Channel,
  type ClassificationKind,
  type CustomFieldDefinition,
  type CustomFieldValues,
  type FieldCondition,
  type RuleAction,
  type RuleConditions,
  type RuleEvent,
  type RuleTimeCondition,
  type RuleTimeUnit,
  type RuleTrigger,
  type WeeklyHours,
} from '@inbox/contracts';
import { addBusinessHours, endOfBusinessDays, WORKING_WEEK } from './business-hours';

/** What a rule's conditions are checked against: the case as it is when the rule is considered. */
export interface CaseFacts {
  channel: Channel;
  teamId: string | null;
  kind: ClassificationKind | null;
  tags: string[];
  /** Whether the case's team is open now; null when the team keeps no hours (then it is never "outside"). */
  withinBusinessHours: boolean | null;
  /** The case's current custom field values by field id. */
  fields: CustomFieldValues;
}

/** The rule events a case event is (intake writes a new case's first message as its own `message.created` too). */
export function ruleEventsOf(event: Pick<CaseEvent, 'type' | 'message'>): RuleEvent[] {
  switch (event.type) {
    case 'case.created':
      return ['case.created'];
    case 'message.created':
      return event.message?.direction === 'inbound' ? ['message.received'] : [];
    case 'case.tagged':
      return ['tag.added'];
    case 'classification.corrected':
      return ['classification.changed'];
    case 'deadline.at_risk':
      return ['deadline.at_risk'];
    case 'case.field_set':
      return ['field.changed'];
    default:
      return [];
  }
}

/** Whether every condition holds; a list condition holds when the case has any one of its values (tags: all of them). */
export function conditionsHold(conditions: RuleConditions, facts: CaseFacts): boolean {
  if (conditions.channels?.length && !conditions.channels.includes(facts.channel)) return false;
  if (conditions.teamIds?.length && !(facts.teamId && conditions.teamIds.includes(facts.teamId))) return false;
  if (conditions.kinds?.length && !(facts.kind && conditions.kinds.includes(facts.kind))) return false;
  if (conditions.tags?.length) {
    const carried = new Set(facts.tags.map((t) => t.toLowerCase()));
    if (!conditions.tags.every((t) => carried.has(t.toLowerCase()))) return false;
  }
  if (conditions.businessHours === 'outside' && facts.withinBusinessHours !== false) return false;
  if (conditions.businessHours === 'within' && facts.withinBusinessHours === false) return false;
  return matchesFieldConditions(facts.fields, conditions.fields);
}

/**
 * When a time condition that began at `since` is met: wall-clock hours or days, or the team's open time
 * (business hours; business days end at the close of the Nth open day). A team that keeps no hours counts
 * every hour as a business hour and Monday to Friday as its business days. Null: never (a team never open).
 */
export function timeConditionDueAt(trigger: Extract<RuleTrigger, { type: 'time' }>, since: Date, hours: WeeklyHours | null, calendar: BusinessCalendar): Date | null {
  switch (trigger.unit) {
    case 'hours':
      return new Date(since.getTime() + trigger.amount * 3600_000);
    case 'days':
      return new Date(since.getTime() + trigger.amount * 86_400_000);
    case 'business_hours':
      return hours ? addBusinessHours(hours, calendar, since, trigger.amount) : new Date(since.getTime() + trigger.amount * 3600_000);
    case 'business_days':
      return endOfBusinessDays(hours ?? WORKING_WEEK, calendar, since, trigger.amount);
  }
}

/**
 * Whether a case event may start a rule: not when the event is one of that rule's own actions (its runs keep
 * the sequence numbers of the events their actions wrote), so a rule never feeds itself. Another rule may
 * react; the actions cannot loop, since none undoes another (a tag already on a case is not added again).
 */
export function mayStartRule(ruleId: string, eventSeq: number, writtenByRuns: ReadonlyMap<number, ReadonlySet<string>>): boolean {
  return !writtenByRuns.get(eventSeq)?.has(ruleId);
}

/** What fired a rule, in words for the timeline and the rule log. */
export function causeOf(trigger: RuleTrigger): string {
  if (trigger.type === 'event') return EVENT_WORDS[trigger.event];
  const unit = trigger.unit.replace('_', ' ');
  const amount = `${trigger.amount} ${trigger.amount === 1 ? unit.replace(/s$/, '') : unit}`;
  return { unassigned: `unassigned for ${amount}`, no_customer_reply: `no customer reply for ${amount}`, no_agent_reply: `no agent reply for ${amount}` }[trigger.condition];
}

const EVENT_WORDS: Record<RuleEvent, string> = {
  'message.received': 'a message came in',
  'case.created': 'the case was opened',
  'tag.added': 'a tag was added',
  'classification.changed': 'the classification changed',
  'deadline.at_risk': 'a deadline is at risk',
  'field.changed': 'a field changed',
};

const MAX_ACTIONS = 10;
const MAX_FIELD_CONDITIONS = 20;
const MAX_TEXT = 2000;

const invalid = (message: string) => new InvalidInputError('invalid_rule', message);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The custom fields a rule's field conditions are checked against. */
export interface RuleFieldContext {
  /** Every defined field, archived and customer ones too, so a refusal can name the field. */
  fields: readonly CustomFieldDefinition[];
  /** Archived fields the rule already had conditions on: an edit may keep them (their values are kept), not add new ones. */
  keptArchived?: ReadonlySet<string>;
}

/** A rule's trigger, conditions and actions as an admin sent them, checked: each refusal says what to fix. */
export function ruleDefinitionOf(
  input: { trigger: unknown; conditions?: unknown; actions: unknown },
  context: RuleFieldContext = { fields: [] },
): { trigger: RuleTrigger; conditions: RuleConditions; actions: RuleAction[] } {
  return { trigger: triggerOf(input.trigger), conditions: conditionsOf(input.conditions ?? {}, context), actions: actionsOf(input.actions) };
}

function triggerOf(raw: unknown): RuleTrigger {
  const t = (raw ?? {}) as Record<string, unknown>;
  if (t.type === 'event') {
    if (!(RULE_EVENTS as readonly unknown[]).includes(t.event)) throw invalid(`The event must be one of ${RULE_EVENTS.join(', ')}`);
    return { type: 'event', event: t.event as RuleEvent };
  }
  if (t.type === 'time') {
    if (!(RULE_TIME_CONDITIONS as readonly unknown[]).includes(t.condition)) throw invalid(`The time condition must be one of ${RULE_TIME_CONDITIONS.join(', ')}`);
    if (!(RULE_TIME_UNITS as readonly unknown[]).includes(t.unit)) throw invalid(`The unit must be one of ${RULE_TIME_UNITS.join(', ')}`);
    const amount = Number(t.amount);
    if (!Number.isFinite(amount) || amount <= 0 || amount > 365 * 24) throw invalid('The time must be a positive number (at most a year’s hours)');
    return { type: 'time', condition: t.condition as RuleTimeCondition, amount, unit: t.unit as RuleTimeUnit };
  }
  throw invalid('A rule starts on an event or when time passes');
}

function listOf<T>(raw: unknown, name: string, allowed?: readonly T[], check?: (v: unknown) => boolean): T[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length > 50) throw invalid(`${name} must be a list`);
  for (const v of raw) {
    if (allowed && !allowed.includes(v as T)) throw invalid(`${name}: “${String(v)}” is not one of ${allowed.join(', ')}`);
    if (check && !check(v)) throw invalid(`${name}: “${String(v)}” is not valid`);
  }
  return raw.length ? (raw as T[]) : undefined;
}

function conditionsOf(raw: unknown, context: RuleFieldContext): RuleConditions {
  const c = (raw ?? {}) as Record<string, unknown>;
  const out: RuleConditions = {};
  const channels = listOf<Channel>(c.channels, 'Channels', CHANNELS);
  const teamIds = listOf<string>(c.teamIds, 'Teams', undefined, (v) => typeof v === 'string' && uuid.test(v));
  const tags = listOf<string>(c.tags, 'Tags', undefined, (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 40);
  const kinds = listOf<ClassificationKind>(c.kinds, 'Kinds', CLASSIFICATION_KINDS);
  if (channels) out.channels = channels;
  if (teamIds) out.teamIds = teamIds;
  if (tags) out.tags = tags.map((t) => t.trim());
  if (kinds) out.kinds = kinds;
  if (c.businessHours !== undefined && c.businessHours !== null && c.businessHours !== '') {
    if (c.businessHours !== 'within' && c.businessHours !== 'outside') throw invalid('Business hours must be “within” or “outside”');
    out.businessHours = c.businessHours;
  }
  const fields = fieldConditionsOf(c.fields, context);
  if (fields) out.fields = fields;
  return out;
}

/**
 * Field conditions checked as the queue checks its own (equals for text and list fields, a range for number and
 * date fields), on live case fields only; a value must be one the field could hold (a list field's option).
 */
function fieldConditionsOf(raw: unknown, context: RuleFieldContext): FieldCondition[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length > MAX_FIELD_CONDITIONS) throw invalid(`Fields must be a list of at most ${MAX_FIELD_CONDITIONS} conditions`);
  const seen = new Set<string>();
  const conditions = raw.map((r: unknown): FieldCondition => {
    const condition = (r ?? {}) as Record<string, unknown>;
    const fieldId = typeof condition.fieldId === 'string' ? condition.fieldId : '';
    const field = context.fields.find((f) => f.id === fieldId);
    if (!field) throw new InvalidInputError('unknown_field', `No case field has the id “${fieldId.slice(0, 40)}”`);
    if (field.appliesTo !== 'case') throw new InvalidInputError('field_not_on_cases', `${field.label} is a customer field; a rule’s conditions are on case fields`);
    if (field.archivedAt && !context.keptArchived?.has(field.id)) throw new InvalidInputError('field_archived', `${field.label} is archived: a rule cannot start to depend on it`);
    if (seen.has(field.id)) throw invalid(`${field.label} has more than one condition`);
    seen.add(field.id);
    const checked = checkFieldCondition(field, condition as FieldCondition);
    if (!isEqualsCondition(checked)) return checked;
    // The matcher compares without case, so a list option is taken in any case and kept as the field spells it.
    const option = field.options.find((o) => o.toLowerCase() === checked.equals.toLowerCase());
    return { fieldId: field.id, equals: String(fieldValueFor(field, option ?? checked.equals)) };
  });
  return conditions.length ? conditions : undefined;
}

function text(v: unknown, what: string): string {
  const s = typeof v === 'string' ? v.replace(/\u0000/g, '').trim() : '';
  if (!s) throw invalid(`${what} is empty`);
  if (s.length > MAX_TEXT) throw invalid(`${what} may have at most ${MAX_TEXT} characters`);
  return s;
}

function optionalId(v: unknown, what: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || !uuid.test(v)) throw invalid(`${what} is not a valid id`);
  return v;
}

function actionsOf(raw: unknown): RuleAction[] {
  if (!Array.isArray(raw) || raw.length === 0) throw invalid('A rule needs at least one action');
  if (raw.length > MAX_ACTIONS) throw invalid(`A rule may have at most ${MAX_ACTIONS} actions`);
  return raw.map((a: unknown): RuleAction => {
    const action = (a ?? {}) as Record<string, unknown>;
    switch (action.type) {
      case 'assign': {
        const teamId = optionalId(action.teamId, 'The team');
        const assigneeId = optionalId(action.assigneeId, 'The agent');
        if (!teamId && !assigneeId) throw invalid('Assign names a team, an agent, or both');
        return { type: 'assign', ...(teamId ? { teamId } : {}), ...(assigneeId ? { assigneeId } : {}) };
      }
      case 'add_tag': {
        const tag = text(action.tag, 'The tag');
        if (tag.length > 40) throw invalid('A tag name may have at most 40 characters');
        return { type: 'add_tag', tag };
      }
      case 'notify': {
        const userId = optionalId(action.userId, 'The person');
        const teamId = optionalId(action.teamId, 'The team');
        if (!userId === !teamId) throw invalid('Notify names a person or a team');
        return { type: 'notify', ...(userId ? { userId } : {}), ...(teamId ? { teamId } : {}), message: text(action.message, 'The notification') };
      }
      case 'escalate':
        return { type: 'escalate', reason: text(action.reason, 'The reason to escalate') };
      case 'send_reply':
        return { type: 'send_reply', text: text(action.text, 'The reply') };
      case 'set_priority': {
        const priority = Number(action.priority);
        if (!(CASE_PRIORITIES as readonly number[]).includes(priority)) throw invalid('Priority is 1 (most urgent) to 5');
        return { type: 'set_priority', priority };
      }
      default:
        throw invalid(`Unknown action “${String(action.type)}”`);
    }
  });
}
