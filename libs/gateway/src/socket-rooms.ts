import { teamMovedFrom, teamScope, type CaseEvent, type StaffPrincipal } from '@inbox/contracts';

/** Rooms on /agents: one per team, one for everyone who sees all teams, one per agent, one per viewed case. */
export const ALL_TEAMS_ROOM = 'teams:all';
export const teamRoom = (teamId: string) => `team:${teamId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const caseRoom = (caseId: string) => `case:${caseId}`;

/** The rooms a socket joins follow the team boundary (teamScope): its teams' rooms, or the all-teams room. */
export function roomsFor(principal: StaffPrincipal): string[] {
  const scope = teamScope(principal);
  return [userRoom(principal.userId), ...(scope.allTeams ? [ALL_TEAMS_ROOM] : scope.teamIds.map(teamRoom))];
}

/**
 * Who receives a case event: its team, and supervisors/admins; the team a
 * case was just moved away from (so it leaves their queue). Never a single
 * agent's room: an assignee who has left the case's team must not keep
 * hearing about it. Deciding this is the listener's job, not the gateway's.
 */
export function roomsForEvent(event: CaseEvent): string[] {
  const rooms = [ALL_TEAMS_ROOM];
  if (event.teamId) rooms.push(teamRoom(event.teamId));
  const from = teamMovedFrom(event);
  if (from) rooms.push(teamRoom(from));
  return rooms;
}
