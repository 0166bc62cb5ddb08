import type { NoteMention } from './notifications';
import type { CaseSummary, MessageView } from './case-events';
import type { Channel } from './channels';
import type { AttachmentRef } from './inbound-message';

/** An internal note on a case: never sent to the customer. */
export interface CaseNote {
  id: string;
  text: string;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: string;
  /** The colleagues the note named with @ (and who were notified). */
  mentions?: NoteMention[];
}

/**
 * One row of a case's history (`case_events`): who did what, when. `data` is
 * read as stored, so it is loosely typed here: rows written by older versions
 * keep their older shape (the live event union is `CaseEvent`).
 */
export interface CaseHistoryEntry {
  seq: number;
  type: string;
  actorUserId: string | null;
  /** Who did it; null for the system (intake, deadlines, automatic messages). */
  actorName: string | null;
  at: string;
  /** What exactly: e.g. the reason of an escalation, the team of a transfer, a score. */
  data: Record<string, unknown> | null;
}

/** A message as a timeline shows it: with its case's reference (another case of the customer's is marked) and its author. */
export type TimelineMessage = MessageView & { caseReference: string | null; authorName: string | null; attachments: AttachmentRef[] };

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

/** One entry of a customer's story across channels and cases; `kind` says which fields it has. */
export type CustomerTimelineEntry =
  | ({ kind: 'message'; at: string } & TimelineMessage)
  | ({ kind: 'note'; at: string; caseId: string; caseReference: string } & Omit<CaseNote, 'createdAt'>)
  | ({ kind: 'satisfaction'; at: string } & SatisfactionEntry);

/** Satisfaction asked after one resolution of a case, and the score when answered. */
export interface CaseSatisfaction {
  id: string;
  resolvedAt: string;
  channel: string;
  askedAt: string;
  score: number | null;
  answeredAt: string | null;
}

export interface CustomerIdentityView {
  id: string;
  channel: Channel;
  address: string;
}

/** `GET /api/cases/:id`: the case with its customer, messages across channels, notes and history. */
export interface CaseDetail extends CaseSummary {
  customer: { id: string; displayName: string | null; identities: CustomerIdentityView[] };
  /** This case's messages in intake order, each as the timeline shows it. */
  messages: TimelineMessage[];
  /** The case's history: every event, who did it, when and what. */
  events: CaseHistoryEntry[];
  /**
   * The rest of the customer's story across channels and cases: internal notes, satisfaction answers, and the
   * messages of their other cases. This case's messages are in `messages` only (a client shows both together:
   * inTimelineOrder).
   */
  timeline: CustomerTimelineEntry[];
  satisfaction: CaseSatisfaction[];
  /** Email: everyone the customer copied on this case (To: and Cc: of their mails), offered for reply-all. */
  copied: string[];
}
