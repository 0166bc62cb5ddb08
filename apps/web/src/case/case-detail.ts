import { inTimelineOrder, type CaseEvent, type CaseSummary, type Channel, type MessageView, type NoteMention, type TimelinePosition } from '@inbox/contracts';

/** An attachment as the server keeps it on a message (MMS media, email files, call recordings). */
export interface Attachment {
  url: string;
  contentType?: string | null;
  fileName?: string | null;
  sizeBytes?: number | null;
  durationSeconds?: number | null;
  /** Shown inside the email's HTML (listed only with the plain text). */
  inline?: boolean;
}

export type TimelineMessage = MessageView & { attachments?: Attachment[] | null; caseReference?: string | null; authorName?: string | null };

/** A satisfaction question after a resolution, and the customer's answer once given. */
export interface SatisfactionEntry {
  id: string;
  caseId: string;
  caseReference: string;
  channel: string;
  askedAt: string;
  score: number | null;
  answer: string | null;
  answeredAt: string | null;
}

/** The customer's whole story across channels and cases, as GET /api/cases/:id returns it. */
export type CustomerTimelineEntry =
  | ({ kind: 'message'; at: string } & TimelineMessage)
  | ({ kind: 'note'; at: string; caseId: string; caseReference: string } & Omit<CaseNote, 'createdAt'> & { createdAt?: string })
  | ({ kind: 'satisfaction'; at: string } & SatisfactionEntry);

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
  /** The colleagues the note named with @ (and who were notified). */
  mentions?: NoteMention[];
}

/** GET /api/cases/:id — the case with its customer, messages across channels, notes and history. */
export interface CaseDetail extends CaseSummary {
  customer: { id: string; displayName: string | null; identities: Array<{ channel: Channel; address: string; id?: string }> };
  messages: TimelineMessage[];
  events: CaseHistoryEvent[];
  /** Every message, note and satisfaction answer of the customer, on every channel and case. */
  timeline?: CustomerTimelineEntry[];
  /** Email: everyone the customer copied on this case, offered for reply-all. */
  copied?: string[];
}

export type TimelineItem =
  | { kind: 'message'; at: string; key: string; message: TimelineMessage; otherCase: string | null }
  | { kind: 'note'; at: string; key: string; note: CaseNote; otherCase: string | null }
  | { kind: 'satisfaction'; at: string; key: string; satisfaction: SatisfactionEntry; otherCase: string | null }
  | { kind: 'event'; at: string; key: string; event: CaseHistoryEvent };

/** Events the timeline already shows as messages, notes or satisfaction entries. */
const SHOWN_ELSEWHERE = new Set(['message.created', 'message.updated', 'note.created', 'satisfaction.requested', 'satisfaction.recorded']);

/**
 * Messages (this case's and the customer's other cases', marked as such),
 * notes, satisfaction answers and this case's history in one list: messages
 * in the order the inbox took them in, the rest between them by time.
 */
export function timelineOf(detail: CaseDetail): TimelineItem[] {
  const other = (caseId: string | null | undefined, reference: string | null | undefined) =>
    caseId && caseId !== detail.id ? reference ?? 'another case' : null;
  const entries: TimelineItem[] = detail.timeline
    ? detail.timeline.map((entry): TimelineItem => {
        if (entry.kind === 'message') return { kind: 'message', at: entry.at, key: `m:${entry.id}`, message: entry, otherCase: other(entry.caseId, entry.caseReference) };
        if (entry.kind === 'note') {
          return { kind: 'note', at: entry.at, key: `n:${entry.id}`, note: { ...entry, createdAt: entry.createdAt ?? entry.at }, otherCase: other(entry.caseId, entry.caseReference) };
        }
        return { kind: 'satisfaction', at: entry.at, key: `s:${entry.id}`, satisfaction: entry, otherCase: other(entry.caseId, entry.caseReference) };
      })
    : [
        ...detail.messages.map((message) => ({ kind: 'message' as const, at: message.receivedAt, key: `m:${message.id}`, message, otherCase: null })),
        ...notesFromEvents(detail.events).map((note) => ({ kind: 'note' as const, at: note.createdAt, key: `n:${note.id}`, note, otherCase: null })),
      ];
  const items: TimelineItem[] = [
    ...entries,
    ...detail.events
      .filter((event) => !SHOWN_ELSEWHERE.has(event.type) && !isPlainUpdate(event))
      .map((event) => ({ kind: 'event' as const, at: event.at, key: `e:${event.seq}`, event })),
  ];
  return inTimelineOrder(items, positionOf);
}

function positionOf(item: TimelineItem): TimelinePosition {
  if (item.kind === 'message') return { intakeSeq: item.message.intakeSeq, takenInAt: item.message.createdAt };
  return { at: item.at };
}

/**
 * The time the sender's side claims, when it is worth showing beside ours: a
 * minute or more apart (a device clock that is off, an email dated years ago).
 */
export function claimedTimeWorthShowing(message: Pick<MessageView, 'receivedAt' | 'sentAt'>): string | null {
  if (!message.sentAt) return null;
  return Math.abs(Date.parse(message.sentAt) - Date.parse(message.receivedAt)) >= 60_000 ? message.sentAt : null;
}

/** A `case.updated` without a described change (e.g. a new message bumped it) is noise in the history. */
function isPlainUpdate(event: CaseHistoryEvent): boolean {
  return event.type === 'case.updated' && !event.data?.change;
}

