export const NOTIFICATION_KINDS = ['mention', 'assignment', 'deadline', 'escalation', 'rule'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One item of a staff member's notification centre (GET /api/notifications, socket event `notification`). */
export interface StaffNotification {
  id: string;
  /** Whose it is: only they ever see it. */
  userId: string;
  kind: NotificationKind;
  caseId: string;
  caseReference: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** A colleague named with `@` in an internal note: `token` is what was written (without the @). */
export interface NoteMention {
  userId: string;
  name: string;
  token: string;
}

/** What the notifications consumer publishes for the gateways to push to the recipient's sockets. */
export interface StaffNotificationNotice {
  notification: StaffNotification;
  /** The recipient's unread count after this notification. */
  unread: number;
}
