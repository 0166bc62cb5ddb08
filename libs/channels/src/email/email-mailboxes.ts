import type { InboundPublisher } from '../inbound-publisher';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AttachmentSink, DeliveryLog } from '../ports';
import type { DeadLetterStore } from '@inbox/bus';
import type { AppConfig, HealthRegistry } from '@inbox/platform';
import { ImapMailboxWatcher, type MailboxSignIn } from './imap-mailbox.watcher';
import type { MailAccessTokens } from './mail-access-token.source';
import { ConnectionStatusWriter, type ConnectionState } from '../channel-connection-status';
import { MailboxImporter } from './mailbox-importer';
import { MailboxSyncStore } from './mailbox-sync.store';
import { MailboxImportAttempts } from './mailbox-import-attempts';
import { parseMailboxUrl } from './mailbox-url';
import { dnsResolver, SenderAuthenticator } from './sender-authentication';

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

/** How often each process records its mailboxes' and token providers' state for the workspace (only changes are written). */
const STATUS_INTERVAL_MS = 1_000;

/** Every mailbox of IMAP_URL, watched from start to shutdown. */
export class EmailMailboxes implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EmailMailboxes');
  private readonly watchers: ImapMailboxWatcher[];
  private readonly status: ConnectionStatusWriter;
  private statusTimer?: NodeJS.Timeout;

  constructor(
    email: NonNullable<AppConfig['email']>,
    inbound: InboundPublisher,
    db: DataSource,
    attachments: AttachmentSink,
    delivery: DeliveryLog,
    deadLetters: DeadLetterStore,
    private readonly health: HealthRegistry,
    private readonly tokens: MailAccessTokens,
  ) {
    this.status = new ConnectionStatusWriter(db);
    const state = new MailboxSyncStore(db);
    const attempts = new MailboxImportAttempts(db);
    const senders = new SenderAuthenticator({ trustedAuthservIds: email.trustedAuthservIds, resolver: dnsResolver(email.dnsServers) });
    this.watchers = email.imapUrls.map((url) => {
      const address = parseMailboxUrl(url, email.auth);
      const signIn: MailboxSignIn =
        address.auth === 'password' ? { kind: 'password', password: address.password } : { kind: 'oauth2', tokens: tokens.sourceFor(address.auth, address.user) };
      const importer = new MailboxImporter(
        address,
        {
          publish: (message) => inbound.publish(message),
          keepAttachment: (input) => attachments.keep({ ...input, fileName: inbound.fileName(input.fileName) }),
          attachmentId: (messageId, index) => attachments.attachmentId(messageId, index),
          recordBounce: (bounce) =>
            delivery.recordStatus('email', bounce.originalMessageId, 'failed', isEmailStatusAdvance, `Bounced by the recipient's mail server: ${bounce.reason}`),
          deadLetter: (reason, detail, source) =>
            deadLetters.record({ topic: 'email.import', key: address.key, value: detail, error: reason, attempts: typeof detail.attempts === 'number' ? detail.attempts : 1, source }),
          state,
          attempts,
          authenticateSender: (source, headerLines, from) => senders.check(source, headerLines, from),
          exclusive: (mailbox, work) => exclusively(db, mailbox, work),
        },
        { maxAttachmentBytes: email.maxAttachmentBytes, afterImport: email.afterImport },
      );
      return new ImapMailboxWatcher(address, importer, email.pollIntervalMs, signIn);
    });
  }

  /** Each mailbox and token provider, and why it does not work now (shown on the channel's status in the workspace). */
  states(): ConnectionState[] {
    return [
      ...this.watchers.map((w) => ({ name: `email:${w.address.key}`, channel: 'email' as const, account: w.address.key, problem: w.problem() })),
      ...this.tokens.all().map((t) => ({ name: `email-oauth:${t.user.toLowerCase()}`, channel: 'email' as const, account: t.user, problem: t.problem() })),
    ];
  }

  onApplicationBootstrap(): void {
    for (const watcher of this.watchers) {
      this.health.register(`email:${watcher.address.key}`, () => watcher.health());
      watcher.start();
    }
    for (const source of this.tokens.all()) this.health.register(`email-oauth:${source.user.toLowerCase()}`, () => source.health());
    this.statusTimer = setInterval(() => {
      this.status.publish(this.states()).catch((error: unknown) => this.logger.warn({ msg: 'could not record the mailbox status', err: String(error) }));
    }, STATUS_INTERVAL_MS);
    this.statusTimer.unref();
    if (this.watchers.length) this.logger.log(`watching ${this.watchers.length} mailbox(es)`);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.statusTimer);
    for (const source of this.tokens.all()) this.health.unregister(`email-oauth:${source.user.toLowerCase()}`);
    await Promise.all(
      this.watchers.map(async (watcher) => {
        this.health.unregister(`email:${watcher.address.key}`);
        await watcher.stop();
      }),
    );
  }
}
