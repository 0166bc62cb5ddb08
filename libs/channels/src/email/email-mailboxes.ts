import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { TOPICS } from '@inbox/contracts';
import type { Bus } from '@inbox/bus';
import { AttachmentStore, type DeliveryRecorder } from '@inbox/cases';
import type { AppConfig, DeadLetterStore, HealthRegistry } from '@inbox/platform';
import { ImapMailboxWatcher } from './imap-mailbox.watcher';
import { MailboxImporter } from './mailbox-importer';
import { MailboxSyncStore } from './mailbox-sync.store';
import { parseMailboxUrl } from './mailbox-url';

/** Email delivery statuses in the order they happen; a bounce (failed) comes after sent. */
const STATUS_ORDER = ['queued', 'sent', 'failed'];
export function isEmailStatusAdvance(current: string | null, next: string): boolean {
  return STATUS_ORDER.indexOf(next) > STATUS_ORDER.indexOf(current ?? 'queued');
}

/** Runs `work` holding a PostgreSQL advisory lock for the mailbox, or not at all when another process holds it. */
async function exclusively<T>(db: DataSource, mailbox: string, work: () => Promise<T>): Promise<T | undefined> {
  return db.transaction(async (em) => {
    const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [
      `mailbox-import:${mailbox}`,
    ])) as Array<{ locked: boolean }>;
    return locked ? work() : undefined;
  });
}

/** Every mailbox of IMAP_URL, watched from start to shutdown. */
export class EmailMailboxes implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EmailMailboxes');
  private readonly watchers: ImapMailboxWatcher[];

  constructor(
    email: NonNullable<AppConfig['email']>,
    bus: Bus,
    db: DataSource,
    attachments: AttachmentStore,
    delivery: DeliveryRecorder,
    deadLetters: DeadLetterStore,
    private readonly health: HealthRegistry,
  ) {
    const state = new MailboxSyncStore(db);
    this.watchers = email.imapUrls.map((url) => {
      const address = parseMailboxUrl(url);
      const importer = new MailboxImporter(
        address,
        {
          publish: (message) => bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address.toLowerCase()}`, message),
          keepAttachment: (input) => attachments.keep(input),
          attachmentId: (messageId, index) => AttachmentStore.attachmentId(messageId, index),
          recordBounce: (bounce) =>
            delivery.recordStatus('email', bounce.originalMessageId, 'failed', isEmailStatusAdvance, `Bounced by the recipient's mail server: ${bounce.reason}`),
          deadLetter: (reason, detail) => deadLetters.record({ topic: 'email.import', key: address.key, value: detail, error: reason, attempts: 1 }),
          state,
          exclusive: (mailbox, work) => exclusively(db, mailbox, work),
        },
        { maxAttachmentBytes: email.maxAttachmentBytes, afterImport: email.afterImport },
      );
      return new ImapMailboxWatcher(address, importer, email.pollIntervalMs);
    });
  }

  onApplicationBootstrap(): void {
    for (const watcher of this.watchers) {
      this.health.register(`email:${watcher.address.key}`, () => watcher.health());
      watcher.start();
    }
    if (this.watchers.length) this.logger.log(`watching ${this.watchers.length} mailbox(es)`);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      this.watchers.map(async (watcher) => {
        this.health.unregister(`email:${watcher.address.key}`);
        await watcher.stop();
      }),
    );
  }
}
