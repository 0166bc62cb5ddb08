/**
 * Collision detection: who is looking at or typing in a case. Ephemeral, so
 * it travels on its own topic (never the audit trail); the state itself is in
 * PostgreSQL, so an instance that misses a change still answers correctly.
 */
export type PresenceState = 'viewing' | 'typing' | 'left';

export interface PresenceChange {
  caseId: string;
  userId: string;
  userName: string;
  state: PresenceState;
  /** The gateway instance the agent is connected to. */
  instanceId: string;
  at: string;
}

/** Who is in a case now: one entry per agent, typing when any of their tabs types. */
export interface CaseViewer {
  userId: string;
  userName: string;
  typing: boolean;
}
