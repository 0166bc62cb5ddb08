import { io, type Socket } from 'socket.io-client';
import { unpackCaseEvents, type CaseEvent, type PresenceChange } from '@inbox/contracts';

type Received = { name: string; payload: any };

/**
 * An agent on /agents that records every event it receives (case events of
 * any type, presence), with helpers to wait for one and to call with an ack.
 * A `case.events` frame is recorded as its events, each under its own type;
 * `frames` keeps the frames as they came.
 */
export interface AgentClient {
  socket: Socket;
  snapshot: { seq: number; cases: Array<{ id: string; teamId: string | null }>; total: number };
  received: Received[];
  frames: CaseEvent[][];
  caseEvents(): CaseEvent[];
  waitFor<T = CaseEvent>(name: string, predicate?: (payload: T) => boolean, ms?: number): Promise<T>;
  call<T = any>(event: string, body: unknown): Promise<T>;
  close(): void;
}

export async function connectAgentClient(url: string, token: string | undefined): Promise<AgentClient> {
  const socket = io(`${url}/agents`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: Received[] = [];
  const frames: CaseEvent[][] = [];
  const waiters: Array<{ name: string; predicate: (p: any) => boolean; resolve: (p: any) => void }> = [];
  const record = (name: string, payload: unknown) => {
    received.push({ name, payload });
    for (const w of [...waiters]) {
      if (w.name === name && w.predicate(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  };
  socket.onAny((name: string, payload: unknown) => {
    if (name !== 'case.events') return record(name, payload);
    const events = unpackCaseEvents(payload);
    frames.push(events);
    for (const event of events) record(event.type, event);
  });
  const snapshot = await new Promise<AgentClient['snapshot']>((resolve, reject) => {
    socket.once('queue.snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    snapshot,
    received,
    frames,
    caseEvents: () => received.filter((r) => typeof r.payload?.seq === 'number' && r.name !== 'queue.snapshot').map((r) => r.payload as CaseEvent),
    waitFor(name, predicate = () => true, ms = 10_000) {
      const seen = received.find((r) => r.name === name && predicate(r.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${name}`)), ms);
        waiters.push({ name, predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    call: (event, body) => socket.timeout(10_000).emitWithAck(event, body),
    close: () => socket.close(),
  };
}

export type { PresenceChange };
