import { holidaysFor, publicHolidayPredicate, type BusinessCalendar } from '@inbox/compliance';
import type { CustomFieldDefinition, WeeklyHours } from '@inbox/contracts';
import { causeOf, conditionsHold, mayStartRule, ruleDefinitionOf, ruleEventsOf, timeConditionDueAt, type CaseFacts } from './rule-match';

const sydney: BusinessCalendar = { timeZone: 'Australia/Sydney', isPublicHoliday: publicHolidayPredicate(holidaysFor('NSW')) };
const facts: CaseFacts = { channel: 'sms', teamId: '11111111-1111-4111-8111-111111111111', kind: 'enquiry', tags: ['VIP', 'fees'], withinBusinessHours: false, fields: {} };
const inbound = { direction: 'inbound' } as never;

describe('automation rules: matching', () => {
  it('reads a customer’s message as “message in”, a new case as “case created”, and an agent’s reply as neither', () => {
    expect(ruleEventsOf({ type: 'case.created', message: inbound })).toEqual(['case.created']);
    expect(ruleEventsOf({ type: 'message.created', message: inbound })).toEqual(['message.received']);
    expect(ruleEventsOf({ type: 'message.created', message: { direction: 'outbound' } as never })).toEqual([]);
    expect(ruleEventsOf({ type: 'case.tagged' })).toEqual(['tag.added']);
    expect(ruleEventsOf({ type: 'classification.corrected' })).toEqual(['classification.changed']);
    expect(ruleEventsOf({ type: 'deadline.at_risk' })).toEqual(['deadline.at_risk']);
    expect(ruleEventsOf({ type: 'case.field_set' })).toEqual(['field.changed']);
    expect(ruleEventsOf({ type: 'note.created' })).toEqual([]);
  });

  it('holds when every condition holds: any listed channel, team or kind, all listed tags (without case), the business hours', () => {
    expect(conditionsHold({}, facts)).toBe(true);
    expect(conditionsHold({ channels: ['sms', 'email'], kinds: ['enquiry'], tags: ['vip'], businessHours: 'outside' }, facts)).toBe(true);
    expect(conditionsHold({ channels: ['email'] }, facts)).toBe(false);
    expect(conditionsHold({ teamIds: ['22222222-2222-4222-8222-222222222222'] }, facts)).toBe(false);
    expect(conditionsHold({ tags: ['vip', 'hardship'] }, facts)).toBe(false);
    expect(conditionsHold({ kinds: ['complaint'] }, facts)).toBe(false);
    expect(conditionsHold({ businessHours: 'within' }, facts)).toBe(false);
  });

  it('holds field conditions on the case’s current values: text and lists equal without case, numbers and dates in range', () => {
    const withFields = { ...facts, fields: { product: 'Home loan', amount: 250, due: '2026-12-01' } };
    expect(conditionsHold({ fields: [{ fieldId: 'product', equals: 'home loan' }] }, withFields)).toBe(true);
    expect(conditionsHold({ fields: [{ fieldId: 'product', equals: 'Credit card' }] }, withFields)).toBe(false);
    expect(conditionsHold({ fields: [{ fieldId: 'amount', min: 100, max: 500 }, { fieldId: 'due', max: '2026-12-31' }] }, withFields)).toBe(true);
    expect(conditionsHold({ fields: [{ fieldId: 'amount', min: 300 }] }, withFields)).toBe(false);
    // A case without a value for the field does not match, whatever the condition.
    expect(conditionsHold({ fields: [{ fieldId: 'amount', max: 500 }] }, facts)).toBe(false);
  });

  it('treats a team without hours as never outside them', () => {
    const noHours = { ...facts, withinBusinessHours: null };
    expect(conditionsHold({ businessHours: 'outside' }, noHours)).toBe(false);
    expect(conditionsHold({ businessHours: 'within' }, noHours)).toBe(true);
  });

  it('never lets a rule start on an event its own actions wrote, while another rule may', () => {
    const written = new Map([[42, new Set(['rule-a'])]]);
    expect(mayStartRule('rule-a', 42, written)).toBe(false);
    expect(mayStartRule('rule-b', 42, written)).toBe(true);
    expect(mayStartRule('rule-a', 43, written)).toBe(true);
  });
});

