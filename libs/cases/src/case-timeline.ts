import type { AttachmentRef, MessageView } from '@inbox/contracts';
import { MESSAGE_COLUMNS, toMessageView, type MessageRow } from './case-views';

/** One entry of a customer's story, in time order; `kind` says which fields it has. */
export type TimelineEntry =
  | ({ kind: 'message'; at: string; caseReference: string | null; authorName: string | null; attachments: AttachmentRef[] } & MessageView)
  | { kind: 'note'; id: string; at: string; caseId: string; caseReference: string; text: string; authorUserId: string; authorName: string }
  | {
      kind: 'satisfaction';
      id: string;
      at: string;
      caseId: string;
      caseReference: string;
      channel: string;
      askedAt: string;
      score: number | null;
      answer: string | null;
      answeredAt: string | null;
    };

const MAX_ENTRIES = 1_000;

/**
 * Everything that happened with one customer, across every channel and case:
 * inbound and outbound messages (with delivery status and attachments),
 * internal notes (never sent, marked as notes), satisfaction questions and answers.
 */
export async function customerTimeline(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, customerId: string): Promise<TimelineEntry[]> {
  const [messages, notes, surveys] = (await Promise.all([
    db.query(
      `SELECT ${MESSAGE_COLUMNS}, m.attachments, c.reference AS case_reference, u.name AS author_name
         FROM messages m LEFT JOIN cases c ON c.id = m.case_id LEFT JOIN users u ON u.id = m.author_user_id
        WHERE m.customer_id = $1 ORDER BY m.received_at DESC, m.created_at DESC LIMIT $2`,
      [customerId, MAX_ENTRIES],
    ),
    db.query(
      `SELECT n.id, n.case_id, c.reference, n.text, n.author_user_id, u.name AS author_name, n.created_at
         FROM case_notes n JOIN cases c ON c.id = n.case_id JOIN users u ON u.id = n.author_user_id
        WHERE c.customer_id = $1 ORDER BY n.created_at DESC LIMIT $2`,
      [customerId, MAX_ENTRIES],
    ),
    db.query(
      `SELECT s.id, s.case_id, c.reference, s.channel, s.asked_at, s.score, s.answer_text, s.answered_at
         FROM case_satisfaction s JOIN cases c ON c.id = s.case_id WHERE c.customer_id = $1`,
      [customerId],
    ),
  ])) as [
    Array<MessageRow & { attachments: AttachmentRef[]; case_reference: string | null; author_name: string | null }>,
    Array<{ id: string; case_id: string; reference: string; text: string; author_user_id: string; author_name: string; created_at: Date }>,
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
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
