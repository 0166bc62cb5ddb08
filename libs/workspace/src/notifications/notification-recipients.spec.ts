import type { CaseEvent } from '@inbox/contracts';
import { notificationDrafts } from './notification-recipients';

/** Only the fields the rules read; the rest of each event's data is left out on purpose. */
const event = (over: Record<string, unknown>): CaseEvent =>
  ({
    seq: 7,
    type: 'case.updated',
    caseId: 'c1',
    reference: 'CASE-1',
    teamId: 't1',
    at: '2026-01-01T00:00:00Z',
    actorUserId: 'actor',
    case: { assigneeId: 'agent', preview: 'My card was charged twice' },
    ...over,
  }) as unknown as CaseEvent;

describe('notificationDrafts', () => {
  it('tells each mentioned colleague about a note', () => {
    const drafts = notificationDrafts(event({ type: 'note.created', data: { note: { text: 'ask @sam', mentions: [{ userId: 'sam', name: 'Sam', token: 'sam' }] } } }), 'Priya');
    expect(drafts).toEqual([{ kind: 'mention', audience: { userIds: ['sam'] }, title: 'Priya mentioned you on CASE-1', body: 'ask @sam' }]);
  });

  it('tells the assignee about an assignment made by someone else, not one they made themselves', () => {
    expect(notificationDrafts(event({ type: 'case.assigned', actorUserId: null }), null)[0]).toMatchObject({ kind: 'assignment', audience: { userIds: ['agent'] } });
    expect(notificationDrafts(event({ type: 'case.assigned', actorUserId: 'agent' }), 'Agent')).toEqual([]);
    expect(notificationDrafts(event({ type: 'case.transferred', data: { assigneeId: null } }), 'Sup')).toEqual([]);
  });

  it('tells the assignee about a deadline at risk, and nobody on an unassigned case', () => {
    const [draft] = notificationDrafts(event({ type: 'deadline.at_risk', actorUserId: null, data: { deadline: 'idr_response', dueAt: '2026-02-01T05:00:00.000Z' } }), null);
    expect(draft).toMatchObject({ kind: 'deadline', title: 'CASE-1: IDR response deadline at risk', audience: { userIds: ['agent'] } });
    expect(notificationDrafts(event({ type: 'deadline.at_risk', case: { assigneeId: null } as CaseEvent['case'] }), null)).toEqual([]);
  });

  it('sends escalations to the supervisors of the case’s team, or to the receiving team', () => {
    expect(notificationDrafts(event({ type: 'case.escalated', data: { to: 'supervisors', reason: 'angry' } }), 'Priya')[0].audience).toEqual({ supervisorsOf: 't1' });
    expect(notificationDrafts(event({ type: 'case.escalated', data: { to: 'team', teamId: 't2', reason: 'fraud' } }), 'Priya')[0].audience).toEqual({ membersOf: 't2' });
  });

  it('tells whom a rule’s notify actions name, in the rule’s words, and nobody for a rule without one', () => {
    const ran = (notify?: unknown) => event({ type: 'rule.ran', actorUserId: null, data: { ruleId: 'r1', ruleName: 'VIP', runId: 'run1', cause: 'a tag was added', results: [], notify } });
    expect(notificationDrafts(ran([{ userIds: ['sam'], message: 'Call them' }, { teamId: 't2', message: 'FYI' }]), null)).toEqual([
      { kind: 'rule', audience: { userIds: ['sam'] }, title: 'CASE-1: rule “VIP”', body: 'Call them' },
      { kind: 'rule', audience: { membersOf: 't2' }, title: 'CASE-1: rule “VIP”', body: 'FYI' },
    ]);
    expect(notificationDrafts(ran(), null)).toEqual([]);
  });
});