describe('automation rules: time conditions', () => {
  const office: WeeklyHours = { sun: [], mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }], wed: [], thu: [], fri: [], sat: [] };
  const since = new Date('2026-03-02T05:00:00Z'); // Monday 16:00 in Sydney

  it('counts hours and days on the wall clock, business hours and days in the team’s open time', () => {
    expect(timeConditionDueAt({ type: 'time', condition: 'unassigned', amount: 2, unit: 'hours' }, since, office, sydney)?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(timeConditionDueAt({ type: 'time', condition: 'no_customer_reply', amount: 3, unit: 'days' }, since, office, sydney)?.toISOString()).toBe('2026-03-05T05:00:00.000Z');
    // One open hour left on Monday, the second at Tuesday 10:00.
    expect(timeConditionDueAt({ type: 'time', condition: 'no_agent_reply', amount: 2, unit: 'business_hours' }, since, office, sydney)?.toISOString()).toBe('2026-03-02T23:00:00.000Z');
    // Tuesday's close.
    expect(timeConditionDueAt({ type: 'time', condition: 'no_agent_reply', amount: 1, unit: 'business_days' }, since, office, sydney)?.toISOString()).toBe('2026-03-03T06:00:00.000Z');
  });

  it('counts a team without hours as always open for hours, and Monday to Friday for days', () => {
    expect(timeConditionDueAt({ type: 'time', condition: 'no_agent_reply', amount: 2, unit: 'business_hours' }, since, null, sydney)?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    // Friday 6 March + 1 business day = the end of Monday 9 March in Sydney.
    expect(timeConditionDueAt({ type: 'time', condition: 'no_agent_reply', amount: 1, unit: 'business_days' }, new Date('2026-03-06T01:00:00Z'), null, sydney)?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('says what fired a rule in words', () => {
    expect(causeOf({ type: 'time', condition: 'unassigned', amount: 2, unit: 'hours' })).toBe('unassigned for 2 hours');
    expect(causeOf({ type: 'time', condition: 'no_agent_reply', amount: 1, unit: 'business_days' })).toBe('no agent reply for 1 business day');
    expect(causeOf({ type: 'event', event: 'tag.added' })).toBe('a tag was added');
  });
});

describe('automation rules: definitions', () => {
  it('takes a valid rule and drops empty conditions', () => {
    const rule = ruleDefinitionOf({
      trigger: { type: 'event', event: 'message.received' },
      conditions: { channels: [], tags: [' VIP '], businessHours: 'outside' },
      actions: [{ type: 'add_tag', tag: 'after hours' }, { type: 'set_priority', priority: 1 }],
    });
    expect(rule).toEqual({
      trigger: { type: 'event', event: 'message.received' },
      conditions: { tags: ['VIP'], businessHours: 'outside' },
      actions: [{ type: 'add_tag', tag: 'after hours' }, { type: 'set_priority', priority: 1 }],
    });
  });

  it.each([
    [{ trigger: { type: 'event', event: 'case.closed' }, actions: [{ type: 'add_tag', tag: 'x' }] }, 'The event must be one of'],
    [{ trigger: { type: 'time', condition: 'unassigned', amount: 0, unit: 'hours' }, actions: [{ type: 'add_tag', tag: 'x' }] }, 'positive number'],
    [{ trigger: { type: 'event', event: 'case.created' }, actions: [] }, 'at least one action'],
    [{ trigger: { type: 'event', event: 'case.created' }, actions: [{ type: 'assign' }] }, 'Assign names a team, an agent, or both'],
    [{ trigger: { type: 'event', event: 'case.created' }, actions: [{ type: 'notify', message: 'hi' }] }, 'Notify names a person or a team'],
    [{ trigger: { type: 'event', event: 'case.created' }, actions: [{ type: 'set_priority', priority: 9 }] }, 'Priority is 1'],
    [{ trigger: { type: 'event', event: 'case.created' }, conditions: { kinds: ['spam'] }, actions: [{ type: 'add_tag', tag: 'x' }] }, 'Kinds: “spam”'],
  ])('refuses %j saying what to fix', (input, message) => {
    expect(() => ruleDefinitionOf(input)).toThrow(message);
  });
});

describe('automation rules: field conditions', () => {
  const field = (id: string, label: string, kind: CustomFieldDefinition['kind'], extra: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition => ({
    id, key: id, label, kind, appliesTo: 'case', options: kind === 'list' ? ['Home loan', 'Credit card'] : [], help: null, archivedAt: null, ...extra,
  });
  const fields = [
    field('product', 'Product', 'list'),
    field('amount', 'Amount', 'number'),
    field('old', 'Old code', 'text', { archivedAt: '2026-01-01T00:00:00.000Z' }),
    field('segment', 'Segment', 'text', { appliesTo: 'customer' }),
  ];
  const rule = (conditionFields: unknown) => ({ trigger: { type: 'event', event: 'field.changed' }, conditions: { fields: conditionFields }, actions: [{ type: 'add_tag', tag: 'x' }] });

  it('keeps checked conditions: equals trimmed (a list option as the field spells it), range bounds as the field’s values, extra keys dropped', () => {
    const def = ruleDefinitionOf(rule([{ fieldId: 'product', equals: ' home LOAN ', note: 'x' }, { fieldId: 'amount', min: '100' }]), { fields });
    expect(def.trigger).toEqual({ type: 'event', event: 'field.changed' });
    expect(def.conditions.fields).toEqual([{ fieldId: 'product', equals: 'Home loan' }, { fieldId: 'amount', min: 100 }]);
    expect(ruleDefinitionOf(rule([]), { fields }).conditions).toEqual({});
  });

  it.each([
    [[{ fieldId: 'nope', equals: 'x' }], 'No case field has the id “nope”'],
    [[{ fieldId: 'old', equals: 'x' }], 'Old code is archived'],
    [[{ fieldId: 'segment', equals: 'x' }], 'Segment is a customer field'],
    [[{ fieldId: 'product', equals: 'Car loan' }], 'Product takes one of: Home loan, Credit card'],
    [[{ fieldId: 'amount', min: 'lots' }], 'Amount takes a number'],
    [[{ fieldId: 'amount', equals: '5' }], 'Amount is filtered by a range'],
    [[{ fieldId: 'amount' }], 'Give Amount a from or a to'],
    [[{ fieldId: 'product', equals: 'Home loan' }, { fieldId: 'product', equals: 'Credit card' }], 'Product has more than one condition'],
  ])('refuses field conditions %j naming the field', (conditionFields, message) => {
    expect(() => ruleDefinitionOf(rule(conditionFields), { fields })).toThrow(message);
  });

  it('lets an edit keep a condition on a field archived since, but not add one', () => {
    expect(ruleDefinitionOf(rule([{ fieldId: 'old', equals: 'A1' }]), { fields, keptArchived: new Set(['old']) }).conditions.fields).toEqual([{ fieldId: 'old', equals: 'A1' }]);
  });
});
