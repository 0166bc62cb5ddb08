import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import {
  DomainError,
  maySeeTeam,
  teamMovedFrom,
  type AgentAnswer,
  type AgentClientEvents,
  type AgentServerEvents,
  type CaseEvent,
  type PresenceChange,
  type QueueSnapshot,
  type StaffNotificationNotice,
  type StaffPrincipal,
} from '@inbox/contracts';
import { readCookie, SESSION_COOKIE, SessionRevocations, TokenService, type SessionEndReason, type SessionRevocation } from '@inbox/auth';
import { KeyedSerialQueue } from '@inbox/bus';
import { AgentPresenceStore, CaseClaimService, PushAssignmentService } from '@inbox/workspace';
import { socketCaseId } from './id-param.pipe';
import { CaseQueryService } from '@inbox/cases';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CasePresenceService } from './presence/case-presence.service';
import { caseRoom, roomsFor, roomsForEvent, userRoom } from './socket-rooms';
import { batchWebSocketFrames } from './websocket-frame-batching';
import { CaseEventFrames } from './case-event-frames';

const SNAPSHOT_LIMIT = 500;
/** Gaps below the last sequence a client may ask about (see CaseQueryService.eventsSince). */
const MAX_MISSING = 1_000;

/** Longest timer Node keeps (about 24.8 days); a later expiry is checked in steps. */
const MAX_TIMER_MS = 2_147_483_647;

const ENDED_MESSAGES: Record<SessionEndReason, string> = {
  logout: 'You signed out',
  user_disabled: 'Your account was disabled',
  role_changed: 'Your role changed; sign in again',
  teams_changed: 'Your teams changed; sign in again',
  password_reset: 'Your password was reset; sign in again',
  expired: 'Your session has ended; sign in again',
  revoked: 'This session was ended from the sessions list',
  access_withdrawn: 'Your directory groups no longer give you access to the inbox',
};

/** What a socket knows of its session: whose it is, which session, the token to re-check, when it runs out. */
export type AgentSocketData = { staff: StaffPrincipal; sessionId: string; token: string; expiresAt: number };
/** /agents, typed end to end by the shared event maps (libs/contracts/src/socket-events.ts). */
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentSocketData>;
type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentSocketData>;

