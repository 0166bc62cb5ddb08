import { describe, expect, it } from '@jest/globals';
import type { CaseSummary } from '@inbox/contracts';
import { matchesQueueFilters, sameQueueFilters } from './queue-filter';

const vip = { id: 't1', name: 'VIP', colour: '#2563eb' };
const summary = (over: Partial<CaseSummary>) => ({ customerName: 'Dana', customerAddress: null, preview: 'fee charged twice', reference: 'C-000001', category: 'card/fees', assigneeId: null, tags: [], ...over }) as CaseSummary;

describe('matchesQueueFilters', () => {
  it('combines whose cases, every picked tag and the words, as a saved view does', () => {
    const view = { assignee: 'unassigned' as const, tagIds: ['t1'], text: ' TWICE ' };
    expect(matchesQueueFilters(summary({ tags: [vip] }), view, 'me')).toBe(true);
    expect(matchesQueueFilters(summary({ tags: [vip], assigneeId: 'me' }), view, 'me')).toBe(false);
    expect(matchesQueueFilters(summary({ tags: [] }), view, 'me')).toBe(false);
    expect(matchesQueueFilters(summary({ tags: [vip], preview: 'blocked card' }), view, 'me')).toBe(false);
    expect(matchesQueueFilters(summary({ assigneeId: 'me' }), { assignee: 'mine', tagIds: [], text: '' }, 'me')).toBe(true);
  });

  it('keeps only cases whose fields meet the view’s field conditions, as they are pushed', () => {
    const view = { assignee: 'all' as const, tagIds: [], text: '', fields: [{ fieldId: 'product', equals: 'home loan' }, { fieldId: 'amount', min: 100 }] };
    expect(matchesQueueFilters(summary({ fields: { product: 'Home loan', amount: 250 } }), view, 'me')).toBe(true);
    expect(matchesQueueFilters(summary({ fields: { product: 'Home loan', amount: 50 } }), view, 'me')).toBe(false);
    expect(matchesQueueFilters(summary({ fields: { product: 'Home loan' } }), view, 'me')).toBe(false);
    // A view saved before fields existed has no conditions.
    expect(matchesQueueFilters(summary({}), { assignee: 'all', tagIds: [], text: '' }, 'me')).toBe(true);
  });

  it('reads two combinations as the same when they show the same cases in the same order (how the queue knows a view is still applied)', () => {
    const view = { assignee: 'mine' as const, tagIds: ['t1', 't2'], text: 'fee', fields: [{ fieldId: 'product', equals: 'home loan' }], sort: 'newest' as const };
    expect(sameQueueFilters({ ...view, tagIds: ['t2', 't1'], text: ' fee ' }, view)).toBe(true);
    expect(sameQueueFilters({ assignee: 'all', tagIds: [], text: '' }, { assignee: 'all', tagIds: [], text: '', sort: 'deadline' })).toBe(true);
    expect(sameQueueFilters({ ...view, text: 'fees' }, view)).toBe(false);
    expect(sameQueueFilters({ ...view, assignee: 'all' }, view)).toBe(false);
    expect(sameQueueFilters({ ...view, tagIds: ['t1'] }, view)).toBe(false);
    expect(sameQueueFilters({ ...view, fields: [] }, view)).toBe(false);
    expect(sameQueueFilters({ ...view, sort: 'oldest' }, view)).toBe(false);
  });
});
