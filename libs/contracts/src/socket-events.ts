import type { CaseEvent, CaseEventOf, CaseEventType, CaseSummary } from './case-events';
import type { Channel } from './channels';
import type { CaseViewer, PresenceChange } from './presence';
import type { ChannelVolumes, SupervisorOverview } from './supervisor';
import type { StaffNotificationNotice } from './notifications';

/**
 * The Socket.IO contract, end to end: for each namespace what the server
 * emits and what clients send (with the acknowledgement each answers).
 * Server gateways type their `Namespace`/`Socket` with these maps, the web
 * workspace its `socket.io-client` socket, so a renamed event or a changed
 * payload fails the typecheck on both sides.
 */

/** A socket acknowledgement that refused: a domain error as the HTTP answers carry it. */
export interface SocketError {
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What an agent sees when it connects: the open cases it may see and the sequence they are as of. */
export interface QueueSnapshot {
  seq: number;
  cases: CaseSummary[];
  total?: number;
}

/** Why a signed-in socket is being closed, and the sentence to show on the sign-in screen. */
export interface SessionEnded {
  reason: string;
  message: string;
}

type Ack<T> = (answer: T | SocketError) => void;

/**
 * `/agents`, server → client. Supervisors and admins also receive the dashboard pushes (aggregates, never
 * derived from each event on the client).
 */
export interface AgentServerEvents {
  /**
   * Case events, a short window's worth in one frame, in sequence order within it: each event once, to those
   * who may see it (its team's room and the all-teams room; a message's delivery status and the like only to
   * the agents viewing that case). Each carries its `type`; see unpackCaseEvents.
   */
  'case.events': (events: CaseEvent[]) => void;
  'queue.snapshot': (snapshot: QueueSnapshot) => void;
  /** Someone started or stopped viewing or typing in a case the receiver is viewing. */
  presence: (change: PresenceChange) => void;
  'session.ended': (ended: SessionEnded) => void;
  /** A new notification for the receiver (their own room only), with their unread count. */
  notification: (notice: StaffNotificationNotice) => void;
  /** Supervisors only: live volumes, then the rest of the dashboard, every SUPERVISOR_PUSH_INTERVAL_MS. */
  'metrics.volumes': (volumes: ChannelVolumes) => void;
  'supervisor.overview': (overview: SupervisorOverview) => void;
}

/** The case events in a `case.events` frame, each with its own type: what a client that listens by type wants. */
export function unpackCaseEvents(frame: unknown): CaseEvent[] {
  return Array.isArray(frame) ? frame.filter(isCaseEvent) : [];
}

function isCaseEvent(payload: unknown): payload is CaseEvent {
  const p = payload as Partial<CaseEvent> | null;
  return !!p && typeof p === 'object' && typeof p.seq === 'number' && typeof p.caseId === 'string' && typeof p.type === 'string';
}

/** The event of one type, for listeners that want one (`CaseEventOf<'case.created'>`). */
export function isCaseEventOf<T extends CaseEventType>(event: CaseEvent, type: T): event is CaseEventOf<T> {
  return event.type === type;
}

/** `/agents` events that only supervisors and admins receive. */
export const SUPERVISOR_EVENTS = { volumes: 'metrics.volumes', overview: 'supervisor.overview' } as const satisfies Record<string, keyof AgentServerEvents>;

/** The answer to `resync`: the events missed, or a fresh snapshot when they are too many. */
export type ResyncAnswer = { events: CaseEvent[] } | { snapshot: QueueSnapshot };

/** `/agents`, client → server; each answers through the acknowledgement. */
export interface AgentClientEvents {
  resync: (body: { sinceSeq: number; missing?: number[] }, ack: Ack<ResyncAnswer>) => void;
  claim: (body: { caseId: string }, ack: Ack<{ case: CaseSummary }>) => void;
  /** The agent opened a case: they join its room and get who else is there. */
  'case.view': (body: { caseId: string }, ack: Ack<{ viewers: CaseViewer[] }>) => void;
  'case.leave': (body: { caseId: string }, ack: Ack<{ ok: true }>) => void;
  /** Start or stop typing in a case being viewed. */
  typing: (body: { caseId: string; typing: boolean }, ack?: Ack<{ ok: true }>) => void;
}

/** What a client event's acknowledgement answers (its refusal included). */
export type AgentAnswer<K extends keyof AgentClientEvents> = Parameters<NonNullable<Parameters<AgentClientEvents[K]>[1]>>[0];

/** One line of a web chat conversation as the visitor sees it. */
export interface WebchatLine {
  id: string;
  from: 'visitor' | 'agent';
  /** Agent lines: the agent's first name, or null for an automatic message (acknowledgement, survey). */
  author?: string | null;
  text: string;
  at: string;
  /** Answers to offer as buttons (the satisfaction question's 1–5). */
  choices?: string[];
}

/** Per claimed address: whether a verification code went out (the address itself is not echoed). */
export type WebchatCodeSent = { channel: Channel; sent: true; expiresInMinutes: number } | { channel: Channel; sent: false; error: string; message: string };

/** What a web chat request answers: done (with what), or refused and why. */
export type WebchatAck =
  | { ok: true; id?: string; verification?: WebchatCodeSent[]; verified?: Array<{ channel: Channel }> }
  | { error: string; message: string; retryAfterSeconds?: number; attemptsLeft?: number };

/** `/webchat`, server → visitor. */
export interface WebchatServerEvents {
  /** The visitor's id and the token that keeps it across page loads. */
  session: (session: { visitorId: string; visitorToken: string }) => void;
  history: (history: { messages: WebchatLine[] }) => void;
  message: (line: WebchatLine) => void;
}

/** `/webchat`, visitor → server. */
export interface WebchatClientEvents {
  message: (body: { text: string; clientId?: string }, ack: (answer: WebchatAck) => void) => void;
  /** The visitor's name and contacts; email and phone numbers get a code to prove them. */
  identify: (body: { name?: string; email?: string; phone?: string }, ack: (answer: WebchatAck) => void) => void;
  verify: (body: { code: string }, ack: (answer: WebchatAck) => void) => void;
  history: (ack: (answer: { messages: WebchatLine[] } | WebchatAck) => void) => void;
}
