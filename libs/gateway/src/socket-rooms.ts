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
 * Events about one message of a case that change nothing in a queue (a
 * delivery status, a message's text filled in later): only the agents viewing
 * that case need them. Sent to every queue they were most of the frames a
 * busy inbox pushed (each reply and acknowledgement reports two or three).
 */
const CASE_ROOM_ONLY: ReadonlySet<CaseEvent['type']> = new Set(['message.updated']);

/**
 * Who receives a case event: its team, and supervisors/admins; the team a
 * case was just moved away from (so it leaves their queue). Never a single
 * agent's room: an assignee who has left the case's team must not keep
 * hearing about it. Per-message events go only to the case's room, which a
 * socket joins once the case is shown to be visible to it. Deciding this is
 * the listener's job, not the gateway's.
 */
export function roomsForEvent(event: CaseEvent): string[] {
  if (CASE_ROOM_ONLY.has(event.type)) return [caseRoom(event.caseId)];
  const rooms = [ALL_TEAMS_ROOM];
  if (event.teamId) rooms.push(teamRoom(event.teamId));
  const from = teamMovedFrom(event);
  if (from) rooms.push(teamRoom(from));
  return rooms;
}
