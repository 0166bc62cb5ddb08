import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff notification centre: one row per (case event, colleague) it
 * concerns — a mention in a note, a case assigned to them, a deadline at risk
 * on their case, an escalation to them — written by the notifications consumer
 * of case events, once (the unique key makes a redelivered event a no-op).
 * Notes keep whom they mentioned, so the note shows them highlighted.
 * Browser push subscriptions (Web Push) are kept per staff member.
 */
export class StaffNotifications1732401600000 implements MigrationInterface {
  name = 'StaffNotifications1732401600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        event_seq bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('mention', 'assignment', 'deadline', 'escalation')),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        case_reference text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (event_seq, user_id)
      );
      CREATE INDEX staff_notifications_user_idx ON staff_notifications (user_id, created_at DESC);
      CREATE INDEX staff_notifications_unread_idx ON staff_notifications (user_id) WHERE read_at IS NULL;

      CREATE TABLE staff_push_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        endpoint text NOT NULL UNIQUE,
        p256dh text NOT NULL,
        auth text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX staff_push_subscriptions_user_idx ON staff_push_subscriptions (user_id);

      ALTER TABLE case_notes ADD COLUMN mentions jsonb NOT NULL DEFAULT '[]'::jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_notes DROP COLUMN mentions; DROP TABLE staff_push_subscriptions, staff_notifications;`);
  }
}
