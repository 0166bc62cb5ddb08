import { OPAQUE_ADDRESS_CHANNELS, type CaseSummary, type Channel } from '@inbox/contracts';
import { firmDate, firmTimeZone, zoneAbbreviation } from './firm-time';

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'Email',
  sms: 'SMS',
  voice: 'Voice',
  telegram: 'Telegram',
  messenger: 'Messenger',
  instagram: 'Instagram',
  whatsapp: 'WhatsApp',
  facebook: 'Facebook',
  webchat: 'Web chat',
};

export const channelLabel = (channel: string) => CHANNEL_LABELS[channel as Channel] ?? channel;

/** Who the customer is to people: their name, else the address the server chose for them (an email, a phone number, "Web chat visitor"). */
export function customerLabel(summary: Pick<CaseSummary, 'customerName' | 'customerAddress'>): string {
  return summary.customerName ?? summary.customerAddress ?? 'Customer';
}

/** An address worth showing people (a phone number, an email); null for a platform's id such as a web chat visitor token. */
export function readableAddress(channel: string, address: string | null | undefined): string | null {
  if (!address) return null;
  return OPAQUE_ADDRESS_CHANNELS.includes(channel as Channel) ? null : address;
}

/** How close a deadline is: `ok`, `warn` (¾ of the time used), `risk` (90 % used), `breached`. */
export type DeadlineTone = 'ok' | 'warn' | 'risk' | 'breached';

export interface DeadlineView {
  kind: 'acknowledge' | 'respond';
  at: string;
  label: string;
  tone: DeadlineTone;
}

/** "42m", "5h 12m", "3d 4h": compact enough for a queue row. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return `${days}d ${hours % 24}h`;
}

export function deadlineTone(startIso: string, dueIso: string, now: number): DeadlineTone {
  const start = Date.parse(startIso);
  const due = Date.parse(dueIso);
  if (now >= due) return 'breached';
  const used = due > start ? (now - start) / (due - start) : 1;
  if (used >= 0.9) return 'risk';
  if (used >= 0.75) return 'warn';
  return 'ok';
}

/**
 * The deadline an agent must watch: the acknowledgement while the summary says
 * it is still missing (`acknowledgedAt: null`), else the IDR response — the
 * queue's own order. A summary that does not say shows the IDR response.
 */
export function nextDeadline(summary: CaseSummary, now: number): DeadlineView | null {
  const withAck = summary as CaseSummary & { acknowledgedAt?: string | null };
  const ack = summary.deadlines.acknowledgeBy;
  const awaitingAck = 'acknowledgedAt' in withAck && withAck.acknowledgedAt === null && !!ack;
  const pick: { kind: DeadlineView['kind']; at: string } | null = awaitingAck
    ? { kind: 'acknowledge', at: ack! }
    : summary.deadlines.respondBy
      ? { kind: 'respond', at: summary.deadlines.respondBy }
      : null;
  if (!pick) return null;
  const left = Date.parse(pick.at) - now;
  return {
    ...pick,
    label: left >= 0 ? formatDuration(left) : `${formatDuration(left)} over`,
    tone: deadlineTone(summary.receivedAt, pick.at, now),
  };
}

/** "14:05" today, "Mon 14:05" this week, "12 Nov 14:05" before — in the firm's zone (see firm-time.ts). */
export function formatTime(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  const timeZone = firmTimeZone();
  const time = date.toLocaleTimeString('en-AU', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  if (firmDate(date) === firmDate(now)) return time;
  if (now - date.getTime() < 6 * 86_400_000 && date.getTime() <= now) {
    return `${date.toLocaleDateString('en-AU', { weekday: 'short', timeZone })} ${time}`;
  }
  return `${date.toLocaleDateString('en-AU', { day: 'numeric', month: 'short', timeZone })} ${time}`;
}

/** "4 Jan 2027, 23:59 AEDT": the firm's zone, named, so nobody reads it as their own. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  const text = date.toLocaleString('en-AU', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: firmTimeZone() });
  return `${text} ${zoneAbbreviation(date)}`;
}

/** "14:05:32 AEDT": a clock reading in the firm's zone, for what updates every few seconds. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return `${date.toLocaleTimeString('en-AU', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: firmTimeZone() })} ${zoneAbbreviation(date)}`;
}

/** "5 Dec 2026": the day in the firm's zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-AU', { day: 'numeric', month: 'short', year: 'numeric', timeZone: firmTimeZone() });
}

export function firstLine(text: string, max = 140): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function initials(name: string | null | undefined, fallback = '?'): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return fallback;
  return (parts[0][0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

export function humanise(code: string): string {
  const text = code.replace(/[._-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
