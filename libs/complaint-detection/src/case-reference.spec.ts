import { findCaseReference, formatCaseReference } from './case-reference';

describe('case references', () => {
  it('formats and finds them', () => {
    expect(formatCaseReference(123)).toBe('C-000123');
    expect(findCaseReference('Re: my card [c-000123] again')).toBe('C-000123');
    expect(findCaseReference('no reference here')).toBeUndefined();
  });
});
