import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { DomainError, type CaseEvent, type StaffPrincipal } from '@inbox/contracts';
import { TokenService } from '@inbox/auth';
import { CaseQueryService } from '@inbox/cases';
import { roomsFor, roomsForEvent } from './socket-rooms';

const SNAPSHOT_LIMIT = 500;
/** Further behind than this, a reconnecting agent gets a fresh snapshot instead of a replay. */
const RESYNC_LIMIT = 1_000;
/** Gaps below the last sequence a client may ask about (see CaseQueryService.eventsSince). */
const MAX_MISSING = 1_000;

type AgentSocket = Socket & { data: { staff: StaffPrincipal } };

/**
 * The agents' single window on namespace /agents: authenticates on connect,
 * puts each agent in the rooms of their teams, sends a snapshot of the queue,
 * then live case events; a reconnecting agent resyncs from its last sequence.
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: false } })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(AgentsGateway.name);
  @WebSocketServer() private namespace!: Namespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly cases: CaseQueryService,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
      this.tokens
        .authenticate(token)
        .then((staff) => {
          (socket as AgentSocket).data.staff = staff;
          next();
        })
        .catch((error: unknown) => next(new Error(error instanceof DomainError ? error.code : 'unauthenticated')));
    });
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    const staff = socket.data.staff;
    await socket.join(roomsFor(staff));
    try {
      socket.emit('queue.snapshot', await this.snapshot(staff));
    } catch (error) {
      this.logger.warn({ msg: 'snapshot failed', err: error });
    }
  }

  /** Pushes one case event to everyone allowed to see it. */
  broadcast(event: CaseEvent): void {
    this.namespace.to(roomsForEvent(event)).emit(event.type, event);
  }

  @SubscribeMessage('resync')
  async resync(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { sinceSeq?: unknown; missing?: unknown }) {
    const since = Number(body?.sinceSeq);
    if (!Number.isSafeInteger(since) || since < 0) return { error: 'invalid_input', message: 'sinceSeq must be a sequence number' };
    const missing = body?.missing ?? [];
    if (!Array.isArray(missing) || missing.length > MAX_MISSING || !missing.every((s) => Number.isSafeInteger(s) && s > 0 && s <= since)) {
      return { error: 'invalid_input', message: `missing must be at most ${MAX_MISSING} sequence numbers up to sinceSeq` };
    }
    const events = await this.cases.eventsSince(socket.data.staff, since, RESYNC_LIMIT + 1, missing as number[]);
    if (events.length > RESYNC_LIMIT) return { snapshot: await this.snapshot(socket.data.staff) };
    return { events };
  }

  @SubscribeMessage('claim')
  async claim(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { caseId?: unknown }) {
    if (typeof body?.caseId !== 'string') return { error: 'invalid_input', message: 'caseId is required' };
    try {
      return { case: await this.cases.claim(socket.data.staff, body.caseId) };
    } catch (error) {
      if (error instanceof DomainError) return { error: error.code, message: error.message, details: error.details };
      throw error;
    }
  }

  private async snapshot(staff: StaffPrincipal) {
    // Read the sequence first: events after it may also be in the list, never missing from both.
    const seq = await this.cases.latestSeq();
    const { items, total } = await this.cases.list(staff, { status: 'open', limit: SNAPSHOT_LIMIT, offset: 0 });
    return { seq, cases: items, total };
  }
}
