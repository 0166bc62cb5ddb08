import type { Channel } from './channels';
import type { AttachmentRef, Visibility } from './inbound-message';

export const CASE_EVENT_TYPES = [
  'case.created',
  'case.updated',
  'message.created',
  'message.updated',
  // The agents' workspace (actor, time and what in each event's data):
  'case.assigned',
  'case.acknowledged',
  'case.escalated',
  'case.transferred',
  'case.reopened',
  'note.created',
  'knowledge.saved',
  'satisfaction.requested',
  'satisfaction.recorded',
  // Triage (data says what changed): incidents alert supervisors live; merges and corrections are audited on each case.
  'incident.opened',
  'incident.updated',
  'customer.merged',
  'customer.unmerged',
  'classification.corrected',
  // RG 271 compliance (data says what and why): the IDR response / closure, deadline alerts from the scheduler
  // (supervisors receive them live), the delay notice, the complaint type and its deadlines, allowed pauses,
  // the social-media tests, systemic-issue flags.
  'case.resolved',
  'case.delay_notified',
  'deadline.at_risk',
  'deadline.delay_prompt',
  'deadline.breached',
  'deadline.changed',
  'clock.paused',
  'clock.resumed',
  'social.tests_recorded',
  'systemic.flagged',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export type Direction = 'inbound' | 'outbound';
export type ClassificationKind = 'complaint' | 'enquiry' | 'compliment' | 'noise';

export const CLASSIFICATION_KINDS: readonly ClassificationKind[] = ['complaint', 'enquiry', 'compliment', 'noise'];
export type Urgency = 'low' | 'normal' | 'high';
/** Signals that the customer may be vulnerable or in hardship (RG 271 expects extra care). */
export type VulnerabilitySignal = 'hardship' | 'illness' | 'family_violence' | 'bereavement' | 'cannot_pay' | 'other';

/**
 * What triage decided about one inbound message. `category` is `<product>/<issue>`
 * (e.g. `card/fees`), kept as one string for filters; `product` and `issue` are its parts.
 * `source` says whether the model said it or an agent corrected it.
 */
export interface Classification {
  kind: ClassificationKind;
  confidence: number;
  category: string | null;
  product: string | null;
  issue: string | null;
  urgency: Urgency;
  vulnerability: VulnerabilitySignal[];
  /** -1 (angry) … 1 (happy). */
  sentiment: number;
  language: string;
  source: 'model' | 'agent';
}

export interface MessageView {
  id: string;
  caseId: string | null;
  customerId: string;
  channel: Channel;
  direction: Direction;
  text: string;
  senderAddress: string | null;
  createdAt: string;
  receivedAt: string;
  deliveryStatus: string | null;
  /** Why a message could not be delivered (provider error, opt-out, channel not connected). */
  deliveryError: string | null;
  classification: Classification | null;
  /** On channels with public comments: whether this message is public (a comment or a public reply) or private. */
  visibility?: Visibility;
  /** Files that came with the message: kept ones have a `url` staff can fetch; refused ones say why. */
  attachments?: AttachmentRef[];
}

export interface CaseSummary {
  id: string;
  reference: string;
  status: string;
  channel: Channel;
  customerId: string;
  customerName: string | null;
  teamId: string | null;
  assigneeId: string | null;
  priority: number;
  category: string | null;
  receivedAt: string;
  lastMessageAt: string;
  deadlines: { acknowledgeBy: string | null; respondBy: string | null };
  preview: string;
}

/**
 * What triage (or the gateway's own actions) publish on `inbox.case-events.v1`,
 * keyed by case id. `seq` is the case_events row id: global and increasing, so
 * a reconnecting agent can ask for everything after the last one it saw.
 */
export interface CaseEvent {
  seq: number;
  type: CaseEventType;
  caseId: string;
  reference: string;
  teamId: string | null;
  at: string;
  actorUserId: string | null;
  case: CaseSummary;
  message?: MessageView;
  data?: Record<string, unknown>;
}
