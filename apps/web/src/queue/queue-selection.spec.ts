import { describe, expect, it } from '@jest/globals';
import { keepPresent, NO_SELECTION, pickRange, toggleRow, without } from './queue-selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('queue selection', () => {
  it('toggles a row and makes it the anchor', () => {
    const one = toggleRow(NO_SELECTION, 'b');
    expect([ids(one), one.anchor]).toEqual([['b'], 'b']);
    expect(ids(toggleRow(one, 'b'))).toEqual([]);
  });

  it('picks the rows from the anchor to a Shift+clicked row, upwards or downwards, keeping what was picked', () => {
    const start = toggleRow(toggleRow(NO_SELECTION, 'e'), 'b');
    expect(ids(pickRange(start, 'd', order))).toEqual(['b', 'c', 'd', 'e']);
    expect(ids(pickRange(toggleRow(NO_SELECTION, 'd'), 'b', order))).toEqual(['b', 'c', 'd']);
    expect(ids(pickRange(NO_SELECTION, 'c', order))).toEqual(['c']);
  });

  it('drops rows that left the queue, and the rows an action applied to', () => {
    const picked = pickRange(toggleRow(NO_SELECTION, 'a'), 'c', order);
    const kept = keepPresent(picked, new Set(['a', 'b', 'd']));
    expect([ids(kept), kept.anchor]).toEqual([['a', 'b'], null]);
    expect(keepPresent(kept, new Set(order))).toBe(kept);
    expect(ids(without(picked, ['a', 'c']))).toEqual(['b']);
  });
});
