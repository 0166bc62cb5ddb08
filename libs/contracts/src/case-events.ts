import type { Channel } from './channels';
import type { AttachmentRef, SenderAuthentication, Visibility } from './inbound-message';
import type { Redaction } from './redactions';
import type { CaseEventData } from './case-event-data';
import type { CaseStatus } from './case-status';
import type { CaseTag } from './tags';
import type { CustomFieldValues } from './custom-fields';

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
  'case.tagged',
  'case.untagged',
  'case.field_set',
  'note.created',
  'knowledge.saved',
  'satisfaction.requested',
  'satisfaction.recorded',
  // A macro run on the case: each step is also its own event (a reply, a note, a tag…); this one names the macro.
  'macro.applied',
  // Triage (data says what changed): incidents alert supervisors live; merges and corrections are audited on each case.
  'incident.opened',
  'incident.updated',
  'customer.merged',
  'customer.unmerged',
  'classification.corrected',
  // One complaint, one case (docs/workspace.md): messages moved to a new case, cases of one customer merged and
  // unmerged (on both cases each), and intake's suggestion that a new message is another complaint.
  'case.split',
  'case.merged',
  'case.unmerged',
  'split.suggested',
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
  // Automation (docs/workspace.md): an admin's rule ran on the case, with what each of its actions did.
  'rule.ran',
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
  /**
   * Set when the model was not sure enough to call the message anything but a complaint (RG 271: any doubt
   * counts for the customer): agents are asked to check the classification. Absent once an agent has.
   */
  doubt?: ClassificationDoubt | null;
  /**
   * Set when intake took the message as the answer to a satisfaction question (a bare "5"): it is a rating,
   * whatever kind the text alone reads as, and it is shown as one.
   */
  satisfactionScore?: number;
}

/** Why a message was made a complaint against the model's lean: what the model preferred, and the cues seen. */
export interface ClassificationDoubt {
  /** The kind the model itself found likeliest. */
  modelKind: ClassificationKind;
  /** `model_leaned_<kind>`, `low_confidence`, `asks_nothing`, `vulnerability`, `dissatisfied`, `irony`, `soft_complaint`, `third_party`, `dissatisfied_question`, `money_lost`, `premises_incident`. */
  reasons: string[];
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
  /** When the firm's systems received it (webhook arrival, IMAP INTERNALDATE); outbound: when it was written. */
  receivedAt: string;
  /** The time the sender's side claims (an email's Date, a provider's timestamp), when it has one; never used for clocks. */
  sentAt: string | null;
  /** The order the inbox took messages in: timelines follow it (one sequence, so never a tie). */
  intakeSeq: number;
  deliveryStatus: string | null;
  /** Why a message could not be delivered (provider error, opt-out, channel not connected). */
  deliveryError: string | null;
  classification: Classification | null;
  /** On channels with public comments: whether this message is public (a comment or a public reply) or private. */
  visibility?: Visibility;
  /** Files that came with the message: kept ones have a `url` staff can fetch; refused ones say why. */
  attachments?: AttachmentRef[];
  /** Email: who really sent it (SPF, DKIM, DMARC); `dmarc: 'fail'` means the From: address is not proven. */
  senderAuth?: SenderAuthentication;
  /** Email: the message has an HTML version (GET /api/messages/:id/html, sanitised). */
  hasHtml?: boolean;
  /** Email, inbound: the other people the customer wrote to (To: and Cc:), offered for reply-all. */
  copied?: string[];
  /** Email, outbound: who the reply was copied to, openly and blind. */
  cc?: string[];
  bcc?: string[];
  /** Inbound: what the inbox removed on arrival (card numbers, passwords…), by kind and place; the values were never stored. */
  redactions?: Redaction[];
}

export interface CaseSummary {
  id: string;
  reference: string;
  status: CaseStatus;
  channel: Channel;
  customerId: string;
  customerName: string | null;
  /** For a customer without a name, what to call them instead: an email, a phone number in national format, or the channel ("Web chat visitor"). */
  customerAddress: string | null;
  teamId: string | null;
  assigneeId: string | null;
  priority: number;
  category: string | null;
  receivedAt: string;
  lastMessageAt: string;
  deadlines: { acknowledgeBy: string | null; respondBy: string | null };
  /** When the acknowledgement was given (null: still owed) — the queue's badge watches that deadline until then. */
  acknowledgedAt?: string | null;
  preview: string;
  /** The case is a complaint because triage could not rule one out: an agent should check the classification. */
  classificationCheck?: boolean;
  /** The case's tags, by name. */
  tags?: CaseTag[];
  /** The case's custom field values, by field id (archived fields' too). */
  fields?: CustomFieldValues;
}

/** What every case event carries besides its data. */
interface CaseEventEnvelope {
  seq: number;
  caseId: string;
  reference: string;
  teamId: string | null;
  at: string;
  actorUserId: string | null;
  case: CaseSummary;
  message?: MessageView;
}

/**
 * What triage (or the gateway's own actions) publish on `inbox.case-events.v1`,
 * keyed by case id. `seq` is the case_events row id: global and increasing, so
 * a reconnecting agent can ask for everything after the last one it saw.
 * A union keyed by `type`: narrowing on `type` gives that event's `data`.
 */
export type CaseEvent = CaseEventOf<CaseEventType>;

/** One type of case event, with the data that type carries (CaseEventData); a union of types gives a union of events. */
export type CaseEventOf<T extends CaseEventType> = T extends CaseEventType ? CaseEventEnvelope & { type: T; data?: CaseEventData[T] } : never;

/** A case event's type and data before it is written: the writer adds the envelope. */
export type CaseEventDraft = { [T in CaseEventType]: { type: T; data: CaseEventData[T] } }[CaseEventType];

/** Who moved a case out of a team (an escalation or a transfer to another team), or null. */
export function teamMovedFrom(event: CaseEvent): string | null {
  if (event.type !== 'case.escalated' && event.type !== 'case.transferred') return null;
  const from = event.data && 'fromTeamId' in event.data ? event.data.fromTeamId : undefined;
  return typeof from === 'string' && from !== event.teamId ? from : null;
}
