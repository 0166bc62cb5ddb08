import { MAX_MACRO_STEPS } from '@inbox/contracts';
import { placeholderValues } from '../canned/canned-placeholders';
import { fillMacroSteps, macroRunsOnClosedCase, parseMacroActions } from './macro-steps';

const USER = '6f1c1b2e-8a7d-4c1e-9d2a-1b2c3d4e5f60';

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
    ['a kind of step not built', [{ type: 'set_field', field: 'x' }], 'invalid_step', 'Step 1: no kind of step "set_field"'],
    ['a step that is not an object', [null], 'invalid_step', 'Step 1: not a step'],
    ['two replies', [{ type: 'reply', template: 'A' }, { type: 'reply', template: 'B' }], 'one_reply_per_macro', 'at most one reply'],
  ])('refuses %s', (_label, steps, code, message) => {
    expect(() => parseMacroActions(steps)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
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
