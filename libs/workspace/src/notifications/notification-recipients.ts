import type { CaseEvent, NotificationKind } from '@inbox/contracts';

/** Whom a case event concerns: named people, or a group the store resolves to people. */
export type Audience = { userIds: string[] } | { supervisorsOf: string | null } | { membersOf: string };

/** A notification to make from one case event, before the store resolves its audience. */
export interface NotificationDraft {
  kind: NotificationKind;
  audience: Audience;
  title: string;
  body: string;
}

const DEADLINE_NAMES: Record<string, string> = { idr_response: 'IDR response', acknowledgement: 'acknowledgement' };
const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * What a case event tells whom: a note's mentions, a case assigned (or handed)
 * to someone else than the one who did it, a deadline at risk or missed on the
 * assignee's case, an escalation to supervisors (of the case's team) or to a
 * team (its members), a rule's notify actions (whom they name). Other events notify nobody.
 */
export function notificationDrafts(event: CaseEvent, actorName: string | null): NotificationDraft[] {
  const ref = event.reference;
  const who = actorName ?? 'The inbox';
  switch (event.type) {
    case 'note.created': {
      const note = event.data?.note;
      const userIds = (note?.mentions ?? []).map((m) => m.userId);
      return note && userIds.length ? [{ kind: 'mention', audience: { userIds }, title: `${who} mentioned you on ${ref}`, body: clip(note.text) }] : [];
    }
    case 'case.assigned':
    case 'case.transferred': {
      const assignee = event.case.assigneeId;
      if (!assignee || assignee === event.actorUserId) return [];
      if (event.type === 'case.transferred' && event.data?.assigneeId !== assignee) return [];
      const how = event.actorUserId ? `${who} assigned you ${ref}` : `${ref} was assigned to you`;
      return [{ kind: 'assignment', audience: { userIds: [assignee] }, title: how, body: clip(event.case.preview) }];
    }
    case 'deadline.at_risk':
    case 'deadline.breached': {
      const assignee = event.case.assigneeId;
      if (!assignee) return [];
      const deadline = DEADLINE_NAMES[String(event.data?.deadline)] ?? 'deadline';
      const state = event.type === 'deadline.at_risk' ? 'at risk' : 'missed';
      const dueAt = event.data?.dueAt;
      const due = typeof dueAt === 'string' ? ` (due ${dueAt.slice(0, 16).replace('T', ' ')} UTC)` : '';
      return [{ kind: 'deadline', audience: { userIds: [assignee] }, title: `${ref}: ${deadline} deadline ${state}`, body: `${clip(event.case.preview, 100)}${due}` }];
    }
    case 'case.escalated': {
      const escalation = event.data;
      const reason = typeof escalation?.reason === 'string' ? escalation.reason : '';
      if (escalation?.to === 'team' && typeof escalation.teamId === 'string') {
        return [{ kind: 'escalation', audience: { membersOf: escalation.teamId }, title: `${who} escalated ${ref} to your team`, body: clip(reason) }];
      }
      return [{ kind: 'escalation', audience: { supervisorsOf: event.teamId }, title: `${who} escalated ${ref} to supervisors`, body: clip(reason) }];
    }
    case 'rule.ran': {
      // A rule's notify actions: to a named colleague or a team's members, in the rule's own words.
      const ruleName = event.data?.ruleName ?? 'A rule';
      return (event.data?.notify ?? []).map((n) => ({
        kind: 'rule' as const,
        audience: n.userIds ? { userIds: n.userIds } : { membersOf: n.teamId! },
        title: `${ref}: rule “${ruleName}”`,
        body: clip(n.message),
      }));
    }
    default:
      return [];
  }
}
