import { planUnmerge } from './unmerge-plan';

describe('planUnmerge', () => {
  it('returns what moved, and attributes what came later by provenance', () => {
    const plan = planUnmerge({
      movedIdentityIds: ['i-b1'],
      movedCaseIds: ['c-b1'],
      laterCases: [
        { id: 'c-later-b', openerIdentityId: 'i-b1' },
        { id: 'c-later-a', openerIdentityId: 'i-a1' },
        { id: 'c-later-new', openerIdentityId: 'i-new-a' },
      ],
      laterIdentities: [
        { id: 'i-new-b', firstCaseId: 'c-b1' },
        { id: 'i-new-b2', firstCaseId: 'c-later-b' },
        { id: 'i-new-a', firstCaseId: 'c-later-new' },
        { id: 'i-new-noise', firstCaseId: null },
      ],
      caselessMessages: [
        { id: 'm-noise-b', identityId: 'i-b1' },
        { id: 'm-noise-a', identityId: 'i-a1' },
        { id: 'm-noise-new', identityId: 'i-new-noise' },
      ],
    });
    expect(plan.caseIds.sort()).toEqual(['c-b1', 'c-later-b']);
    expect(plan.identityIds.sort()).toEqual(['i-b1', 'i-new-b', 'i-new-b2']);
    expect(plan.caselessMessageIds).toEqual(['m-noise-b']);
  });
});
