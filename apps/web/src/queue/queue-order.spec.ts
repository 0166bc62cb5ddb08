import { describe, expect, it } from '@jest/globals';
import type { QueueSort } from '@inbox/contracts';
import { compareCasesBy } from './queue-order';
import { summary } from './queue-test-data';

// a: oldest, due last, urgent; b: due first, written to yesterday; c: newest, no deadline, spoken to most recently.
const cases = [
  summary('a', { receivedAt: '2026-01-01T00:00:00.000Z', lastMessageAt: '2026-01-02T00:00:00.000Z', priority: 1, deadlines: { acknowledgeBy: null, respondBy: '2026-02-20T00:00:00.000Z' } }),
  summary('b', { receivedAt: '2026-01-03T00:00:00.000Z', lastMessageAt: '2026-01-09T00:00:00.000Z', priority: 3, deadlines: { acknowledgeBy: null, respondBy: '2026-02-01T00:00:00.000Z' } }),
  summary('c', { receivedAt: '2026-01-05T00:00:00.000Z', lastMessageAt: '2026-01-10T00:00:00.000Z', priority: 2, deadlines: { acknowledgeBy: null, respondBy: null } }),
];
const order = (sort?: QueueSort, list = cases) => [...list].sort(compareCasesBy(sort)).map((c) => c.id);

describe('queue order', () => {
  it('by default is the queue’s own: deadline first (none last)', () => {
    expect(order()).toEqual(['b', 'a', 'c']);
    expect(order('deadline')).toEqual(['b', 'a', 'c']);
  });

  it('by priority puts the most urgent first, then the nearest deadline', () => {
    expect(order('priority')).toEqual(['a', 'c', 'b']);
    const samePriority = [summary('late', { deadlines: { acknowledgeBy: null, respondBy: '2026-03-01T00:00:00.000Z' } }), summary('soon')];
    expect(order('priority', samePriority)).toEqual(['soon', 'late']);
  });

  it('by arrival, newest or oldest first', () => {
    expect(order('newest')).toEqual(['c', 'b', 'a']);
    expect(order('oldest')).toEqual(['a', 'b', 'c']);
  });

  it('by latest activity puts the case last written to first', () => {
    expect(order('last_activity')).toEqual(['c', 'b', 'a']);
    const tied = [summary('x', { lastMessageAt: '2026-01-09T00:00:00.000Z' }), summary('y', { lastMessageAt: '2026-01-09T00:00:00.000Z', receivedAt: '2026-01-02T00:00:00.000Z' })];
    expect(order('last_activity', tied)).toEqual(['y', 'x']);
  });

  it('keeps a tie in reference order, so rows do not swap as the queue changes', () => {
    expect(order('newest', [summary('z'), summary('m')])).toEqual(['m', 'z']);
  });

  it('treats an order it does not know (a newer client’s view) as the default', () => {
    expect(order('sideways' as QueueSort)).toEqual(['b', 'a', 'c']);
  });
});
