import type { Channel } from './channels';

export const CASE_EVENT_TYPES = ['case.created', 'case.updated', 'message.created', 'message.updated'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export type Direction = 'inbound' | 'outbound';
export type ClassificationKind = 'complaint' | 'enquiry' | 'compliment' | 'noise';

export interface Classification {
  kind: ClassificationKind;
  category: string | null;
  confidence: number;
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
