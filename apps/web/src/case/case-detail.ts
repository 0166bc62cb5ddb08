import type { CaseEvent, CaseSummary, Channel, MessageView } from '@inbox/contracts';

/** An attachment as the server keeps it on a message (MMS media, email files, call recordings). */
export interface Attachment {
  url: string;
  contentType?: string | null;
  fileName?: string | null;
  sizeBytes?: number | null;
  durationSeconds?: number | null;
}

export type TimelineMessage = MessageView & { attachments?: Attachment[] | null };

export interface CaseHistoryEvent {
  seq: number;
  type: string;
  actorUserId: string | null;
  actorName?: string | null;
  at: string;
  data?: Record<string, unknown> | null;
}

export interface CaseNote {
  id: string;
  text: string;
  authorUserId: string | null;
  authorName?: string | null;
  createdAt: string;
}

/** GET /api/cases/:id — the case with its customer, messages across channels, notes and history. */
export interface CaseDetail extends CaseSummary {
  customer: { id: string; displayName: string | null; identities: Array<{ channel: Channel; address: string; id?: string }> };
  messages: TimelineMessage[];
  events: CaseHistoryEvent[];
  notes?: CaseNote[];
}

export type TimelineItem =
  | { kind: 'message'; at: string; key: string; message: TimelineMessage }
  | { kind: 'note'; at: string; key: string; note: CaseNote }
  | { kind: 'event'; at: string; key: string; event: CaseHistoryEvent };

/** Events the timeline already shows as messages or notes. */
const SHOWN_ELSEWHERE = new Set(['message.created', 'message.updated', 'note.created']);

/** Messages, notes and case history in one chronological list. */
export function timelineOf(detail: CaseDetail): TimelineItem[] {
  const notes = detail.notes ?? notesFromEvents(detail.events);
  const items: TimelineItem[] = [
    ...detail.messages.map((message) => ({ kind: 'message' as const, at: message.receivedAt, key: `m:${message.id}`, message })),
    ...notes.map((note) => ({ kind: 'note' as const, at: note.createdAt, key: `n:${note.id}`, note })),
    ...detail.events
      .filter((event) => !SHOWN_ELSEWHERE.has(event.type) && !isPlainUpdate(event))
      .map((event) => ({ kind: 'event' as const, at: event.at, key: `e:${event.seq}`, event })),
  ];
  return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
}

/** A `case.updated` without a described change (e.g. a new message bumped it) is noise in the history. */
function isPlainUpdate(event: CaseHistoryEvent): boolean {
  return event.type === 'case.updated' && !event.data?.change;
}

/** Without a notes list, a note is known from its `note.created` event. */
function notesFromEvents(events: CaseHistoryEvent[]): CaseNote[] {
  return events
    .filter((e) => e.type === 'note.created' && typeof e.data?.text === 'string')
    .map((e) => ({
      id: String(e.data?.noteId ?? e.seq),
      text: String(e.data?.text),
      authorUserId: e.actorUserId,
      authorName: e.actorName ?? null,
      createdAt: e.at,
    }));
}

/** Folds a live event into the open case: messages by id (delivery status moves in place), the summary from the event. */
export function applyEventToDetail(detail: CaseDetail, event: CaseEvent): CaseDetail {
  if (event.caseId !== detail.id) return detail;
  let messages = detail.messages;
  if (event.message) {
    const incoming = event.message as TimelineMessage;
    const index = messages.findIndex((m) => m.id === incoming.id);
    messages = index < 0 ? [...messages, incoming] : messages.map((m, i) => (i === index ? { ...m, ...incoming } : m));
  }
  const events = detail.events.some((e) => e.seq === event.seq)
    ? detail.events
    : [...detail.events, { seq: event.seq, type: event.type, actorUserId: event.actorUserId, at: event.at, data: event.data ?? null }];
  return { ...detail, ...event.case, customer: detail.customer, messages, events, notes: detail.notes };
}

/** Describes a history event in a line ("Claimed by Ann"). */
export function describeEvent(event: CaseHistoryEvent, actor: string | null): string {
  const by = actor ? ` by ${actor}` : '';
  const data = event.data ?? {};
  const reason = typeof data.reason === 'string' && data.reason ? ` — “${data.reason}”` : '';
  switch (event.type) {
    case 'case.created':
      return 'Case opened';
    case 'case.updated':
      if (data.change === 'claimed') return `Claimed${by}`;
      return `${sentence(String(data.change ?? 'updated'))}${by}`;
    case 'case.assigned':
      return `Assigned${data.assigneeName ? ` to ${data.assigneeName}` : ''}${by}`;
    case 'case.acknowledged':
      return `Acknowledged${by}`;
    case 'case.escalated':
      return `Escalated${data.toTeamName ? ` to ${data.toTeamName}` : ''}${by}${reason}`;
    case 'case.transferred':
      return `Transferred${data.toTeamName ? ` to ${data.toTeamName}` : data.toUserName ? ` to ${data.toUserName}` : ''}${by}${reason}`;
    case 'case.reopened':
      return `Reopened${by}${reason}`;
    case 'case.resolved':
      return `Resolved${by}${typeof data.outcome === 'string' ? ` (${sentence(data.outcome)})` : ''}`;
    case 'case.unfounded':
      return `Marked unfounded${by}`;
    case 'knowledge.saved':
      return `Resolution saved to the knowledge base${by}`;
    case 'satisfaction.requested':
      return 'Customer asked to rate the service';
    case 'satisfaction.recorded':
      return `Customer rated the service${typeof data.score === 'number' ? ` ${data.score}/5` : ''}`;
    default:
      return `${sentence(event.type.replace(/^case\./, ''))}${by}`;
  }
}

function sentence(code: string): string {
  const text = code.replace(/[._-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
