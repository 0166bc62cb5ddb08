import type { CaseEvent } from '@inbox/contracts';
import { roomsFor, roomsForEvent } from './socket-rooms';

const event = (over: Partial<CaseEvent> & { assigneeId?: string | null } = {}): CaseEvent =>
  ({
    seq: 1,
    type: 'case.transferred',
    caseId: 'c1',
    reference: 'C-000001',
    teamId: 't2',
    at: new Date(0).toISOString(),
    actorUserId: null,
    case: { assigneeId: over.assigneeId ?? null } as CaseEvent['case'],
    ...over,
  }) as CaseEvent;

describe('socket rooms', () => {
  it('puts agents in their teams and their own room; supervisors in the all-teams room', () => {
    expect(roomsFor({ userId: 'u', email: 'e', name: 'n', role: 'agent', teamIds: ['t1'] })).toEqual(['user:u', 'team:t1']);
    expect(roomsFor({ userId: 'u', email: 'e', name: 'n', role: 'supervisor', teamIds: ['t1'] })).toEqual(['user:u', 'teams:all']);
  });

  it('sends a transfer to the new team and the old team, never to a single agent', () => {
    expect(roomsForEvent(event({ data: { fromTeamId: 't1' }, assigneeId: 'u9' }))).toEqual(['teams:all', 'team:t2', 'team:t1']);
    expect(roomsForEvent(event({ teamId: null, assigneeId: 'u9' }))).toEqual(['teams:all']);
  });

  it('sends a message’s delivery status only to the agents viewing its case, not to any queue', () => {
    expect(roomsForEvent(event({ type: 'message.updated', data: undefined }))).toEqual(['case:c1']);
    expect(roomsForEvent(event({ type: 'message.created', data: undefined }))).toEqual(['teams:all', 'team:t2']);
  });
});
