import { MAX_MACRO_STEPS, type CustomFieldDefinition } from '@inbox/contracts';
import { placeholderValues } from '../canned/canned-placeholders';
import { checkFieldSteps, fillMacroSteps, macroRunsOnClosedCase, parseMacroActions } from './macro-steps';

const USER = '6f1c1b2e-8a7d-4c1e-9d2a-1b2c3d4e5f60';
const field = (id: string, label: string, kind: CustomFieldDefinition['kind'], more: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  key: label.toLowerCase().replace(/ /g, '_'),
  label,
  kind,
  appliesTo: 'case',
  options: [],
  help: null,
  archivedAt: null,
  ...more,
});
const PRODUCT = field('1', 'Product line', 'list', { options: ['Home loan', 'Credit card'] });
const AMOUNT = field('2', 'Amount disputed', 'number');
const PROMISED = field('3', 'Promised by', 'date');
const SEGMENT = field('4', 'Segment', 'text', { appliesTo: 'customer' });
const OLD = field('5', 'Old branch', 'text', { archivedAt: '2026-11-01T00:00:00.000Z' });
const FIELDS = [PRODUCT, AMOUNT, PROMISED, SEGMENT, OLD];

describe('macro steps', () => {
  it('keeps each kind of step with only its own fields, trimmed', () => {
    expect(
      parseMacroActions([
        { type: 'reply', template: '  Dear {{customer.firstName}}  ', extra: 'dropped' },
        { type: 'note', text: ' Sent the fee letter ' },
        { type: 'tag', tag: ' Fees ' },
        { type: 'assign', to: 'me' },
        { type: 'assign', to: 'agent', userId: USER.toUpperCase() },
        { type: 'assign', to: 'nobody' },
        { type: 'change_status', status: 'escalated', reason: ' Threatens the media ' },
        { type: 'change_status', status: 'open', reason: '  ' },
      ]),
    ).toEqual([
      { type: 'reply', template: 'Dear {{customer.firstName}}' },
      { type: 'note', text: 'Sent the fee letter' },
      { type: 'tag', tag: 'Fees' },
      { type: 'assign', to: 'me' },
      { type: 'assign', to: 'agent', userId: USER },
      { type: 'assign', to: 'nobody' },
      { type: 'change_status', status: 'escalated', reason: 'Threatens the media' },
      { type: 'change_status', status: 'open' },
    ]);
  });

  it.each([
    ['no step', [], 'macro_without_steps', 'A macro needs at least one step'],
    ['too many steps', Array.from({ length: MAX_MACRO_STEPS + 1 }, () => ({ type: 'tag', tag: 'x' })), 'too_many_steps', `at most ${MAX_MACRO_STEPS} steps`],
    ['an unknown placeholder', [{ type: 'tag', tag: 'ok' }, { type: 'reply', template: 'Hi {{customer.nmae}}' }], 'unknown_placeholder', 'Step 2: unknown placeholder {{customer.nmae}}'],
    ['an empty note', [{ type: 'note', text: '   ' }], 'empty_step', 'Step 1: text is empty'],
    ['a tag name too long', [{ type: 'tag', tag: 'x'.repeat(41) }], 'step_too_long', 'Step 1: tag has more than 40 characters'],
    ['resolving', [{ type: 'change_status', status: 'resolved' }], 'status_not_settable', 'resolving goes through the IDR response'],
    ['closing', [{ type: 'change_status', status: 'closed' }], 'status_not_settable', 'open or escalated'],
    ['an escalation without a reason', [{ type: 'change_status', status: 'escalated' }], 'empty_step', 'Step 1: reason is empty'],
    ['an agent without an id', [{ type: 'assign', to: 'agent', userId: 'ann' }], 'unknown_agent', 'Step 1: name the agent'],
    ['assigning to a team', [{ type: 'assign', to: 'team' }], 'invalid_step', 'Step 1: assign to me, to an agent, or to nobody'],
    ['a kind of step not built', [{ type: 'set_status', status: 'x' }], 'invalid_step', 'Step 1: no kind of step "set_status"'],
    ['a field step without a field', [{ type: 'set_field', fieldId: 'product', value: 'x' }], 'unknown_field', 'Step 1: choose the field to set'],
    ['a field value that is a list', [{ type: 'set_field', fieldId: USER, value: ['x'] }], 'invalid_step', 'Step 1: a field’s value is text, a number, or null'],
    ['a step that is not an object', [null], 'invalid_step', 'Step 1: not a step'],
    ['two replies', [{ type: 'reply', template: 'A' }, { type: 'reply', template: 'B' }], 'one_reply_per_macro', 'at most one reply'],
  ])('refuses %s', (_label, steps, code, message) => {
    expect(() => parseMacroActions(steps)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
  });

  it('keeps a set_field step with its field and value, null clearing it', () => {
    expect(
      parseMacroActions([
        { type: 'set_field', fieldId: PRODUCT.id.toUpperCase(), value: 'Home loan', extra: 'dropped' },
        { type: 'set_field', fieldId: AMOUNT.id, value: null },
        { type: 'set_field', fieldId: AMOUNT.id },
      ]),
    ).toEqual([
      { type: 'set_field', fieldId: PRODUCT.id, value: 'Home loan' },
      { type: 'set_field', fieldId: AMOUNT.id, value: null },
      { type: 'set_field', fieldId: AMOUNT.id, value: null },
    ]);
  });

  it('checks set_field steps against the fields: values stored as the kind keeps them, clearing allowed', () => {
    const steps = parseMacroActions([
      { type: 'tag', tag: 'Fees' },
      { type: 'set_field', fieldId: PRODUCT.id, value: 'Home loan' },
      { type: 'set_field', fieldId: AMOUNT.id, value: ' 120.5 ' },
      { type: 'set_field', fieldId: PROMISED.id, value: '2027-01-05' },
      { type: 'set_field', fieldId: PRODUCT.id, value: null },
    ]);
    expect(checkFieldSteps(steps, FIELDS)).toEqual([
      { type: 'tag', tag: 'Fees' },
      { type: 'set_field', fieldId: PRODUCT.id, value: 'Home loan' },
      { type: 'set_field', fieldId: AMOUNT.id, value: 120.5 },
      { type: 'set_field', fieldId: PROMISED.id, value: '2027-01-05' },
      { type: 'set_field', fieldId: PRODUCT.id, value: null },
    ]);
  });

  it.each([
    ['a field that does not exist', { fieldId: '00000000-0000-4000-8000-000000000009', value: 'x' }, 'unknown_field', 'Step 2: no such field'],
    ['a customer field', { fieldId: SEGMENT.id, value: 'Retail' }, 'field_not_on_cases', 'Step 2: Segment is a customer field'],
    ['an archived field', { fieldId: OLD.id, value: 'Parramatta' }, 'field_archived', 'Step 2: Old branch is archived'],
    ['an archived field, even to clear it', { fieldId: OLD.id, value: null }, 'field_archived', 'Step 2: Old branch is archived'],
    ['a value not among a list’s options', { fieldId: PRODUCT.id, value: 'Car loan' }, 'field_value_not_an_option', 'Step 2: Product line takes one of: Home loan, Credit card'],
    ['a number that is not one', { fieldId: AMOUNT.id, value: 'lots' }, 'field_value_not_number', 'Step 2: Amount disputed takes a number'],
    ['a day not on the calendar', { fieldId: PROMISED.id, value: '2027-02-30' }, 'field_value_not_date', 'Step 2: Promised by takes a date written YYYY-MM-DD'],
  ])('refuses a set_field step on %s, naming the step and the field', (_label, step, code, message) => {
    const steps = parseMacroActions([{ type: 'note', text: 'x' }, { type: 'set_field', ...step }]);
    expect(() => checkFieldSteps(steps, FIELDS)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
  });

  it('fills the reply step for one case and leaves the other steps as they are', () => {
    const values = placeholderValues({ customerName: 'Jane Citizen', caseReference: 'C-000042', agentName: 'Alice' });
    const steps = parseMacroActions([
      { type: 'reply', template: 'Dear {{customer.firstName}}, about {{case.reference}}. {{agent.name}}' },
      { type: 'tag', tag: 'Fees' },
    ]);
    expect(fillMacroSteps(steps, values)).toEqual([
      { type: 'reply', template: 'Dear {{customer.firstName}}, about {{case.reference}}. {{agent.name}}', filledText: 'Dear Jane, about C-000042. Alice' },
      { type: 'tag', tag: 'Fees' },
    ]);
  });

  it('runs on a resolved or closed case only when it reopens it first', () => {
    expect(macroRunsOnClosedCase([{ type: 'change_status', status: 'open' }, { type: 'note', text: 'x' }])).toBe(true);
    expect(macroRunsOnClosedCase([{ type: 'note', text: 'x' }, { type: 'change_status', status: 'open' }])).toBe(false);
  });
});