/**
 * The agents' single window on namespace /agents: authenticates on connect,
 * puts each agent in the rooms of their teams, sends a snapshot of the queue,
 * then live case events; a reconnecting agent resyncs from its last sequence.
 * Agents say which case they view and when they type, so others see them.
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: false } })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown {
  private readonly logger = new Logger(AgentsGateway.name);
  @WebSocketServer() private namespace!: AgentNamespace;
  /**
   * One socket's presence steps (view, leave, typing, disconnect) run one after
   * another in the order it sent them. Run concurrently, a case.leave's "is this
   * agent still here?" read could miss the re-view sent right after it (a case
   * left and opened again), publish 'left' after that view's 'viewing', and the
   * others would see the agent gone while they are in the case.
   */
  private readonly presenceSteps = new KeyedSerialQueue();
  /** Each socket's re-check when its token runs out. */
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  /** Case events leave in `case.events` frames, a short window's worth at a time. */
  private readonly frames = new CaseEventFrames((rooms, events) => this.namespace.to(rooms).emit('case.events', events));

  constructor(
    private readonly tokens: TokenService,
    private readonly cases: CaseQueryService,
    private readonly online: AgentPresenceStore,
    private readonly presence: CasePresenceService,
    private readonly assignment: PushAssignmentService,
    private readonly claims: CaseClaimService,
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: AgentNamespace): void {
    namespace.use((socket, next) => {
      const token = socketToken(socket.handshake);
      this.tokens
        .authenticateSession(token)
        .then((session) => {
          Object.assign(socket.data, { staff: session.principal, sessionId: session.sessionId, token, expiresAt: session.expiresAt.getTime() });
          next();
        })
        .catch((error: unknown) => next(new Error(error instanceof DomainError ? error.code : 'unauthenticated')));
    });
    // A session ended anywhere (logout, disabled, role or teams changed, password reset): its sockets here close.
    this.revocations.onRevoked((revocation) => this.endSessions(revocation));
    // Notices may have been missed while the listener was away: check every socket again.
    this.revocations.onResync(() => {
      for (const socket of this.agentSockets()) void this.recheck(socket);
    });
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    batchWebSocketFrames(socket.conn);
    const staff = socket.data.staff;
    this.scheduleExpiryCheck(socket);
    await socket.join(roomsFor(staff));
    try {
      // Online before the snapshot: from then on push assignment may pick this agent.
      await this.online.connected(staff.userId);
      socket.emit('queue.snapshot', await this.snapshot(staff));
    } catch (error) {
      this.logger.warn({ msg: 'agent connection setup failed', err: error });
    }
    // An agent coming online may take what waits in their push teams.
    for (const teamId of staff.teamIds) {
      this.assignment.assignWaiting(teamId).catch((error: unknown) => this.logger.warn({ msg: 'push assignment failed', err: error }));
    }
  }

  async handleDisconnect(socket: AgentSocket): Promise<void> {
    const timer = this.expiryTimers.get(socket.id);
    if (timer) clearTimeout(timer);
    this.expiryTimers.delete(socket.id);
    const staff = socket.data.staff;
    if (!staff) return;
    try {
      await this.online.disconnected(staff.userId);
      // After the socket's pending views: one still in flight would otherwise leave a row behind.
      await this.presenceSteps.run(socket.id, () => this.presence.leaveAll(staff, socket.id));
    } catch (error) {
      this.logger.warn({ msg: 'agent disconnect cleanup failed', err: error });
    }
  }

  onApplicationShutdown(): void {
    this.frames.flush();
  }

  /** Pushes one case event to everyone allowed to see it, in the next `case.events` frame. */
  broadcast(event: CaseEvent): void {
    this.frames.add(roomsForEvent(event), event);
    // A case that moved to another team: whoever may no longer see it stops hearing who views it.
    if (teamMovedFrom(event)) {
      for (const socket of this.agentSockets()) {
        if (socket.rooms.has(caseRoom(event.caseId)) && !maySeeTeam(socket.data.staff, event.teamId)) void socket.leave(caseRoom(event.caseId));
      }
    }
  }

  /** Pushes a new notification to its owner's sockets only (their own room). */
  notify(notice: StaffNotificationNotice): void {
    this.namespace.to(userRoom(notice.notification.userId)).emit('notification', notice);
  }

  /** Pushes a viewing/typing change to the agents looking at that case. */
  broadcastPresence(change: PresenceChange): void {
    this.namespace.to(caseRoom(change.caseId)).emit('presence', change);
  }

  @SubscribeMessage('resync')
  async resync(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { sinceSeq?: unknown; missing?: unknown }): Promise<AgentAnswer<'resync'>> {
    const since = Number(body?.sinceSeq);
    if (!Number.isSafeInteger(since) || since < 0) return { error: 'invalid_input', message: 'sinceSeq must be a sequence number' };
    const missing = body?.missing ?? [];
    if (!Array.isArray(missing) || missing.length > MAX_MISSING || !missing.every((s) => Number.isSafeInteger(s) && s > 0 && s <= since)) {
      return { error: 'invalid_input', message: `missing must be at most ${MAX_MISSING} sequence numbers up to sinceSeq` };
    }
    const limit = this.config.workspace.resyncMaxEvents;
    const events = await this.cases.eventsSince(socket.data.staff, since, limit + 1, missing as number[]);
    if (events.length > limit) return { snapshot: await this.snapshot(socket.data.staff) };
    return { events };
  }

  @SubscribeMessage('claim')
  claim(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { caseId?: unknown }): AgentAnswer<'claim'> | Promise<AgentAnswer<'claim'>> {
    const parsed = socketCaseId(body);
    if ('error' in parsed) return parsed;
    const { caseId } = parsed;
    return answer(async () => ({ case: await this.claims.claim(socket.data.staff, caseId) }));
  }

  /** The agent opened a case: they join its room and get who else is there; the others see them arrive. */
  @SubscribeMessage('case.view')
  view(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { caseId?: unknown }): AgentAnswer<'case.view'> | Promise<AgentAnswer<'case.view'>> {
    const parsed = socketCaseId(body);
    if ('error' in parsed) return parsed;
    const { caseId } = parsed;
    return answer(() =>
      this.presenceSteps.run(socket.id, async () => {
        await this.cases.summaryVisibleTo(socket.data.staff, caseId);
        await socket.join(caseRoom(caseId));
        return { viewers: await this.presence.view(socket.data.staff, socket.id, caseId) };
      }),
    );
  }

  @SubscribeMessage('case.leave')
  leave(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { caseId?: unknown }): AgentAnswer<'case.leave'> | Promise<AgentAnswer<'case.leave'>> {
    const parsed = socketCaseId(body);
    if ('error' in parsed) return parsed;
    const { caseId } = parsed;
    return answer(() =>
      this.presenceSteps.run(socket.id, async () => {
        await socket.leave(caseRoom(caseId));
        await this.presence.leave(socket.data.staff, socket.id, caseId);
        return { ok: true as const };
      }),
    );
  }

  /** `{caseId, typing}`: start or stop typing in a case being viewed. */
  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { caseId?: unknown; typing?: unknown }): AgentAnswer<'typing'> | Promise<AgentAnswer<'typing'>> {
    const parsed = socketCaseId(body);
    if ('error' in parsed) return parsed;
    const { caseId } = parsed;
    return answer(() =>
      this.presenceSteps.run(socket.id, async () => {
        await this.presence.typing(socket.data.staff, socket.id, caseId, body.typing !== false);
        return { ok: true as const };
      }),
    );
  }

  private agentSockets(): AgentSocket[] {
    return [...this.namespace.sockets.values()].filter((s): s is AgentSocket => Boolean((s as AgentSocket).data?.staff));
  }

  private endSessions(revocation: SessionRevocation): void {
    for (const socket of this.agentSockets()) {
      if (revocation.userIds.includes(socket.data.staff.userId) || revocation.sessionIds.includes(socket.data.sessionId)) {
        this.endSocket(socket, revocation.reason);
      }
    }
  }

  /** Tells the workspace why, then closes: the client shows its sign-in screen with the reason. */
  private endSocket(socket: AgentSocket, reason: SessionEndReason): void {
    if (!socket.connected) return;
    socket.emit('session.ended', { reason, message: ENDED_MESSAGES[reason] });
    socket.disconnect();
  }

  /** When the socket's token runs out, its session and principal are checked again; an expired token ends the socket. */
  private scheduleExpiryCheck(socket: AgentSocket): void {
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, socket.data.expiresAt - Date.now()));
    const timer = setTimeout(() => void this.recheck(socket), delay);
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  /** The socket's session as the database says now: ended, or the principal changed, closes it. */
  private async recheck(socket: AgentSocket): Promise<void> {
    if (!socket.connected) return;
    try {
      const session = await this.tokens.authenticateSession(socket.data.token, { fresh: true });
      if (!samePrincipal(session.principal, socket.data.staff)) return this.endSocket(socket, 'expired');
      this.scheduleExpiryCheck(socket);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'unauthenticated') return this.endSocket(socket, 'expired');
      this.logger.warn({ msg: 'agent session re-check failed; trying again shortly', err: error });
      const retry = setTimeout(() => void this.recheck(socket), 5_000);
      retry.unref();
      this.expiryTimers.set(socket.id, retry);
    }
  }

  private async snapshot(staff: StaffPrincipal): Promise<QueueSnapshot> {
    // Read the sequence first: events after it may also be in the list, never missing from both.
    const seq = await this.cases.latestSeq();
    const { items, total } = await this.cases.list(staff, { status: 'open', limit: SNAPSHOT_LIMIT, offset: 0 });
    return { seq, cases: items, total };
  }
}

