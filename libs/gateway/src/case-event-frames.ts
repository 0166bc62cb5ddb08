import type { CaseEvent } from '@inbox/contracts';

/**
 * How long case events wait to share a frame. Under load an agent is sent
 * several events per millisecond; one `case.events` frame for all of them
 * costs the gateway one encoding and one write per socket instead of one per
 * event. Short beside the webhook-to-agent budget (docs/benchmark.md).
 */
export const CASE_EVENT_FRAME_WINDOW_MS = 10;

/**
 * Gathers case events for a short window and hands them on as one frame per
 * set of rooms, in the order they came. Every event goes to exactly one set,
 * so a socket in several of the rooms still receives each event once; a
 * socket usually gets one frame per window (its teams' events), two when it
 * views a case whose per-message events only that case's room receives.
 */
export class CaseEventFrames {
  private pending = new Map<string, { rooms: string[]; events: CaseEvent[] }>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (rooms: string[], events: CaseEvent[]) => void,
    private readonly windowMs: number = CASE_EVENT_FRAME_WINDOW_MS,
  ) {}

  add(rooms: string[], event: CaseEvent): void {
    const key = [...rooms].sort().join('\n');
    const frame = this.pending.get(key);
    if (frame) frame.events.push(event);
    else this.pending.set(key, { rooms, events: [event] });
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Sends what is gathered now (the window's end, or shutting down). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const frames = [...this.pending.values()];
    this.pending = new Map();
    for (const frame of frames) this.send(frame.rooms, frame.events);
  }
}
