import { describe, expect, it } from '@jest/globals';
import type { CaseEvent, CaseSummary } from '@inbox/contracts';
import { applyEvent, applySnapshot, EMPTY_QUEUE, orderedEntries } from './queue-state';
import { summary } from './queue-test-data';

function event(seq: number, type: CaseEvent['type'], c: CaseSummary): CaseEvent {
  return { seq, type, caseId: c.id, reference: c.reference, teamId: c.teamId, at: '2026-01-01T00:00:00.000Z', actorUserId: null, case: c } as CaseEvent;
}

describe('live queue state', () => {
  it('orders by IDR deadline (none last), then priority, then arrival', () => {
    const state = applySnapshot(EMPTY_QUEUE, {
      seq: 10,
      cases: [
        summary('none', { deadlines: { acknowledgeBy: null, respondBy: null } }),
        summary('late', { deadlines: { acknowledgeBy: null, respondBy: '2026-02-10T00:00:00.000Z' } }),
        summary('low', { priority: 4 }),
        summary('high', { priority: 1 }),
        summary('older-high', { priority: 1, receivedAt: '2025-12-31T00:00:00.000Z' }),
      ],
    });
    expect(orderedEntries(state).map((e) => e.summary.id)).toEqual(['older-high', 'high', 'low', 'late', 'none']);
  });

  it('applies an event once: a replay or an older event changes nothing', () => {
    let state = applySnapshot(EMPTY_QUEUE, { seq: 5, cases: [] });
    const created = event(6, 'case.created', summary('a'));
    state = applyEvent(state, created, 1000);
    expect(state.entries.a.arrivedLiveAt).toBe(1000);
    const claimed = event(7, 'case.updated', summary('a', { assigneeId: 'u1', status: 'open' }));
    state = applyEvent(state, claimed);
    expect(applyEvent(state, claimed)).toBe(state);
    expect(applyEvent(state, created)).toBe(state);
    expect(state.entries.a.summary.assigneeId).toBe('u1');
    expect(state.seq).toBe(7);
  });

  it('ignores events the snapshot already covers and drops cases that close', () => {
    let state = applySnapshot(EMPTY_QUEUE, { seq: 20, cases: [summary('a'), summary('b')] });
    expect(applyEvent(state, event(19, 'case.updated', summary('a', { status: 'resolved' })))).toBe(state);
    state = applyEvent(state, event(21, 'case.updated', summary('a', { status: 'resolved' })));
    expect(Object.keys(state.entries)).toEqual(['b']);
  });

  it('keeps newer live events over an older snapshot that arrives late', () => {
    let state = applySnapshot(EMPTY_QUEUE, { seq: 20, cases: [summary('a')] });
    state = applyEvent(state, event(25, 'case.created', summary('b')));
    expect(applySnapshot(state, { seq: 22, cases: [summary('a')] })).toBe(state);
    const fresh = applySnapshot(state, { seq: 30, cases: [summary('c')] });
    expect(Object.keys(fresh.entries)).toEqual(['c']);
  });
});
