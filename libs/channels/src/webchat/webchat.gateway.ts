import { InboundPublisher } from '../inbound-publisher';
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
import { DomainError, type Channel, type WebchatAck, type WebchatClientEvents, type WebchatCodeSent, type WebchatServerEvents } from '@inbox/contracts';
import { APP_CONFIG, clientAddress, SharedRateLimits, type AppConfig } from '@inbox/platform';
import { ContactCodeSender } from '../contact-code.sender';
import { visitorRoom } from './webchat-rooms';
import { CONTACT_VERIFICATION, CONVERSATION_HISTORY, type ContactVerification, type ConversationHistory, type OpenedChallenge, type VisitorChatLine } from '../ports';
import { WebchatVisitorTokens, type WebchatVisitor } from './webchat-visitor-token';
import { parseVisitorContact, parseVisitorMessage, type VisitorContact } from './webchat-visitor-message';

/** The most lines of the conversation a visitor is shown. */
const HISTORY_LIMIT = 200;

type VisitorData = { visitor: WebchatVisitor; contact?: VisitorContact; address: string };
/** /webchat, typed by the shared event maps (libs/contracts/src/socket-events.ts). */
type VisitorNamespace = Namespace<WebchatClientEvents, WebchatServerEvents, Record<string, never>, VisitorData>;
type VisitorSocket = Socket<WebchatClientEvents, WebchatServerEvents, Record<string, never>, VisitorData>;
type Ack = WebchatAck;
type CodeSent = WebchatCodeSent;

/**
 * The web chat on namespace /webchat. A visitor is anonymous: the handshake's
 * `auth.visitorToken` (kept by the widget in localStorage) names them, and a
 * missing or forged one gets a new visitor, announced with `session`. On
 * connect the visitor joins only their own room and gets their `history`.
 * `message` `{ text, clientId? }` is acknowledged once the bus has it; agents'
 * replies arrive as `message` events (see WebchatReplies). Messages are
 * limited in size and rate, per visitor and per network address.
 *
 * `identify` `{ name?, email?, phone? }` only *claims* addresses: each is
 * sent a one-time code, and becomes the visitor's identity (a route for
 * their mail, texts and replies) only when `verify` `{ code }` gets it right.
 */