function samePrincipal(a: StaffPrincipal, b: StaffPrincipal): boolean {
  return a.userId === b.userId && a.role === b.role && [...a.teamIds].sort().join() === [...b.teamIds].sort().join();
}

/** Socket acknowledgements carry domain errors as `{error, message, details}`, like the HTTP answers. */
async function answer<T>(work: () => Promise<T>): Promise<T | { error: string; message: string; details?: Record<string, unknown> }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code, message: error.message, details: error.details };
    throw error;
  }
}

/**
 * The token a socket signs in with: `auth.token` (API clients, tests), or the
 * web workspace's session cookie, which the browser sends with the handshake.
 * A cookie counts only from a page of this same origin, so another site cannot
 * open a socket in a signed-in user's name.
 */
function socketToken(handshake: { auth?: Record<string, unknown>; headers: Record<string, string | string[] | undefined> }): string | undefined {
  if (typeof handshake.auth?.token === 'string') return handshake.auth.token;
  const origin = handshake.headers.origin;
  const host = handshake.headers.host;
  if (typeof origin === 'string' && typeof host === 'string') {
    try {
      if (new URL(origin).host !== host) return undefined;
    } catch {
      return undefined;
    }
  }
  const cookie = handshake.headers.cookie;
  return readCookie(typeof cookie === 'string' ? cookie : undefined, SESSION_COOKIE);
}
