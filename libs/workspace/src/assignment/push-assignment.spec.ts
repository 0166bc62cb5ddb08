import type { CaseEvent } from '@inbox/contracts';
import { isResolution } from '../satisfaction/satisfaction-trigger.consumer';
import { mayFreeCapacity, mayNeedAssignment } from './push-assignment.service';

const event = (type: string, status: string, assigneeId: string | null = null, teamId: string | null = 't1'): CaseEvent =>
  ({ seq: 1, type, caseId: 'c', reference: 'C-1', teamId, at: '', actorUserId: null, case: { status, assigneeId, teamId } }) as unknown as CaseEvent;

describe('which case events drive push assignment and the satisfaction question', () => {
  it('assigns cases that arrive or come back to a queue without an agent', () => {
    expect(mayNeedAssignment(event('case.created', 'new'))).toBe(true);
    expect(mayNeedAssignment(event('case.transferred', 'open'))).toBe(true);
    expect(mayNeedAssignment(event('case.reopened', 'open'))).toBe(true);
    expect(mayNeedAssignment(event('case.created', 'new', 'u1'))).toBe(false);
    expect(mayNeedAssignment(event('message.created', 'new'))).toBe(false);
  });

  it('looks for waiting cases when a case leaves the open statuses', () => {
    expect(mayFreeCapacity(event('case.resolved', 'resolved', 'u1'))).toBe(true);
    expect(mayFreeCapacity(event('case.updated', 'open', 'u1'))).toBe(false);
    expect(mayFreeCapacity(event('case.resolved', 'closed', 'u1', null))).toBe(false);
  });

  it('asks for satisfaction after whatever resolved the case, never after messages or its own events', () => {
    expect(isResolution(event('case.resolved', 'resolved'))).toBe(true);
    expect(isResolution(event('case.updated', 'closed'))).toBe(true);
    expect(isResolution(event('message.created', 'resolved'))).toBe(false);
    expect(isResolution(event('satisfaction.recorded', 'resolved'))).toBe(false);
    expect(isResolution(event('macro.applied', 'closed'))).toBe(false);
    expect(isResolution(event('case.escalated', 'escalated'))).toBe(false);
  });
});
