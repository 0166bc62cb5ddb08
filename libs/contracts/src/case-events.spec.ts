import { isOpenCaseStatus, teamMovedFrom, type CaseEvent, type CaseSummary } from './index';

const summary = { id: 'c1', reference: 'C-1', teamId: 'team-b' } as CaseSummary;
const envelope = { seq: 1, caseId: 'c1', reference: 'C-1', teamId: 'team-b', at: '2026-01-01T00:00:00.000Z', actorUserId: 'ann', case: summary };

describe('teamMovedFrom', () => {
  it('names the team an escalation or transfer took the case out of', () => {
    const escalated: CaseEvent = { ...envelope, type: 'case.escalated', data: { to: 'team', teamId: 'team-b', teamName: 'B', fromTeamId: 'team-a', reason: 'Needs B' } };
    const transferred: CaseEvent = {
      ...envelope,
      type: 'case.transferred',
      data: { teamId: 'team-b', assigneeId: null, assigneeName: null, fromTeamId: 'team-a', fromAssigneeId: null },
    };
    expect(teamMovedFrom(escalated)).toBe('team-a');
    expect(teamMovedFrom(transferred)).toBe('team-a');
  });

  it('is null when the case stayed in its team or the event moves nothing', () => {
    const toSupervisors: CaseEvent = { ...envelope, type: 'case.escalated', data: { to: 'supervisors', reason: 'Threatens the media' } };
    const sameTeam: CaseEvent = { ...envelope, type: 'case.transferred', data: { teamId: 'team-b', assigneeId: 'bob', assigneeName: 'Bob', fromAssigneeId: 'ann' } };
    const claimed: CaseEvent = { ...envelope, type: 'case.updated', data: { change: 'claimed', fromTeamId: 'team-a' } };
    expect([toSupervisors, sameTeam, claimed].map(teamMovedFrom)).toEqual([null, null, null]);
  });
});

describe('isOpenCaseStatus', () => {
  it('is true for the statuses a case is still worked in', () => {
    expect(['new', 'open', 'pending', 'escalated', 'resolved', 'closed'].filter(isOpenCaseStatus)).toEqual(['new', 'open', 'pending', 'escalated']);
  });
});
