import { maySeeTeam, teamScope, type StaffPrincipal } from './staff';

const staff = (role: StaffPrincipal['role'], teamIds: string[]): StaffPrincipal => ({ userId: 'u', email: 'e', name: 'n', role, teamIds });

describe('the team boundary', () => {
  it('lets supervisors and admins see every team, agents only theirs', () => {
    expect(teamScope(staff('supervisor', []))).toEqual({ allTeams: true });
    expect(teamScope(staff('admin', ['t1']))).toEqual({ allTeams: true });
    expect(teamScope(staff('agent', ['t1', 't2']))).toEqual({ allTeams: false, teamIds: ['t1', 't2'] });
    expect(maySeeTeam(staff('agent', ['t1']), 't1')).toBe(true);
    expect(maySeeTeam(staff('agent', ['t1']), 't2')).toBe(false);
  });

  it('shows a case without a team only to those who see all teams', () => {
    expect(maySeeTeam(staff('agent', ['t1']), null)).toBe(false);
    expect(maySeeTeam(staff('supervisor', []), null)).toBe(true);
  });
});
