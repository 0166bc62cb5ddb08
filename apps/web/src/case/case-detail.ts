import {
  inTimelineOrder,
  type CaseDetail,
  type CaseHistoryEntry,
  type CaseNote,
  type MessageView,
  type SatisfactionEntry,
  type TimelineMessage,
  type TimelinePosition,
} from '@inbox/contracts';
import { formatDate } from '../format';
import { formatFirmDateText } from '../firm-date-text';

export type TimelineItem =
  | { kind: 'message'; at: string; key: string; message: TimelineMessage; otherCase: string | null }
  | { kind: 'note'; at: string; key: string; note: CaseNote; otherCase: string | null }
  | { kind: 'satisfaction'; at: string; key: string; satisfaction: SatisfactionEntry; otherCase: string | null }
  | { kind: 'event'; at: string; key: string; event: CaseHistoryEntry };

/** Events the timeline already shows as messages, notes or satisfaction entries. */
const SHOWN_ELSEWHERE = new Set(['message.created', 'message.updated', 'note.created', 'satisfaction.requested', 'satisfaction.recorded']);

/**
 * Messages (this case's, from `messages`, and the customer's other cases', marked as such),
 * notes, satisfaction answers and this case's history in one list: messages
 * in the order the inbox took them in, the rest between them by time.
 */
export function timelineOf(detail: CaseDetail): TimelineItem[] {
  const other = (caseId: string | null | undefined, reference: string | null | undefined) =>
    caseId && caseId !== detail.id ? reference ?? 'another case' : null;
  const own: TimelineItem[] = detail.messages.map((message) => ({ kind: 'message', at: message.receivedAt, key: `m:${message.id}`, message, otherCase: null }));
  // The timeline leaves out this case's messages (they come as `messages`); an older answer may still hold them.
  const shown = new Set(detail.messages.map((m) => m.id));
  const entries = detail.timeline.filter((entry) => entry.kind !== 'message' || !shown.has(entry.id)).map((entry): TimelineItem => {
    if (entry.kind === 'message') return { kind: 'message', at: entry.at, key: `m:${entry.id}`, message: entry, otherCase: other(entry.caseId, entry.caseReference) };
    if (entry.kind === 'note') return { kind: 'note', at: entry.at, key: `n:${entry.id}`, note: { ...entry, createdAt: entry.at }, otherCase: other(entry.caseId, entry.caseReference) };
    return { kind: 'satisfaction', at: entry.at, key: `s:${entry.id}`, satisfaction: entry, otherCase: other(entry.caseId, entry.caseReference) };
  });
  const items: TimelineItem[] = [
    ...own,
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
function isPlainUpdate(event: CaseHistoryEntry): boolean {
  return event.type === 'case.updated' && !event.data?.change;
}

/** Describes a history event in a line ("Claimed by Ann", "Escalated to supervisors by Ann — “reason”"). */
export function describeEvent(event: CaseHistoryEntry, actor: string | null, teamName: (id: unknown) => string | null = () => null): string {
  const by = actor ? ` by ${actor}` : '';
  const data = event.data ?? {};
  const reason = typeof data.reason === 'string' && data.reason ? ` — “${data.reason}”` : '';
  const deadline = data.deadline === 'acknowledgement' ? 'Acknowledgement' : 'IDR response';
  switch (event.type) {
    case 'case.created':
      return typeof data.fromReference === 'string' ? `Case opened${by} — split from ${data.fromReference}` : 'Case opened';
    case 'case.split': {
      const count = Array.isArray(data.messageIds) ? data.messageIds.length : 0;
      return `${count === 1 ? '1 message' : `${count} messages`} moved from ${String(data.fromReference)} to ${String(data.newReference)}${by}`;
    }
    case 'case.merged':
      return `${String(data.mergedReference)} merged into ${String(data.intoReference)}${by}`;
    case 'case.unmerged':
      return `Merge of ${String(data.mergedReference)} into ${String(data.intoReference)} undone${by}`;
    case 'split.suggested':
      return 'A message reads as another complaint: a split is suggested';
    case 'case.updated':
      if (data.change === 'claimed') return `Claimed${by}`;
      if (data.change === 'compliance_details') return `Complaint details updated${by}`;
      if (data.change === 'priority') return `Priority set to P${String(data.to)}${by}`;
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
    case 'case.tagged':
      return `Tagged “${String((data.tag as { name?: string } | undefined)?.name)}”${by}`;
    case 'case.untagged':
      return `Tag “${String((data.tag as { name?: string } | undefined)?.name)}” removed${by}`;
    case 'case.field_set': {
      const field = (data.field as { label?: string; kind?: string } | undefined) ?? {};
      const shown = (v: unknown) => (field.kind === 'date' && typeof v === 'string' ? formatFirmDateText(v) : String(v));
      if (data.to === null || data.to === undefined) return `${String(field.label)} cleared${by}`;
      return `${String(field.label)} set to “${shown(data.to)}”${by}${data.from !== null && data.from !== undefined ? ` (was “${shown(data.from)}”)` : ''}`;
    }
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
    case 'deadline.changed': {
      // A split or a merge moved the messages the clock counted from: say so, with the new start (short: one line).
      const restarted = { split: 'after a split', merge: 'after a merge', unmerge: 'after an undone merge' }[String(data.reason)];
      const to = data.to as { receivedAt?: string } | undefined;
      if (restarted) return `Clock restarted ${restarted}${by}${to?.receivedAt ? ` — from ${formatDate(to.receivedAt)}` : ''}`;
      return `Deadline changed${by}${reason}`;
    }
    case 'clock.paused':
      return `Clock paused${by}${typeof data.note === 'string' ? ` — ${data.note}` : ''}`;
    case 'clock.resumed':
      return `Clock resumed${by}`;
    case 'systemic.flagged':
      return `Flagged as a possible systemic issue${by}`;
    case 'knowledge.saved':
      return `Resolution saved to the knowledge base${by}`;
    case 'macro.applied': {
      const steps = Array.isArray(data.steps) ? (data.steps as Array<{ applied?: boolean }>) : [];
      const skipped = steps.filter((s) => !s.applied).length;
      return `Macro “${String(data.macroName)}” applied${by}${skipped ? ` — ${skipped} of ${steps.length} steps not applied` : ''}`;
    }
    case 'rule.ran': {
      const results = Array.isArray(data.results) ? (data.results as Array<{ action?: string; result?: string; detail?: string }>) : [];
      const what = results.map((r) => `${sentence(String(r.action))}${r.result === 'done' ? '' : ` (${r.result}${r.detail ? `: ${r.detail}` : ''})`}`).join(', ');
      return `Rule “${String(data.ruleName)}” ran${typeof data.cause === 'string' ? ` — ${data.cause}` : ''}${what ? `: ${what}` : ''}`;
    }
    default:
      return `${sentence(event.type.replace(/^case\./, ''))}${by}`;
  }
}

function sentence(code: string): string {
  const text = code.replace(/[._-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
