import { seesAllTeams, type CaseEvent, type StaffPrincipal } from '@inbox/contracts';

/** Rooms on /agents: one per team, one for everyone who sees all teams, one per agent, one per viewed case. */
export const ALL_TEAMS_ROOM = 'teams:all';
export const teamRoom = (teamId: string) => `team:${teamId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const caseRoom = (caseId: string) => `case:${caseId}`;

export function roomsFor(principal: StaffPrincipal): string[] {
  const rooms = [userRoom(principal.userId), ...principal.teamIds.map(teamRoom)];
  if (seesAllTeams(principal)) rooms.push(ALL_TEAMS_ROOM);
  return rooms;
}

/**
 * Who receives a case event: its team, and supervisors/admins; the team a
 * case was just moved away from (so it leaves their queue); the agent it was
 * assigned to. Deciding this is the listener's job, not the gateway's.
 */
export function roomsForEvent(event: CaseEvent): string[] {
  const rooms = [ALL_TEAMS_ROOM];
  if (event.teamId) rooms.push(teamRoom(event.teamId));
  const from = event.data?.fromTeamId;
  if (typeof from === 'string' && from !== event.teamId) rooms.push(teamRoom(from));
  if (event.case.assigneeId) rooms.push(userRoom(event.case.assigneeId));
  return rooms;
}
