import { describe, expect, it } from '@jest/globals';
import type { CaseHistoryEntry as CaseHistoryEvent } from '@inbox/contracts';
import { describeEvent } from './case-detail';
import { activeMergeOf } from './merge-link';

const event = (seq: number, type: string, data: Record<string, unknown>): CaseHistoryEvent => ({ seq, type, actorUserId: 'u1', actorName: 'Ann Lee', at: '2026-12-01T00:00:00Z', data });
const merged = { mergeId: 'm1', mergedCaseId: 'case-b', mergedReference: 'C-000002', intoCaseId: 'case-a', intoReference: 'C-000001' };

describe('a case split or merged, as the case view shows it', () => {
  it('links a merged case to its survivor until the merge is undone, and again after a second merge', () => {
    expect(activeMergeOf({ id: 'case-b', events: [event(1, 'case.created', {})] })).toBeNull();
    expect(activeMergeOf({ id: 'case-b', events: [event(1, 'case.merged', merged)] })).toEqual({ intoCaseId: 'case-a', intoReference: 'C-000001' });
    expect(activeMergeOf({ id: 'case-b', events: [event(1, 'case.merged', merged), event(2, 'case.unmerged', merged)] })).toBeNull();
    expect(activeMergeOf({ id: 'case-b', events: [event(1, 'case.merged', merged), event(2, 'case.unmerged', merged), event(3, 'case.merged', merged)] })).not.toBeNull();
    // The survivor shows the merge in its history but is not itself merged.
    expect(activeMergeOf({ id: 'case-a', events: [event(1, 'case.merged', merged)] })).toBeNull();
  });

  it('says what moved where, and why a clock restarted', () => {
    expect(describeEvent(event(1, 'case.split', { fromReference: 'C-000001', newReference: 'C-000003', messageIds: ['m1', 'm2'] }), 'Sam')).toBe('2 messages moved from C-000001 to C-000003 by Sam');
    expect(describeEvent(event(2, 'case.merged', merged), 'Sam')).toBe('C-000002 merged into C-000001 by Sam');
    expect(describeEvent(event(3, 'case.unmerged', merged), null)).toBe('Merge of C-000002 into C-000001 undone');
    expect(describeEvent(event(4, 'deadline.changed', { reason: 'split', to: { receivedAt: '2026-11-30T23:00:00Z' } }), 'Sam')).toMatch(/^Clock restarted after a split by Sam — from \d+ \w+ 2026$/);
  });
});
