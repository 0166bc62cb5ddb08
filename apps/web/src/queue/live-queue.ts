import { io, type Socket } from 'socket.io-client';
import { unpackCaseEvents, type AgentAnswer, type AgentClientEvents, type AgentServerEvents, type CaseEvent, type SocketError } from '@inbox/contracts';
import { applyEvents, applySnapshot, EMPTY_QUEUE, type QueueState } from './queue-state';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveQueueView {
  queue: QueueState;
  connection: ConnectionState;
}

type Listener = () => void;
type EventListener = (event: CaseEvent) => void;
type RawListener = (payload: unknown) => void;

/** /agents as typed by the shared contract (libs/contracts/src/socket-events.ts). */
type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
/** What a client event sends, and what its acknowledgement answers when it does not refuse. */
type RequestBody<K extends keyof AgentClientEvents> = Parameters<AgentClientEvents[K]>[0];
type RequestAnswer<K extends keyof AgentClientEvents> = Exclude<AgentAnswer<K>, SocketError>;
/** Pushes other than case events that a view may follow. */
type OtherPush = Exclude<keyof AgentServerEvents, 'case.events'>;

const AUTH_ERRORS = ['missing_token', 'invalid_token', 'session_ended', 'unauthenticated'];

/**
 * The agent's connection to /agents: a snapshot on connect, then every event
 * carrying a sequence; after a reconnect it asks for what it missed since the
 * last sequence it applied (or takes the fresh snapshot the server offers).
 * Case events come in `case.events` frames; any event with a sequence and a
 * case id counts, so new event types the server adds update the queue without
 * a client change.
 */
export class LiveQueue {
  private view: LiveQueueView = { queue: EMPTY_QUEUE, connection: 'connecting' };
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly rawListeners = new Map<string, Set<RawListener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly socket: AgentSocket;
  private connectedBefore = false;

  /** The socket signs in with the session cookie the browser sends with the handshake (same origin). */
  constructor(private readonly onUnauthorized: (why?: string) => void) {
    this.socket = io('/agents', { transports: ['websocket'], reconnectionDelayMax: 5_000, withCredentials: true });
    this.socket.on('connect', () => {
      this.set({ connection: 'live' });
      if (this.connectedBefore) {
        this.resync();
        for (const listener of this.reconnectListeners) listener();
      }
      this.connectedBefore = true;
    });
    this.socket.on('disconnect', () => this.set({ connection: 'reconnecting' }));
    // The server ended this session (signed out elsewhere, account disabled, role or teams changed, token ran out).
    this.socket.on('session.ended', (ended) => {
      this.set({ connection: 'refused' });
      this.onUnauthorized(ended?.message ? `${ended.message}.` : undefined);
    });
    this.socket.on('connect_error', (error: Error) => {
      if (AUTH_ERRORS.includes(error.message)) {
        this.set({ connection: 'refused' });
        this.onUnauthorized();
      } else {
        this.set({ connection: 'reconnecting' });
      }
    });
    this.socket.on('queue.snapshot', (snapshot) => this.set({ queue: applySnapshot(this.view.queue, snapshot) }));
    this.socket.on('case.events', (frame) => {
      const events = unpackCaseEvents(frame);
      if (!events.length) return;
      this.set({ queue: applyEvents(this.view.queue, events) });
      for (const event of events) for (const listener of this.eventListeners) listener(event);
    });
    this.socket.onAny((name: string, payload: unknown) => {
      for (const listener of this.rawListeners.get(name) ?? []) listener(payload);
    });
  }

  getView = (): LiveQueueView => this.view;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every case event as it arrives (an open case panel follows its own case). */
  onCaseEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Other pushes by name (presence, the supervisors' dashboard…), typed by the contract. */
  on<K extends OtherPush>(name: K, listener: (payload: Parameters<AgentServerEvents[K]>[0]) => void): () => void {
    const set = this.rawListeners.get(name) ?? new Set<RawListener>();
    const raw = listener as RawListener;
    set.add(raw);
    this.rawListeners.set(name, set);
    return () => set.delete(raw);
  }

  /** After a reconnect (a new socket on the server): re-join what the old one had joined. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Emits with an acknowledgement; rejects after a timeout or when the server answers `{ error }`. */
  request<K extends keyof AgentClientEvents>(name: K, body: RequestBody<K>, timeoutMs = 10_000): Promise<RequestAnswer<K>> {
    // One event name at a time is not something socket.io's emit overloads can follow: the types are checked at this method's signature.
    const emitter = this.socket.timeout(timeoutMs) as unknown as { emit(name: string, body: unknown, ack: (error: Error | null, answer: unknown) => void): void };
    return new Promise((resolve, reject) => {
      emitter.emit(name, body, (error, answer) => {
        if (error) reject(new Error('The server did not answer in time'));
        else if (isSocketError(answer)) reject(new Error(answer.message ?? answer.error));
        else resolve(answer as RequestAnswer<K>);
      });
    });
  }

  /** Fire-and-forget (typing indicators, leaving a case). */
  emit<K extends 'typing' | 'case.leave'>(name: K, body: RequestBody<K>): void {
    if (this.socket.connected) (this.socket as unknown as { emit(name: string, body: unknown): void }).emit(name, body);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.offAny();
    this.socket.close();
    this.listeners.clear();
    this.eventListeners.clear();
  }

  private resync(): void {
    const sinceSeq = this.view.queue.seq;
    this.request('resync', { sinceSeq })
      .then((answer) => {
        if ('snapshot' in answer) this.set({ queue: applySnapshot(this.view.queue, answer.snapshot) });
        else {
          this.set({ queue: applyEvents(this.view.queue, answer.events) });
          for (const event of answer.events) for (const listener of this.eventListeners) listener(event);
        }
      })
      .catch(() => {
        // The snapshot sent on every connect still brings the queue up to date.
      });
  }

  private set(patch: Partial<LiveQueueView>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function isSocketError(answer: unknown): answer is SocketError {
  return typeof answer === 'object' && answer !== null && 'error' in answer && Boolean((answer as SocketError).error);
}
