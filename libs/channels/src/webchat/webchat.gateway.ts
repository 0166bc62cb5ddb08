import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { BUS, type Bus } from '@inbox/bus';
import { DomainError, TOPICS } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { RateLimiter } from './webchat-rate-limiter';
import { visitorRoom } from './webchat-rooms';
import { WebchatConversation, type VisitorChatLine } from './webchat-conversation';
import { WebchatVisitorTokens, type WebchatVisitor } from './webchat-visitor-token';
import { parseVisitorContact, parseVisitorMessage, type VisitorContact } from './webchat-visitor-message';

type VisitorSocket = Socket & { data: { visitor: WebchatVisitor; contact?: VisitorContact } };
type Ack = { ok: true; id?: string } | { error: string; message: string; retryAfterSeconds?: number };

/**
 * The web chat on namespace /webchat. A visitor is anonymous: the handshake's
 * `auth.visitorToken` (kept by the widget in localStorage) names them, and a
 * missing or forged one gets a new visitor, announced with `session`. On
 * connect the visitor joins only their own room and gets their `history`.
 * `message` `{ text, clientId? }` is acknowledged once the bus has it; agents'
 * replies arrive as `message` events (see WebchatReplies). Messages are
 * limited in size and rate, per visitor and per network address.
 */
@WebSocketGateway({ namespace: '/webchat' })
export class WebchatGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(WebchatGateway.name);
  @WebSocketServer() private namespace!: Namespace;
  private readonly limits: NonNullable<AppConfig['webchat']>;
  private readonly perVisitor: RateLimiter;
  private readonly perAddress: RateLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BUS) private readonly bus: Bus,
    private readonly tokens: WebchatVisitorTokens,
    private readonly conversation: WebchatConversation,
  ) {
    if (!config.webchat) throw new Error('Web chat registered without its settings');
    this.limits = config.webchat;
    this.perVisitor = new RateLimiter(this.limits.messagesPerMinute);
    this.perAddress = new RateLimiter(this.limits.messagesPerMinutePerAddress);
  }

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as { visitorToken?: unknown } | undefined;
      (socket as VisitorSocket).data.visitor = this.tokens.verify(auth?.visitorToken) ?? this.tokens.newVisitor();
      next();
    });
  }

  async handleConnection(socket: VisitorSocket): Promise<void> {
    const visitor = socket.data.visitor;
    await socket.join(visitorRoom(visitor.id));
    socket.emit('session', { visitorId: visitor.id, visitorToken: visitor.token });
    try {
      socket.emit('history', { messages: await this.conversation.history(visitor.id) });
    } catch (error) {
      this.logger.warn({ msg: 'webchat history failed', err: error instanceof Error ? error.message : String(error) });
    }
  }

  @SubscribeMessage('message')
  async message(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.answer(async () => {
      const inbound = parseVisitorMessage(body, { id: socket.data.visitor.id, contact: socket.data.contact }, {
        maxLength: this.limits.maxMessageLength,
        now: new Date(),
        newId: randomUUID,
        meta: { origin: socket.handshake.headers.origin ?? null },
      });
      const limited = this.rateLimited(socket);
      if (limited) return limited;
      await this.bus.publish(TOPICS.inbound, `webchat:${socket.data.visitor.id}`, inbound);
      return { ok: true, id: inbound.externalId.slice(socket.data.visitor.id.length + 1) };
    });
  }

  /** `{ name?, email?, phone? }`: who the visitor is; linked to their customer with their next message. */
  @SubscribeMessage('identify')
  identify(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.answer(async () => {
      socket.data.contact = parseVisitorContact(body, this.config.defaultPhoneRegion);
      return { ok: true };
    });
  }

  /** The conversation again (after a reconnect). */
  @SubscribeMessage('history')
  async history(@ConnectedSocket() socket: VisitorSocket): Promise<{ messages: VisitorChatLine[] } | Ack> {
    try {
      return { messages: await this.conversation.history(socket.data.visitor.id) };
    } catch {
      return { error: 'unavailable', message: 'The conversation could not be loaded; please try again' };
    }
  }

  /** Pushes a line to every tab of one visitor, and only to them. */
  push(visitorId: string, line: VisitorChatLine): void {
    this.namespace.to(visitorRoom(visitorId)).emit('message', line);
  }

  private rateLimited(socket: VisitorSocket): Ack | undefined {
    const visitorKey = socket.data.visitor.id;
    const addressKey = socket.handshake.address;
    // Both must allow it; the per-address limit stops a script that makes up new visitors.
    if (!this.perVisitor.take(visitorKey)) {
      return { error: 'rate_limited', message: 'You are sending messages too fast; please wait a moment', retryAfterSeconds: this.perVisitor.retryAfterSeconds(visitorKey) };
    }
    if (!this.perAddress.take(addressKey)) {
      return { error: 'rate_limited', message: 'Too many messages from your network; please wait a moment', retryAfterSeconds: this.perAddress.retryAfterSeconds(addressKey) };
    }
    return undefined;
  }

  private async answer(step: () => Promise<Ack>): Promise<Ack> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof DomainError && !error.retryable) return { error: error.code, message: error.message };
      this.logger.warn({ msg: 'webchat message not taken', err: error instanceof Error ? error.message : String(error) });
      return { error: 'unavailable', message: 'Your message could not be sent right now; please try again' };
    }
  }
}
