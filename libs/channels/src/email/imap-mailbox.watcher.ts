import { Logger } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { scrubSecrets, type ComponentHealth } from '@inbox/platform';
import { renewalTime, type MailAccessTokenSource } from './mail-access-token.source';
import type { MailboxImporter } from './mailbox-importer';
import type { MailboxAddress } from './mailbox-url';
import type { IssuedToken } from './oauth-token-grant';

/** A password from the URL, or an OAuth2 access token (XOAUTH2) renewed before it expires. */
export type MailboxSignIn = { kind: 'password'; password: string } | { kind: 'oauth2'; tokens: MailAccessTokenSource };

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
const SYNC_RETRY_MS = 5_000;

type WatchState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

/**
 * Keeps one mailbox connected: IDLE announces new mail (imapflow falls back
 * to NOOP polling where the server has no IDLE), a timer checks the whole
 * mailbox every poll interval anyway, and a dropped connection is retried
 * with exponential backoff, shown in /health meanwhile. With OAuth2 the
 * session is renewed with a fresh token before the one it signed in with
 * expires (Exchange Online ends sessions whose token expired); mail that
 * arrives meanwhile stays in the mailbox and is taken by UID on the new
 * session, so none is lost or taken twice.
 */
export class ImapMailboxWatcher {
  private readonly logger = new Logger('EmailMailbox');
  private client?: ImapFlow;
  private state: WatchState = 'connecting';
  private failures = 0;
  private lastError?: string;
  private nextRetryAt?: number;
  private retryTimer?: NodeJS.Timeout;
  private renewTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private sessions = 0;
  private syncing?: Promise<void>;
  private syncAgain = false;
  private lastSyncAt?: Date;
  private imported = 0;

  constructor(
    readonly address: MailboxAddress,
    private readonly importer: MailboxImporter,
    private readonly pollIntervalMs: number,
    private readonly signIn: MailboxSignIn,
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
    clearTimeout(this.renewTimer);
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
      auth: this.address.auth,
      // imapflow IDLEs where the server can; elsewhere it polls with NOOP.
      ...(this.state === 'connected' && this.client ? { mode: this.client.capabilities.has('IDLE') ? 'idle' : 'polling' } : {}),
      ...(this.lastError ? { lastError: scrubSecrets(this.lastError) } : {}),
      ...(this.nextRetryAt && this.state === 'reconnecting' ? { retryInMs: Math.max(0, this.nextRetryAt - Date.now()) } : {}),
      ...(this.lastSyncAt ? { lastSyncAt: this.lastSyncAt.toISOString() } : {}),
      imported: this.imported,
      sessions: this.sessions,
    };
  }

  /** Why the mailbox cannot be read now (the server's or the token provider's words), or undefined while it is read. */
  problem(): string | undefined {
    return this.state === 'connected' || this.state === 'stopped' ? undefined : this.lastError;
  }

  private async connect(): Promise<void> {
    if (this.state === 'stopped') return;
    let token: IssuedToken | undefined;
    if (this.signIn.kind === 'oauth2') {
      try {
        token = await this.signIn.tokens.current();
      } catch (error) {
        // The provider's words (a wrong secret, revoked consent) are shown until someone fixes it; retried meanwhile.
        this.lastError = error instanceof Error ? error.message : String(error);
        this.scheduleReconnect();
        return;
      }
      if (this.isStopped()) return;
    }
    const client = new ImapFlow({
      host: this.address.host,
      port: this.address.port,
      secure: this.address.secure,
      auth: token ? { user: this.address.user, accessToken: token.accessToken } : { user: this.address.user, pass: this.signIn.kind === 'password' ? this.signIn.password : '' },
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
      this.sessions += 1;
      this.lastError = undefined;
      this.logger.log({ msg: 'mailbox connected', mailbox: this.address.key, idle: client.capabilities.has('IDLE') });
      if (token) this.scheduleRenewal(client, token);
      this.requestSync();
    } catch (error) {
      this.lastError = describeImapFailure(error);
      // A token the server refused (revoked, expired early) is not offered again: the next attempt asks for a new one.
      if (token && isAuthenticationFailure(error) && this.signIn.kind === 'oauth2') this.signIn.tokens.invalidate(token.accessToken);
      client.close();
      if (this.client === client) this.scheduleReconnect();
    }
  }

  private scheduleRenewal(client: ImapFlow, token: IssuedToken): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.renewSession(client), Math.max(0, renewalTime(token) - Date.now()));
    this.renewTimer.unref();
  }

  /**
   * A new session with a fresh token replaces the one whose token is about to
   * expire. The running import finishes first; the new session imports by
   * UID from where it stopped.
   */
  private async renewSession(client: ImapFlow): Promise<void> {
    if (this.client !== client || this.isStopped() || this.signIn.kind !== 'oauth2') return;
    try {
      await this.signIn.tokens.renew();
    } catch (error) {
      // Refused or unreachable: the session ends here rather than at expiry, and reconnecting shows why meanwhile.
      this.lastError = error instanceof Error ? error.message : String(error);
    }
    if (this.client !== client || this.isStopped()) return;
    this.client = undefined;
    this.state = 'connecting';
    await this.syncing?.catch(() => undefined);
    await client.logout().catch(() => client.close());
    if (this.isStopped()) return;
    this.logger.log({ msg: 'mailbox session renewed before its token expires', mailbox: this.address.key });
    void this.connect();
  }

  private isStopped(): boolean {
    return this.state === 'stopped';
  }

  private scheduleReconnect(): void {
    if (this.state === 'stopped' || this.retryTimer) return;
    this.state = 'reconnecting';
    this.client = undefined;
    clearTimeout(this.renewTimer);
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

/** imapflow marks a refused LOGIN / AUTHENTICATE (AUTHENTICATIONFAILED) this way. */
function isAuthenticationFailure(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && (error as { authenticationFailed?: boolean }).authenticationFailed);
}

/** The server's own words when it refused the sign-in, else the error. */
function describeImapFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const response = (error as { response?: unknown }).response;
  if (isAuthenticationFailure(error)) return `The mail server refused the sign-in${typeof response === 'string' && response ? `: ${response.slice(0, 300)}` : ''}`;
  return error.message;
}
