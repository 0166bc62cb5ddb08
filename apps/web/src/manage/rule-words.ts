import type { AutomationRule, CustomFieldDefinition, RuleAction, RuleEvent, RuleTrigger } from '@inbox/contracts';
import { conditionText } from '../queue/field-conditions';

/** What each rule event and time condition is called on screen. */
export const EVENT_LABELS: Record<RuleEvent, string> = {
  'message.received': 'A customer’s message comes in',
  'case.created': 'A case is opened',
  'tag.added': 'A tag is added',
  'classification.changed': 'The classification is changed',
  'deadline.at_risk': 'A deadline is at risk',
  'field.changed': 'A case field is set or cleared',
};

export const TIME_LABELS = { unassigned: 'Unassigned for', no_customer_reply: 'No customer reply for', no_agent_reply: 'No agent reply for' } as const;
export const UNIT_LABELS = { hours: 'hours', days: 'days', business_hours: 'business hours', business_days: 'business days' } as const;

export function triggerWords(trigger: RuleTrigger): string {
  if (trigger.type === 'event') return EVENT_LABELS[trigger.event];
  return `${TIME_LABELS[trigger.condition]} ${trigger.amount} ${UNIT_LABELS[trigger.unit]}`;
}

/** The conditions in words ("by SMS, classified enquiry, outside business hours, Product: Home loan"), or "any case". */
export function conditionWords(rule: AutomationRule, teamName: (id: string) => string | null, channelLabel: (c: string) => string, fields: readonly CustomFieldDefinition[] = []): string {
  const c = rule.conditions;
  const parts = [
    c.channels?.length && `by ${c.channels.map(channelLabel).join(' or ')}`,
    c.teamIds?.length && `in ${c.teamIds.map((id) => teamName(id) ?? 'a team').join(' or ')}`,
    c.kinds?.length && `classified ${c.kinds.join(' or ')}`,
    c.tags?.length && `tagged ${c.tags.map((t) => `“${t}”`).join(' and ')}`,
    c.businessHours && `${c.businessHours} business hours`,
    ...(c.fields ?? []).map((f) => conditionText(fields.find((d) => d.id === f.fieldId), f)),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'any case';
}

export function actionWords(action: RuleAction, teamName: (id: string) => string | null, staffName: (id: string) => string | null): string {
  switch (action.type) {
    case 'assign':
      return `assign to ${[action.assigneeId && (staffName(action.assigneeId) ?? 'an agent'), action.teamId && (teamName(action.teamId) ?? 'a team')].filter(Boolean).join(' in ')}`;
    case 'add_tag':
      return `tag “${action.tag}”`;
    case 'notify':
      return `notify ${action.userId ? (staffName(action.userId) ?? 'a colleague') : (teamName(action.teamId!) ?? 'a team')}`;
    case 'escalate':
      return 'escalate to supervisors';
    case 'send_reply':
      return 'send a reply';
    case 'set_priority':
      return `set priority P${action.priority}`;
  }
}
