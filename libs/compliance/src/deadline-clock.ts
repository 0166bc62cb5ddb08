/**
 * One clock per complaint (RG 271.102–106): it starts at the first contact on
 * any channel, escalation, transfer or merging never reset it, and it stops
 * only for the pauses RG 271 allows.
 */

/** The only reasons the IDR clock may stop (trustee court events; a customer advocate's review after the IDR response). */
export const PAUSE_REASONS = ['trustee_court_event', 'customer_advocate_review'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export function isPauseReason(value: unknown): value is PauseReason {
  return typeof value === 'string' && (PAUSE_REASONS as readonly string[]).includes(value);
}

/**
 * Whether a pause applies to this complaint: court proceedings stop the
 * clock only for a traditional trustee (RG 271.77–78); a customer advocate's
 * review only once the IDR response has been given and the complainant asked
 * for the review (RG 271.110 Note 1).
 */
export function pauseRefusal(reason: PauseReason, facts: { complaintType: string; idrResponseGiven: boolean }): string | null {
  switch (reason) {
    case 'trustee_court_event':
      return facts.complaintType === 'traditional_trustee' ? null : 'Only a traditional trustee’s complaint may pause for court proceedings (RG 271.77–78)';
    case 'customer_advocate_review':
      return facts.idrResponseGiven ? null : 'A customer advocate’s review pauses the clock only after the IDR response has been given (RG 271.110 Note 1)';
    default: {
      const unknown: never = reason;
      throw new Error(`unknown pause reason ${String(unknown)}`);
    }
  }
}

export interface ClockPause {
  reason: PauseReason;
  startedAt: Date;
  /** Null while the pause lasts. */
  endedAt: Date | null;
}

/** The earliest contact wins: merging two cases keeps the older start. */
export function clockStart(contacts: readonly Date[]): Date {
  if (contacts.length === 0) throw new Error('a clock needs at least one contact');
  return new Date(Math.min(...contacts.map((d) => d.getTime())));
}

/** Time the clock stood still up to `now`. */
export function pausedMs(pauses: readonly ClockPause[], now: Date): number {
  let total = 0;
  for (const p of pauses) {
    const end = Math.min((p.endedAt ?? now).getTime(), now.getTime());
    if (end > p.startedAt.getTime()) total += end - p.startedAt.getTime();
  }
  return total;
}

/** A deadline moved out by the time the clock was paused. */
export function extendByPauses(due: Date, pauses: readonly ClockPause[], now: Date): Date {
  return new Date(due.getTime() + pausedMs(pauses, now));
}

/**
 * `delay_notified`: past the deadline, but the IDR delay notification went
 * out before it — not a breach (RG 271.64).
 */
export type DeadlineState = 'on_track' | 'at_risk' | 'breached' | 'delay_notified';

export interface DeadlineProgress {
  state: DeadlineState;
  /** Share of the allowed time used, 0 … (above 1 once breached). */
  fractionUsed: number;
  /** The deadline after pauses. */
  dueAt: Date;
  paused: boolean;
}

/**
 * Where a complaint stands against its deadline at `now`: at risk once
 * `atRiskThreshold` of the allowed time is used (default 0.8), breached after it.
 */
export function deadlineProgress(input: {
  clockStartedAt: Date;
  due: Date;
  now: Date;
  pauses?: readonly ClockPause[];
  atRiskThreshold: number;
  /** When the IDR delay notification was sent, if it was. */
  delayNoticeAt?: Date | null;
}): DeadlineProgress {
  const pauses = input.pauses ?? [];
  const paused = pausedMs(pauses, input.now);
  const dueAt = new Date(input.due.getTime() + paused);
  const allowed = input.due.getTime() - input.clockStartedAt.getTime();
  const used = input.now.getTime() - input.clockStartedAt.getTime() - paused;
  const fractionUsed = allowed <= 0 ? 1 : Math.max(0, used / allowed);
  const noticeInTime = input.delayNoticeAt ? input.delayNoticeAt <= dueAt : false;
  const state: DeadlineState =
    input.now > dueAt ? (noticeInTime ? 'delay_notified' : 'breached') : fractionUsed >= input.atRiskThreshold ? 'at_risk' : 'on_track';
  return { state, fractionUsed, dueAt, paused: pauses.some((p) => p.endedAt === null) };
}