/** Without the customer timeline, a note is known from its `note.created` event. */
function notesFromEvents(events: CaseHistoryEvent[]): CaseNote[] {
  return events.flatMap((e) => {
    const note = e.data?.note as Partial<CaseNote> | undefined;
    if (e.type !== 'note.created' || typeof note?.text !== 'string') return [];
    return [{ id: note.id ?? String(e.seq), text: note.text, authorUserId: e.actorUserId, authorName: note.authorName ?? e.actorName ?? null, createdAt: note.createdAt ?? e.at, mentions: note.mentions }];
  });
}

/** Folds a live event into the open case: messages by id (delivery status moves in place), the summary from the event. */
export function applyEventToDetail(detail: CaseDetail, event: CaseEvent): CaseDetail {
  if (event.caseId !== detail.id) return detail;
  let { messages, timeline } = detail;
  if (event.message) {
    const incoming = event.message as TimelineMessage;
    const index = messages.findIndex((m) => m.id === incoming.id);
    messages = index < 0 ? [...messages, incoming] : messages.map((m, i) => (i === index ? { ...m, ...incoming } : m));
    if (timeline) {
      const at = timeline.findIndex((t) => t.kind === 'message' && t.id === incoming.id);
      timeline =
        at < 0
          ? [...timeline, { ...incoming, kind: 'message', at: incoming.receivedAt, caseReference: event.reference }]
          : timeline.map((t, i) => (i === at ? ({ ...t, ...incoming, kind: 'message', at: t.at } as CustomerTimelineEntry) : t));
    }
  }
  const note = event.type === 'note.created' ? (event.data?.note as CaseNote | undefined) : undefined;
  if (timeline && note?.id && !timeline.some((t) => t.kind === 'note' && t.id === note.id)) {
    timeline = [...timeline, { ...note, kind: 'note', at: note.createdAt, caseId: event.caseId, caseReference: event.reference }];
  }
  const events = detail.events.some((e) => e.seq === event.seq)
    ? detail.events
    : [...detail.events, { seq: event.seq, type: event.type, actorUserId: event.actorUserId, at: event.at, data: event.data ?? null }];
  return { ...detail, ...event.case, customer: detail.customer, messages, timeline, events };
}

/** Describes a history event in a line ("Claimed by Ann", "Escalated to supervisors by Ann — “reason”"). */
export function describeEvent(event: CaseHistoryEvent, actor: string | null, teamName: (id: unknown) => string | null = () => null): string {
  const by = actor ? ` by ${actor}` : '';
  const data = event.data ?? {};
  const reason = typeof data.reason === 'string' && data.reason ? ` — “${data.reason}”` : '';
  const deadline = data.deadline === 'acknowledgement' ? 'Acknowledgement' : 'IDR response';
  switch (event.type) {
    case 'case.created':
      return 'Case opened';
    case 'case.updated':
      if (data.change === 'claimed') return `Claimed${by}`;
      if (data.change === 'compliance_details') return `Complaint details updated${by}`;
      return `${sentence(String(data.change ?? 'updated'))}${by}`;
    case 'case.assigned':
      return `Assigned${data.assigneeName ? ` to ${data.assigneeName}` : ''}${data.mode === 'push' ? ' automatically' : by}`;
    case 'case.acknowledged':
      return data.automatic ? `Acknowledged automatically${typeof data.channel === 'string' ? ` on ${data.channel.toUpperCase() === 'SMS' ? 'SMS' : sentence(data.channel)}` : ''}` : `Acknowledged${by}${typeof data.note === 'string' ? ` — ${data.note}` : ''}`;
    case 'case.escalated':
      return `Escalated to ${data.to === 'supervisors' ? 'supervisors' : (data.teamName as string) ?? teamName(data.teamId) ?? 'another team'}${by}${reason}`;
    case 'case.transferred': {
      const to = (data.assigneeName as string | null) ?? teamName(data.teamId);
      return `Transferred${to ? ` to ${to}` : ''}${by}${reason}`;
    }
    case 'case.reopened':
      return `Reopened${by}${reason}`;
    case 'case.resolved': {
      if (data.unfounded) return `Marked unfounded${by}`;
      const amount = typeof data.compensationAmount === 'number' && data.compensationAmount > 0 ? `, $${data.compensationAmount.toFixed(2)} paid` : '';
      return `Resolved${by}${typeof data.outcome === 'string' ? ` — ${sentence(data.outcome).toLowerCase()}${amount}` : ''}`;
    }
    case 'case.delay_notified':
      return `Delay notice sent${by}`;
    case 'deadline.at_risk':
      return `${deadline} deadline at risk${data.escalatedTo === 'supervisors' ? ' — supervisors alerted' : ''}`;
    case 'deadline.delay_prompt':
      return 'Delay notice due before the IDR deadline';
    case 'deadline.breached':
      return `${deadline} deadline breached`;
    case 'deadline.changed':
      return `Deadline changed${by}${reason}`;
    case 'clock.paused':
      return `Clock paused${by}${typeof data.note === 'string' ? ` — ${data.note}` : ''}`;
    case 'clock.resumed':
      return `Clock resumed${by}`;
    case 'systemic.flagged':
      return `Flagged as a possible systemic issue${by}`;
    case 'knowledge.saved':
      return `Resolution saved to the knowledge base${by}`;
    default:
      return `${sentence(event.type.replace(/^case\./, ''))}${by}`;
  }
}

function sentence(code: string): string {
  const text = code.replace(/[._-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
