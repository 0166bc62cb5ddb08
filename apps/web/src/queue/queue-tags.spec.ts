import { describe, expect, it } from '@jest/globals';
import type { CaseSummary } from '@inbox/contracts';
import { queueTags, withTags } from './queue-tags';

const vip = { id: 't1', name: 'VIP', colour: '#2563eb' };
const afca = { id: 't2', name: 'afca risk', colour: '#dc2626' };
const withTagList = (tags: CaseSummary['tags']) => ({ tags }) as CaseSummary;

describe('queue tags', () => {
  it('lists each tag of the queue once, by name whatever its letter case', () => {
    expect(queueTags([withTagList([vip]), withTagList([afca, vip]), withTagList(undefined)])).toEqual([afca, vip]);
  });

  it('keeps a case that carries every picked tag, and every case when none is picked', () => {
    expect(withTags(withTagList([vip, afca]), new Set(['t1', 't2']))).toBe(true);
    expect(withTags(withTagList([vip]), new Set(['t1', 't2']))).toBe(false);
    expect(withTags(withTagList(undefined), new Set())).toBe(true);
  });
});
