import { decideCaseAction, GUARDED_CASE_ACTIONS, type CaseHolding } from './case-action-policy';
import type { StaffPrincipal } from './staff';

const who = (role: StaffPrincipal['role'], userId = 'me'): StaffPrincipal => ({ userId, email: 'e', name: 'n', role, teamIds: ['t1'] });
const held = (assigneeId: string | null, status = 'open', escalatedToSupervisors = false): CaseHolding => ({ status, assigneeId, escalatedToSupervisors });
const off = { finalResponseApproval: false };
const on = { finalResponseApproval: true };

describe('who may resolve, mark unfounded, send a delay notice, reopen or transfer', () => {
  it('lets the assignee act, and supervisors and admins always', () => {
    for (const action of GUARDED_CASE_ACTIONS) {
      expect(decideCaseAction(who('agent'), action, held('me'), off)).toEqual({ allowed: true });
      expect(decideCaseAction(who('supervisor'), action, held('someone', 'escalated', true), on)).toEqual({ allowed: true });
      expect(decideCaseAction(who('admin'), action, held(null), on)).toEqual({ allowed: true });
    }
  });

  it('refuses another agent, and asks for a claim on an unassigned case', () => {
    expect(decideCaseAction(who('agent'), 'resolve', held('someone'), off)).toMatchObject({ allowed: false, code: 'not_case_holder' });
    expect(decideCaseAction(who('agent'), 'transfer', held(null), off)).toMatchObject({ allowed: false, code: 'claim_first', message: expect.stringContaining('transfer it') });
  });

  it('keeps a case escalated to supervisors theirs, even from its assignee; an escalation to a team is not', () => {
    expect(decideCaseAction(who('agent'), 'resolve', held('me', 'escalated', true), off)).toMatchObject({ allowed: false, code: 'escalated_to_supervisors' });
    expect(decideCaseAction(who('agent'), 'resolve', held('me', 'escalated', false), off)).toEqual({ allowed: true });
  });

  it('with FINAL_RESPONSE_APPROVAL, leaves final responses to supervisors but not the other actions', () => {
    expect(decideCaseAction(who('agent'), 'resolve', held('me'), on)).toMatchObject({ allowed: false, code: 'final_response_needs_approval' });
    expect(decideCaseAction(who('agent'), 'unfounded', held('me'), on)).toMatchObject({ allowed: false, code: 'final_response_needs_approval' });
    expect(decideCaseAction(who('agent'), 'delay_notice', held('me'), on)).toEqual({ allowed: true });
  });
  it('splits and merges by the same rule: the holder or a supervisor, a supervisors’ escalation theirs alone', () => {
    for (const action of ['split', 'merge'] as const) {
      expect(decideCaseAction(who('agent'), action, held('me'), on)).toEqual({ allowed: true });
      expect(decideCaseAction(who('agent'), action, held('someone'), off)).toMatchObject({ allowed: false, code: 'not_case_holder' });
      expect(decideCaseAction(who('agent'), action, held('me', 'escalated', true), off)).toMatchObject({ allowed: false, code: 'escalated_to_supervisors' });
      expect(decideCaseAction(who('supervisor'), action, held('someone', 'escalated', true), off)).toEqual({ allowed: true });
    }
    expect(decideCaseAction(who('agent'), 'split', held(null), off)).toMatchObject({ code: 'claim_first', message: expect.stringContaining('move its messages to a new case') });
  });
});
