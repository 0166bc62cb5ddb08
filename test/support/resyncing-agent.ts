import { io, type Socket } from 'socket.io-client';
import type { CaseEvent } from '@inbox/contracts';

export const CASE_EVENT_TYPES = ['case.created', 'case.updated', 'message.created', 'message.updated'] as const;

/**
 * An agent's socket on /agents that remembers every case event by sequence
 * number. After a reconnect (its gateway was killed and restarted) it asks
 * for what it missed: everything after its last sequence, and the gaps below
 * it (a transaction may commit a lower sequence after a higher one).
 */
export class ResyncingAgent {
  /** Every event seen, live or by resync, by sequence number. */
  readonly events = new Map<number, CaseEvent>();
  /** Sequence numbers that arrived live (not through a resync). */
  readonly live = new Set<number>();
  private lastSeq = 0;
  private socket?: Socket;

  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

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
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  disconnect(): void {
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
    for (const type of CASE_EVENT_TYPES) socket.on(type, (event: CaseEvent) => this.see(event, true));
    await new Promise((resolve, reject) => {
      socket.once('queue.snapshot', resolve);
      socket.once('connect_error', reject);
      socket.once('disconnect', () => reject(new Error('disconnected before the snapshot')));
    });
    if (this.lastSeq > 0) await this.resync();
  }

  private gaps(): number[] {
    const gaps: number[] = [];
    for (let seq = Math.max(1, this.lastSeq - 999); seq <= this.lastSeq; seq++) if (!this.events.has(seq)) gaps.push(seq);
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
