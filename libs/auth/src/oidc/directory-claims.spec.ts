import { mapDirectoryClaims } from './directory-claims';

const mapping = {
  rolesClaim: 'groups',
  roleMap: { 'complaints-agents': 'agent', 'complaints-leads': 'supervisor', 'it-admins': 'admin' } as const,
  teamsMap: { 'complaints-cards': 'Cards', 'complaints-loans': 'Loans' },
};

describe('mapping directory groups to a role and teams', () => {
  it('gives the highest role any group maps to, and the teams the groups name', () => {
    expect(mapDirectoryClaims({ groups: ['complaints-agents', 'complaints-leads', 'complaints-cards', 'staff'] }, mapping)).toEqual({
      role: 'supervisor',
      teamNames: ['Cards'],
      groups: ['complaints-agents', 'complaints-leads', 'complaints-cards', 'staff'],
    });
  });

  it('refuses (no role) someone whose groups map to nothing, or who has no groups claim', () => {
    expect(mapDirectoryClaims({ groups: ['marketing'] }, mapping).role).toBeNull();
    expect(mapDirectoryClaims({}, mapping).role).toBeNull();
    expect(mapDirectoryClaims({ groups: [42, null] }, mapping).role).toBeNull();
  });

  it('reads a space- or comma-separated string, and another claim name', () => {
    expect(mapDirectoryClaims({ roles: 'it-admins, complaints-loans' }, { ...mapping, rolesClaim: 'roles' })).toMatchObject({ role: 'admin', teamNames: ['Loans'] });
  });
});
