import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { notificationDrafts } from './notification-recipients';
import { StaffNotificationsStore } from './staff-notifications.store';
import { WebPushSender } from './web-push.sender';

/**
 * Makes the staff notifications from case events (one consumer group, so one
 * process handles each event): writes them once per (event, person), then
 * hands each new one to the gateways (live, to the person's sockets) and to
 * their subscribed browsers. A redelivered event writes nothing and sends nothing again,
 * so a live push lost to a failure after the write is not repeated: the list
 * (GET /api/notifications, read again on every reconnect) still has it.
 */
@Injectable()
export class StaffNotificationsConsumer implements OnModuleInit {
  private readonly logger = new Logger(StaffNotificationsConsumer.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: StaffNotificationsStore,
    private readonly webPush: WebPushSender,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.caseEvents, { group: 'staff-notifications' }, async ({ value: event }) => this.handle(event));
  }

  async handle(event: CaseEvent): Promise<void> {
    const drafts = notificationDrafts(event, await this.actorName(event.actorUserId));
    if (drafts.length === 0) return;
    const created = await this.store.record(event, drafts);
    for (const notification of created) {
      const unread = await this.store.unreadCount(notification.userId);
      await this.bus.publish(TOPICS.staffNotifications, notification.userId, { notification, unread });
      this.webPush.send(notification).catch((error: unknown) => this.logger.warn({ msg: 'browser push failed', err: error }));
    }
  }

  private async actorName(userId: string | null): Promise<string | null> {
    if (!userId) return null;
    const [row] = (await this.db.query(`SELECT name FROM users WHERE id = $1`, [userId])) as Array<{ name: string }>;
    return row?.name ?? null;
  }
}
