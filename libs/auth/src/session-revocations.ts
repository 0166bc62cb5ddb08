import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { SESSION_REVOKED_CHANNEL, type SessionEndReason, type SessionRevocation } from './session-store';

type Listener = (revocation: SessionRevocation) => void;

const REASONS: readonly SessionEndReason[] = ['logout', 'user_disabled', 'role_changed', 'teams_changed', 'password_reset', 'expired', 'revoked', 'access_withdrawn'];
const MAX_BACKOFF_MS = 30_000;

/**
 * Hears revoked sessions from every process (PostgreSQL LISTEN on one
 * connection of its own) and passes them on: the session cache forgets them
 * and the socket gateway closes their sockets, within moments of the commit,
 * whichever process did it and whichever bus runs. If the connection drops,
 * notices sent meanwhile are lost, so on reconnecting it says `resync`: the
 * cache is emptied and every open socket is checked again.
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

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onRevoked(listener: Listener): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
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
    if (reconnecting) for (const listener of this.resyncListeners) listener();
  }

  private lost(client: Client, error: unknown): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
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
      const parsed = JSON.parse(payload) as Partial<SessionRevocation>;
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
