import { inTimelineOrder, type AttachmentRef, type CustomerTimelineEntry, type NoteMention, type StaffPrincipal } from '@inbox/contracts';
import { MESSAGE_COLUMNS, toMessageView, type MessageRow } from './case-views';
import { visibleCaseSql } from './visibility/team-visibility.sql';

/** One entry of a customer's story (see inTimelineOrder for the order); `kind` says which fields it has. */
export type TimelineEntry = CustomerTimelineEntry;

const MAX_ENTRIES = 1_000;

export interface TimelinePolicy {
  /** Also the messages of the customer's cases in teams the viewer does not see (TIMELINE_OTHER_TEAMS_MESSAGES). */
  otherTeamsMessages: boolean;
  /** The case being opened: its messages come with it (CaseDetail.messages), so the timeline leaves them out. */
  exceptMessagesOfCase?: string;
}

/**
 * Everything that happened with one customer that the viewer may see, across
 * every channel and case (but the messages of `exceptMessagesOfCase`), messages in the order the inbox took them in:
 * inbound and outbound messages (with delivery status and attachments),
 * internal notes (never sent, marked as notes), satisfaction questions and
 * answers. Notes and satisfaction answers of cases in other teams are never
 * shown; their messages only when the policy says so. Messages kept without a
 * case (noise) belong to the customer, whom the viewer sees.
 */
export async function customerTimeline(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  customerId: string,
  viewer: StaffPrincipal,
  policy: TimelinePolicy,
): Promise<TimelineEntry[]> {
  const messageParams: unknown[] = [customerId, MAX_ENTRIES];
  let messageScope = policy.otherTeamsMessages ? 'TRUE' : `(m.case_id IS NULL OR ${visibleCaseSql(viewer, 'c.team_id', messageParams)})`;
  if (policy.exceptMessagesOfCase) {
    messageParams.push(policy.exceptMessagesOfCase);
    messageScope += ` AND m.case_id IS DISTINCT FROM $${messageParams.length}`;
  }
  const noteParams: unknown[] = [customerId, MAX_ENTRIES];
  const noteScope = visibleCaseSql(viewer, 'c.team_id', noteParams);
  const surveyParams: unknown[] = [customerId];
  const surveyScope = visibleCaseSql(viewer, 'c.team_id', surveyParams);
  const [messages, notes, surveys] = (await Promise.all([
    db.query(
      `SELECT ${MESSAGE_COLUMNS}, m.attachments, c.reference AS case_reference, u.name AS author_name
         FROM messages m LEFT JOIN cases c ON c.id = m.case_id LEFT JOIN users u ON u.id = m.author_user_id
        WHERE m.customer_id = $1 AND ${messageScope} ORDER BY m.intake_seq DESC LIMIT $2`,
      messageParams,
    ),
    db.query(
      `SELECT n.id, n.case_id, c.reference, n.text, n.mentions, n.author_user_id, u.name AS author_name, n.created_at
         FROM case_notes n JOIN cases c ON c.id = n.case_id JOIN users u ON u.id = n.author_user_id
        WHERE c.customer_id = $1 AND ${noteScope} ORDER BY n.created_at DESC LIMIT $2`,
      noteParams,
    ),
    db.query(
      `SELECT s.id, s.case_id, c.reference, s.channel, s.asked_at, s.score, s.answer_text, s.answered_at
         FROM case_satisfaction s JOIN cases c ON c.id = s.case_id WHERE c.customer_id = $1 AND ${surveyScope}`,
      surveyParams,
    ),
  ])) as [
    Array<MessageRow & { attachments: AttachmentRef[]; case_reference: string | null; author_name: string | null }>,
    Array<{ id: string; case_id: string; reference: string; text: string; mentions: NoteMention[]; author_user_id: string; author_name: string; created_at: Date }>,
    Array<{ id: string; case_id: string; reference: string; channel: string; asked_at: Date; score: number | null; answer_text: string | null; answered_at: Date | null }>,
  ];
  const entries: TimelineEntry[] = [
    ...messages.map((m) => {
      const view = toMessageView(m);
      return { kind: 'message' as const, at: view.receivedAt, caseReference: m.case_reference, authorName: m.author_name, attachments: m.attachments ?? [], ...view };
    }),
    ...notes.map((n) => ({
      kind: 'note' as const,
      id: n.id,
      at: n.created_at.toISOString(),
      caseId: n.case_id,
      caseReference: n.reference,
      text: n.text,
      authorUserId: n.author_user_id,
      authorName: n.author_name,
      mentions: n.mentions,
    })),
    ...surveys.map((s) => ({
      kind: 'satisfaction' as const,
      id: s.id,
      // Shown where the answer came in (or the question, while unanswered).
      at: (s.answered_at ?? s.asked_at).toISOString(),
      caseId: s.case_id,
      caseReference: s.reference,
      channel: s.channel,
      askedAt: s.asked_at.toISOString(),
      score: s.score === null ? null : Number(s.score),
      answer: s.answer_text,
      answeredAt: s.answered_at?.toISOString() ?? null,
    })),
  ];
  return inTimelineOrder(entries, (e) => (e.kind === 'message' ? { intakeSeq: e.intakeSeq, takenInAt: e.createdAt } : { at: e.at }));
}
