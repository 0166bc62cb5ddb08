import { io, type Socket } from 'socket.io-client';
import { unpackCaseEvents, type CaseEvent } from '@inbox/contracts';

/**
 * An agent's socket on /agents that remembers every case event by sequence
 * number. When its gateway goes away it reconnects — to the next of
 * `gatewayUrls`, as a load balancer would send it to a live instance — and
 * asks for what it missed: everything after its last sequence, and the gaps
 * below it (a transaction may commit a lower sequence after a higher one).
 */
export class ResyncingAgent {
  /** Every event seen, live or by resync, by sequence number. */
  readonly events = new Map<number, CaseEvent>();
  /** Sequence numbers that arrived live (not through a resync). */
  readonly live = new Set<number>();
  private lastSeq = 0;
  /** The sequence of the first snapshot: what came before is in it, so gaps are looked for above it only. */
  private floor: number | undefined;
  private socket?: Socket;
  private closing = false;
  private urlIndex = 0;
  reconnects = 0;

  constructor(
    gatewayUrls: string | string[],
    private readonly token: string,
  ) {
    this.urls = Array.isArray(gatewayUrls) ? gatewayUrls : [gatewayUrls];
  }

  private readonly urls: string[];

  /** The gateway this agent is (or was last) connected to. */
  get baseUrl(): string {
    return this.urls[this.urlIndex % this.urls.length];
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Connects (once the gateway answers) and resyncs from the last sequence seen. */
  async connect(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.open();
        return;
      } catch (error) {
        this.socket?.close();
        if (Date.now() > deadline || this.closing) throw error;
        this.urlIndex++;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  disconnect(): void {
    this.closing = true;
    this.socket?.close();
  }

  /** Asks the gateway for everything after the last sequence and the gaps below it. */
  async resync(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('agent is not connected');
    const answer = (await socket.timeout(15_000).emitWithAck('resync', { sinceSeq: this.lastSeq, missing: this.gaps() })) as {
      events?: CaseEvent[];
      error?: string;
    };
    if (!answer.events) throw new Error(`resync did not answer with events: ${JSON.stringify(answer).slice(0, 200)}`);
    for (const event of answer.events) this.see(event, false);
  }

  /** Sequence numbers of `wanted` this agent has not seen. */
  missing(wanted: Iterable<number>): number[] {
    return [...wanted].filter((seq) => !this.events.has(seq));
  }

  private async open(): Promise<void> {
    const socket = io(`${this.baseUrl}/agents`, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, timeout: 5_000 });
    this.socket = socket;
    // Every case event of every frame, so "every event" means every one.
    socket.on('case.events', (frame: unknown) => {
      for (const event of unpackCaseEvents(frame)) this.see(event, true);
    });
    const snapshot = await new Promise<{ seq: number }>((resolve, reject) => {
      socket.once('queue.snapshot', resolve);
      socket.once('connect_error', reject);
      socket.once('disconnect', () => reject(new Error('disconnected before the snapshot')));
    });
    if (this.floor === undefined) {
      this.floor = Number(snapshot.seq);
      this.lastSeq = Math.max(this.lastSeq, this.floor);
    } else {
      await this.resync();
    }
    socket.once('disconnect', () => {
      if (this.closing || socket !== this.socket) return;
      // The gateway died: fail over to the next one and resync there.
      this.reconnects++;
      this.urlIndex++;
      void this.connect(120_000).catch(() => undefined);
    });
  }

  /** The oldest (at most 1,000) sequences above the floor that never arrived. */
  private gaps(): number[] {
    const gaps: number[] = [];
    for (let seq = (this.floor ?? 0) + 1; seq <= this.lastSeq && gaps.length < 1_000; seq++) if (!this.events.has(seq)) gaps.push(seq);
    return gaps;
  }

  private see(event: CaseEvent, live: boolean): void {
    this.events.set(event.seq, event);
    if (live) this.live.add(event.seq);
    this.lastSeq = Math.max(this.lastSeq, event.seq);
  }
}

export async function loginStaff(baseUrl: string, credentials: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (res.status !== 200 && res.status !== 201) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