@WebSocketGateway({ namespace: '/webchat' })
export class WebchatGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(WebchatGateway.name);
  @WebSocketServer() private namespace!: VisitorNamespace;
  private readonly limits: NonNullable<AppConfig['webchat']>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundPublisher,
    private readonly tokens: WebchatVisitorTokens,
    @Inject(CONVERSATION_HISTORY) private readonly conversations: ConversationHistory,
    @Inject(CONTACT_VERIFICATION) private readonly verifications: ContactVerification,
    private readonly codes: ContactCodeSender,
    private readonly rateLimits: SharedRateLimits,
  ) {
    if (!config.webchat) throw new Error('Web chat registered without its settings');
    this.limits = config.webchat;
  }

  afterInit(namespace: VisitorNamespace): void {
    namespace.use((socket, next) => {
      // The client behind TRUST_PROXY load balancers; connections per address are counted by every process together.
      const address = clientAddress(socket.request, this.config.trustProxyHops);
      this.rateLimits
        .consume('webchat.connect.address', address)
        .then((outcome) => {
          if (!outcome.allowed) {
            const refused = new Error('rate_limited') as Error & { data?: unknown };
            refused.data = { message: 'Too many chat connections from your network; please wait a moment', retryAfterSeconds: outcome.retryAfterSeconds };
            return next(refused);
          }
          const auth = socket.handshake.auth as { visitorToken?: unknown } | undefined;
          Object.assign(socket.data, { address, visitor: this.tokens.verify(auth?.visitorToken) ?? this.tokens.newVisitor() });
          next();
        })
        .catch((error: unknown) => {
          this.logger.warn({ msg: 'webchat connection limit check failed', err: error instanceof Error ? error.message : String(error) });
          next(new Error('unavailable'));
        });
    });
  }

  async handleConnection(socket: VisitorSocket): Promise<void> {
    const visitor = socket.data.visitor;
    await socket.join(visitorRoom(visitor.id));
    socket.emit('session', { visitorId: visitor.id, visitorToken: visitor.token });
    try {
      socket.emit('history', { messages: await this.conversation(visitor.id) });
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
      const limited = await this.rateLimited(socket, 'message', 'You are sending messages too fast; please wait a moment', 'Too many messages from your network; please wait a moment');
      if (limited) return limited;
      await this.inbound.publish(inbound);
      return { ok: true, id: inbound.externalId.slice(socket.data.visitor.id.length + 1) };
    });
  }

  /**
   * `{ name?, email?, phone? }`: who the visitor says they are. The name goes
   * with their messages; each address is recorded as an unverified claim with
   * their next message and is sent a code to prove it (see `verify`).
   */
  @SubscribeMessage('identify')
  identify(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.answer(async () => {
      const limited = await this.rateLimited(socket, 'identify', 'Too many changes of your contact details; please wait a moment', 'Too many requests from your network; please wait a moment');
      if (limited) return limited;
      const contact = parseVisitorContact(body, this.config.defaultPhoneRegion);
      socket.data.contact = contact;
      const verification: CodeSent[] = [];
      for (const claimed of contact.contacts) verification.push(await this.sendCode(socket.data.visitor.id, socket.data.address, claimed));
      return { ok: true, ...(verification.length ? { verification } : {}) };
    });
  }

  /** `{ code }`: the code sent to a claimed address; right → that address is the visitor's. */
  @SubscribeMessage('verify')
  verify(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<Ack> {
    return this.answer(async () => {
      const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
      if (typeof code !== 'string' || code.length > 20) return { error: 'verification_invalid_code', message: 'Enter the 6-digit code we sent you' };
      const result = await this.verifications.check({ channel: 'webchat', address: socket.data.visitor.id }, code);
      if (result.kind === 'none_pending') return { error: 'verification_not_pending', message: 'There is no code waiting to be entered; ask for a new one' };
      if (result.kind === 'wrong') {
        return result.attemptsLeft > 0
          ? { error: 'verification_code_wrong', message: 'That code is not right; please check it and try again', attemptsLeft: result.attemptsLeft }
          : { error: 'verification_code_wrong', message: 'That code is not right, and it cannot be tried again; ask for a new one', attemptsLeft: 0 };
      }
      return { ok: true, verified: result.contacts.map((c) => ({ channel: c.channel })) };
    });
  }

  /** The conversation again (after a reconnect). */
  @SubscribeMessage('history')
  async history(@ConnectedSocket() socket: VisitorSocket): Promise<{ messages: VisitorChatLine[] } | Ack> {
    try {
      const limited = await this.rateLimited(socket, 'history', 'You are asking for the conversation too often; please wait a moment', 'Too many requests from your network; please wait a moment');
      if (limited) return limited;
      return { messages: await this.conversation(socket.data.visitor.id) };
    } catch {
      return { error: 'unavailable', message: 'The conversation could not be loaded; please try again' };
    }
  }

  /** Opens a challenge and sends its code; a failure to send closes it and is told to the visitor. */
  private async sendCode(visitorId: string, network: string, claimed: { channel: Channel; address: string }): Promise<CodeSent> {
    if (claimed.channel !== 'email' && claimed.channel !== 'sms') return { channel: claimed.channel, sent: false, error: 'verification_channel_unsupported', message: 'This address cannot be confirmed' };
    let challenge: OpenedChallenge | undefined;
    try {
      challenge = await this.verifications.open({ channel: 'webchat', address: visitorId, network }, claimed);
      await this.codes.send({ channel: claimed.channel, address: challenge.address }, challenge.code, challenge.expiresInMinutes);
      return { channel: claimed.channel, sent: true, expiresInMinutes: challenge.expiresInMinutes };
    } catch (error) {
      if (challenge) await this.verifications.abandon(challenge.id).catch(() => undefined);
      // Never the code, never the address: only what kind of failure.
      if (error instanceof DomainError && !error.retryable) return { channel: claimed.channel, sent: false, error: error.code, message: error.message };
      this.logger.warn({ msg: 'webchat verification code not sent', channel: claimed.channel, err: error instanceof DomainError ? error.code : 'error' });
      return { channel: claimed.channel, sent: false, error: 'unavailable', message: 'We could not send the code right now; please try again later' };
    }
  }

  /**
   * The visitor's own conversation: what they wrote from this visitor id and
   * what was sent to it — nothing else of their customer or case, so even a
   * merged customer's other channels stay out of the widget.
   */
  private conversation(visitorId: string): Promise<VisitorChatLine[]> {
    return this.conversations.visitorChat(visitorId, HISTORY_LIMIT);
  }

  /** Pushes a line to every tab of one visitor, and only to them. */
  push(visitorId: string, line: VisitorChatLine): void {
    this.namespace.to(visitorRoom(visitorId)).emit('message', line);
  }

  /**
   * Both budgets must allow it, counted by every process together: the
   * visitor's, and their network address's (which stops a script that keeps
   * making up new visitors).
   */
  private async rateLimited(socket: VisitorSocket, action: 'message' | 'history' | 'identify', visitorMessage: string, addressMessage: string): Promise<Ack | undefined> {
    const visitor = await this.rateLimits.consume(`webchat.${action}.visitor` as const, socket.data.visitor.id);
    if (!visitor.allowed) return { error: 'rate_limited', message: visitorMessage, retryAfterSeconds: visitor.retryAfterSeconds };
    const address = await this.rateLimits.consume(`webchat.${action}.address` as const, socket.data.address);
    if (!address.allowed) return { error: 'rate_limited', message: addressMessage, retryAfterSeconds: address.retryAfterSeconds };
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
