import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError, type CaseEvent, type StaffNotification } from '@inbox/contracts';
import type { Audience, NotificationDraft } from './notification-recipients';

const LIST_LIMIT = 50;

type NotificationRow = {
  id: string;
  user_id: string;
  kind: StaffNotification['kind'];
  case_id: string;
  case_reference: string;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
};

const COLUMNS = 'id, user_id, kind, case_id, case_reference, title, body, created_at, read_at';

function toNotification(r: NotificationRow): StaffNotification {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    caseId: r.case_id,
    caseReference: r.case_reference,
    title: r.title,
    body: r.body,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

/** Who an audience is, in SQL over `users u` ($3 the audience's value). */
function audienceSql(audience: Audience): { where: string; value: unknown } {
  if ('userIds' in audience) return { where: `u.id = ANY($3::uuid[])`, value: audience.userIds };
  if ('membersOf' in audience) return { where: `EXISTS (SELECT 1 FROM user_teams ut WHERE ut.user_id = u.id AND ut.team_id = $3)`, value: audience.membersOf };
  // The supervisors of the case's team; a team without its own supervisor: every supervisor.
  return {
    where: `u.role = 'supervisor' AND (EXISTS (SELECT 1 FROM user_teams ut WHERE ut.user_id = u.id AND ut.team_id = $3)
              OR NOT EXISTS (SELECT 1 FROM users s JOIN user_teams st ON st.user_id = s.id WHERE s.active AND s.role = 'supervisor' AND st.team_id = $3))`,
    value: audience.supervisorsOf,
  };
}

/** The notification centre's rows: each staff member reads and marks only their own. */
@Injectable()
export class StaffNotificationsStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Writes the notifications of one case event, once: a redelivered event finds
   * its rows there (unique per event and person) and returns none. Only active
   * staff who may see the case are told, never the one who acted.
   */
  async record(event: CaseEvent, drafts: NotificationDraft[]): Promise<StaffNotification[]> {
    const created: StaffNotification[] = [];
    for (const draft of drafts) {
      const audience = audienceSql(draft.audience);
      const rows = (await this.db.query(
        `INSERT INTO staff_notifications (user_id, event_seq, kind, case_id, case_reference, title, body, actor_user_id)
         SELECT u.id, $1, $4, $2, $5, $6, $7, $8 FROM users u
          WHERE u.active AND u.id IS DISTINCT FROM $8 AND ${audience.where}
            AND (u.role IN ('supervisor', 'admin') OR EXISTS (SELECT 1 FROM user_teams vt WHERE vt.user_id = u.id AND vt.team_id = $9))
         ON CONFLICT (event_seq, user_id) DO NOTHING
         RETURNING ${COLUMNS}`,
        [event.seq, event.caseId, audience.value, draft.kind, event.reference, draft.title, draft.body, event.actorUserId, event.teamId],
      )) as NotificationRow[];
      created.push(...rows.map(toNotification));
    }
    return created;
  }

  async list(userId: string): Promise<{ items: StaffNotification[]; unread: number }> {
    const [rows, unread] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM staff_notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [userId, LIST_LIMIT]) as Promise<NotificationRow[]>,
      this.unreadCount(userId),
    ]);
    return { items: rows.map(toNotification), unread };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM staff_notifications WHERE user_id = $1 AND read_at IS NULL`, [userId])) as Array<{ n: number }>;
    return n;
  }

  /** Marks one of the caller's notifications read; someone else's is answered as not found. */
  async markRead(userId: string, id: string): Promise<{ notification: StaffNotification; unread: number }> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : null;
    const [row] = uuid
      ? ((await this.db.query(
          `UPDATE staff_notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
          [uuid, userId],
        )) as [NotificationRow[], number])[0]
      : [];
    if (!row) throw new NotFoundError('notification_not_found', 'No such notification');
    return { notification: toNotification(row), unread: await this.unreadCount(userId) };
  }

  async markAllRead(userId: string): Promise<{ marked: number; unread: number }> {
    const [, marked] = (await this.db.query(`UPDATE staff_notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId])) as [unknown, number];
    return { marked, unread: 0 };
  }
}
