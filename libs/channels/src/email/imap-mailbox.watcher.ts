import { Logger } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import type { ComponentHealth } from '@inbox/platform';
import type { MailboxImporter } from './mailbox-importer';
import type { MailboxAddress } from './mailbox-url';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
const SYNC_RETRY_MS = 5_000;

type WatchState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

/**
 * Keeps one mailbox connected: IDLE announces new mail (imapflow falls back
 * to NOOP polling where the server has no IDLE), a timer checks the whole
 * mailbox every poll interval anyway, and a dropped connection is retried
 * with exponential backoff, shown in /health meanwhile.
 */
export class ImapMailboxWatcher {
  private readonly logger = new Logger('EmailMailbox');
  private client?: ImapFlow;
  private state: WatchState = 'connecting';
  private failures = 0;
  private lastError?: string;
  private nextRetryAt?: number;
  private retryTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  private syncAgain = false;
  private lastSyncAt?: Date;
  private imported = 0;

  constructor(
    readonly address: MailboxAddress,
    private readonly importer: MailboxImporter,
    private readonly pollIntervalMs: number,
  ) {}

  start(): void {
    this.state = 'connecting';
    void this.connect();
    this.pollTimer = setInterval(() => this.requestSync(), this.pollIntervalMs);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    clearInterval(this.pollTimer);
    const client = this.client;
    this.client = undefined;
    await this.syncing?.catch(() => undefined);
    if (client?.usable) await client.logout().catch(() => client.close());
    else client?.close();
  }

  health(): ComponentHealth {
    return {
      ok: this.state === 'connected',
      mailbox: this.address.key,
      state: this.state,
      // imapflow IDLEs where the server can; elsewhere it polls with NOOP.
      ...(this.state === 'connected' && this.client ? { mode: this.client.capabilities.has('IDLE') ? 'idle' : 'polling' } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.nextRetryAt && this.state === 'reconnecting' ? { retryInMs: Math.max(0, this.nextRetryAt - Date.now()) } : {}),
      ...(this.lastSyncAt ? { lastSyncAt: this.lastSyncAt.toISOString() } : {}),
      imported: this.imported,
    };
  }

  private async connect(): Promise<void> {
    if (this.state === 'stopped') return;
    const client = new ImapFlow({
      host: this.address.host,
      port: this.address.port,
      secure: this.address.secure,
      auth: { user: this.address.user, pass: this.address.password },
      logger: false,
      // IDLE soon after each import: new mail is announced within a second.
      autoIdleDelay: 250,
      // Renew IDLE (or, without IDLE, poll with NOOP) at the poll interval: a silently dead connection shows up then.
      maxIdleTime: Math.min(this.pollIntervalMs, 5 * 60_000),
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
    });
    this.client = client;
    client.on('error', (error: Error) => {
      this.lastError = error.message;
      this.logger.warn({ msg: 'mailbox connection error', mailbox: this.address.key, err: error.message });
    });
    client.on('close', () => {
      if (this.client === client) this.scheduleReconnect();
    });
    client.on('exists', () => this.requestSync());
    try {
      await client.connect();
      await this.importer.prepare(client);
      if (this.client !== client || this.isStopped()) {
        await client.logout().catch(() => client.close());
        return;
      }
      this.state = 'connected';
      this.failures = 0;
      this.lastError = undefined;
      this.logger.log({ msg: 'mailbox connected', mailbox: this.address.key, idle: client.capabilities.has('IDLE') });
      this.requestSync();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      client.close();
      if (this.client === client) this.scheduleReconnect();
    }
  }

  private isStopped(): boolean {
    return this.state === 'stopped';
  }

  private scheduleReconnect(): void {
    if (this.state === 'stopped' || this.retryTimer) return;
    this.state = 'reconnecting';
    this.client = undefined;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures += 1;
    this.nextRetryAt = Date.now() + delay;
    this.logger.warn({ msg: 'mailbox disconnected; reconnecting', mailbox: this.address.key, inMs: delay, err: this.lastError });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  /** Coalesces triggers (IDLE, timer, connect) into one sync at a time, plus one more if asked meanwhile. */
  private requestSync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    const client = this.client;
    if (!client || this.state !== 'connected') return;
    this.syncing = this.importer
      .sync(client)
      .then((count) => {
        this.imported += count;
        this.lastSyncAt = new Date();
      })
      .catch((error: unknown) => {
        // Not durable (bus or database down) or the connection dropped: the mail stays unflagged and is taken next time.
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn({ msg: 'mailbox import failed; will retry', mailbox: this.address.key, err: this.lastError });
        setTimeout(() => this.requestSync(), SYNC_RETRY_MS).unref();
      })
      .finally(() => {
        this.syncing = undefined;
        if (this.syncAgain) {
          this.syncAgain = false;
          this.requestSync();
        }
      });
  }
}
