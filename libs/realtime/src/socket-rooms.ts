import { seesAllTeams, type CaseEvent, type StaffPrincipal } from '@inbox/contracts';

/** Rooms on /agents: one per team, and one for everyone who sees all teams. */
export const ALL_TEAMS_ROOM = 'teams:all';
export const teamRoom = (teamId: string) => `team:${teamId}`;
export const userRoom = (userId: string) => `user:${userId}`;

export function roomsFor(principal: StaffPrincipal): string[] {
  const rooms = [userRoom(principal.userId), ...principal.teamIds.map(teamRoom)];
  if (seesAllTeams(principal)) rooms.push(ALL_TEAMS_ROOM);
  return rooms;
}

/** Who receives a case event: its team, and supervisors/admins. Deciding this is the listener's job, not the gateway's. */
export function roomsForEvent(event: CaseEvent): string[] {
  return event.teamId ? [teamRoom(event.teamId), ALL_TEAMS_ROOM] : [ALL_TEAMS_ROOM];
}
