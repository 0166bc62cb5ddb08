import type { CaseEvent } from './case-events';
import type { InboundMessage } from './inbound-message';
import type { OutboundMessage } from './outbound-message';
import type { StaffNotificationNotice } from './notifications';
import type { PresenceChange } from './presence';

export const TOPICS = {
  inbound: 'inbox.inbound.v1',
  outbound: 'inbox.outbound.v1',
  caseEvents: 'inbox.case-events.v1',
  /** Agents viewing/typing in a case; every gateway instance consumes every change. */
  presence: 'inbox.presence.v1',
  /** A staff member's new notification (keyed by user); every gateway instance pushes it to that user's sockets. */
  staffNotifications: 'inbox.staff-notifications.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Topic → payload: the bus is typed by this map. */
export interface TopicPayloads {
  'inbox.inbound.v1': InboundMessage;
  'inbox.outbound.v1': OutboundMessage;
  'inbox.case-events.v1': CaseEvent;
  'inbox.presence.v1': PresenceChange;
  'inbox.staff-notifications.v1': StaffNotificationNotice;
}

/** Where messages that can never be handled go, with the reason (Kafka mode). */
export const DEAD_LETTER_TOPIC = 'inbox.dead-letter.v1';
