import type { CaseDetail, CaseEvent, CaseEventType, MessageView, TimelineMessage } from '@inbox/contracts';

/** What a pushed event did to a cached case, and what it could not carry (to be read again). */
export interface FoldedEvent {
  detail: CaseDetail;
  /** Something the event does not carry changed (a merged customer, a satisfaction entry, an unknown author). */
  stale: boolean;
}

/** Events that never change a case's RG 271 state: the compliance panel need not be read again after them. */
const COMPLIANCE_UNAFFECTED: ReadonlySet<CaseEventType> = new Set([
  'message.created',
  'note.created',
  'knowledge.saved',
  'satisfaction.requested',
  'satisfaction.recorded',
  'case.assigned',
  'incident.opened',
  'incident.updated',
  'customer.merged',
  'customer.unmerged',
]);

/** Whether the case's compliance state (`GET /api/cases/:id/compliance`) may have changed with this event. */
export function changesCompliance(event: CaseEvent): boolean {
  return !COMPLIANCE_UNAFFECTED.has(event.type);
}

/**
 * Folds a live event into the cached case: the summary from the event, its
 * message by id into the case's messages (a delivery status moves in place),
 * a note into the timeline, the event into the history. An event already folded changes
 * nothing. `staffName` names the author of a message another agent sent.
 */
export function foldCaseEvent(detail: CaseDetail, event: CaseEvent, staffName: (userId: string | null) => string | null): FoldedEvent {
  if (event.caseId !== detail.id || detail.events.some((e) => e.seq === event.seq)) return { detail, stale: false };
  let stale = event.type === 'customer.merged' || event.type === 'customer.unmerged' || event.type === 'satisfaction.requested' || event.type === 'satisfaction.recorded';
  let { messages, timeline } = detail;
  if (event.message) {
    const known = messages.some((m) => m.id === event.message!.id);
    const authorName = event.message.direction === 'outbound' && event.actorUserId ? staffName(event.actorUserId) : null;
    // An agent's reply whose author this workspace cannot name: the case is read again for the name.
    if (!known && event.message.direction === 'outbound' && event.actorUserId && !authorName) stale = true;
    messages = upsertMessage(messages, event.message, { caseReference: event.reference, authorName });
  }
  if (event.type === 'note.created' && event.data && !timeline.some((t) => t.kind === 'note' && t.id === event.data!.note.id)) {
    const note = event.data.note;
    timeline = [
      ...timeline,
      { kind: 'note', id: note.id, at: note.createdAt, caseId: event.caseId, caseReference: event.reference, text: note.text, authorUserId: note.authorUserId, authorName: note.authorName },
    ];
  }
  const events = [...detail.events, { seq: event.seq, type: event.type, actorUserId: event.actorUserId, actorName: staffName(event.actorUserId), at: event.at, data: eventData(event) }];
  return { detail: { ...detail, ...event.case, customer: detail.customer, messages, timeline, events }, stale };
}

/** A message the composer sent, shown at once (its event, arriving later, then changes nothing). */
export function withSentMessage(detail: CaseDetail, message: TimelineMessage): CaseDetail {
  if (detail.messages.some((m) => m.id === message.id)) return detail;
  return { ...detail, messages: [...detail.messages, message] };
}

/** A new message of the case as the timeline shows it, or a known one changed in place (a delivery status). */
function upsertMessage(messages: TimelineMessage[], incoming: MessageView, extra: { caseReference: string; authorName: string | null }): TimelineMessage[] {
  const index = messages.findIndex((m) => m.id === incoming.id);
  if (index < 0) return [...messages, { ...incoming, ...extra, attachments: incoming.attachments ?? [] }];
  return messages.map((m, i) => (i === index ? { ...m, ...incoming, attachments: incoming.attachments ?? m.attachments } : m));
}

/** The history keeps an event's data as a plain record, as the REST history returns it. */
function eventData(event: CaseEvent): Record<string, unknown> | null {
  return event.data ? { ...event.data } : null;
}
