import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import type { SessionEndReason, SessionRevocation } from './session-store';

/** The PostgreSQL channel on which every process hears of revoked sessions. */
export const SESSION_REVOKED_CHANNEL = 'staff_sessions_revoked';

type Listener = (revocation: SessionRevocation) => void;

const REASONS: readonly SessionEndReason[] = ['logout', 'user_disabled', 'role_changed', 'teams_changed', 'password_reset', 'expired', 'revoked', 'access_withdrawn'];
const MAX_BACKOFF_MS = 30_000;
const SETTLE_TIMEOUT_MS = 2_000;

/**
 * Hears revoked sessions from every process (PostgreSQL LISTEN on one
 * connection of its own) and passes them on: the session cache forgets them
 * and the socket gateway closes their sockets, within moments of the commit,
 * whichever process did it and whichever bus runs. If the connection drops,
 * notices sent meanwhile are lost, so on reconnecting it says `resync`: the
 * cache is emptied and every open socket is checked again.
 *
 * Notices arrive a moment after the commit, so the request that revoked
 * would otherwise answer before its own process had heard: `settle()` closes
 * that gap (see its comment).
 */
@Injectable()
export class SessionRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  private readonly revokedListeners = new Set<Listener>();
  private readonly resyncListeners = new Set<() => void>();
  private client: Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoffMs = 500;
  private listening = false;
  private bootstrapped = false;
  private started = false;
  private readonly markers = new Map<string, () => void>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onRevoked(listener: Listener): () => void {
    this.revokedListeners.add(listener);
    if (this.bootstrapped) void this.start();
    return () => this.revokedListeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    if (this.bootstrapped) void this.start();
    return () => this.resyncListeners.delete(listener);
  }

  /**
   * Resolves once this process has heard every revocation committed before
   * the call, so the request that ended a session answers only when this
   * process's cache and sockets have let it go. PostgreSQL delivers notices
   * in commit order, and a session hears its own: a marker sent on the
   * listening connection arrives after them. Without the listener (or if the
   * marker is late) the whole cache is emptied instead, which is always safe.
   */
  async settle(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) return this.resync();
    const marker = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const heard = await new Promise<boolean>((resolve) => {
      this.markers.set(marker, () => resolve(true));
      timer = setTimeout(() => resolve(false), SETTLE_TIMEOUT_MS);
      client.query('SELECT pg_notify($1, $2)', [SESSION_REVOKED_CHANNEL, JSON.stringify({ marker })]).catch(() => resolve(false));
    });
    clearTimeout(timer);
    this.markers.delete(marker);
    if (!heard) this.resync();
  }

  /** Listens only where something holds sessions (a cache, sockets): a worker process opens no connection for it. */
  async onApplicationBootstrap(): Promise<void> {
    this.bootstrapped = true;
    if (this.revokedListeners.size + this.resyncListeners.size > 0) await this.start();
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.listen(false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(reconnecting: boolean): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: `inbox-sessions-${this.config.instanceId}`.slice(0, 63) });
    client.on('notification', (message) => {
      if (message.channel === SESSION_REVOKED_CHANNEL && message.payload) this.deliver(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_REVOKED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      if (!reconnecting) this.logger.warn({ msg: 'session revocation listener could not start; retrying', err: describe(error) });
      return;
    }
    this.backoffMs = 500;
    this.listening = true;
    if (reconnecting) this.resync();
  }

  private resync(): void {
    for (const listener of this.resyncListeners) listener();
  }

  private lost(client: Client, error: unknown): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.listening = false;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.logger.warn({ msg: 'session revocation listener lost its connection; reconnecting', err: describe(error) });
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen(true);
    }, this.backoffMs);
    this.retryTimer.unref();
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
  }

  private deliver(payload: string): void {
    let revocation: SessionRevocation;
    try {
      const parsed = JSON.parse(payload) as Partial<SessionRevocation> & { marker?: unknown };
      // Markers of settle(): this process's are awaited, other processes' ignored.
      if (typeof parsed.marker === 'string') return this.markers.get(parsed.marker)?.();
      revocation = {
        userIds: Array.isArray(parsed.userIds) ? parsed.userIds.map(String) : [],
        sessionIds: Array.isArray(parsed.sessionIds) ? parsed.sessionIds.map(String) : [],
        reason: REASONS.includes(parsed.reason as SessionEndReason) ? (parsed.reason as SessionEndReason) : 'logout',
      };
    } catch {
      return;
    }
    for (const listener of this.revokedListeners) {
      try {
        listener(revocation);
      } catch (error) {
        this.logger.warn({ msg: 'session revocation listener failed', err: describe(error) });
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
