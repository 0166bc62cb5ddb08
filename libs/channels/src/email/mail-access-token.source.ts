import { Logger } from '@nestjs/common';
import type { ComponentHealth } from '@inbox/platform';
import { TokenRefusedError, type IssuedToken, type TokenGrant } from './oauth-token-grant';

/** Renew this long before expiry at most (a one-hour token is renewed 5 minutes early)… */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;
/** …and never later than this share of its lifetime before expiry (short-lived tokens). */
const REFRESH_MARGIN_SHARE = 0.25;

/** When a token should be replaced: before it expires, by a margin that leaves time to reconnect. */
export function renewalTime(token: IssuedToken): number {
  return token.expiresAt - Math.min(MAX_REFRESH_MARGIN_MS, token.lifetimeMs * REFRESH_MARGIN_SHARE);
}

/**
 * The current access token of one mailbox user, shared by its IMAP watcher
 * and the SMTP sender: fetched on first use, renewed before it expires
 * (concurrent callers share one request), dropped when a server refuses it.
 * The provider's refusal is kept for /health and the workspace, in its own
 * words; the token itself and the client secret never reach a log.
 */
export class MailAccessTokenSource {
  private readonly logger = new Logger('EmailOAuth');
  private token?: IssuedToken;
  private pending?: Promise<IssuedToken>;
  private lastError?: string;
  private lastErrorAt?: Date;
  private refused = false;
  private issuedCount = 0;

  constructor(
    readonly user: string,
    private readonly grant: TokenGrant,
    private readonly now: () => number = Date.now,
  ) {}

  get provider(): string {
    return this.grant.provider;
  }

  /** A token good for a while yet: the cached one, or a new one when it is due for renewal. */
  async current(): Promise<IssuedToken> {
    if (this.token && this.now() < renewalTime(this.token)) return this.token;
    return this.renew();
  }

  /** A new token now, whatever the cached one's age (one request however many ask at once). */
  renew(): Promise<IssuedToken> {
    this.pending ??= this.grant
      .request()
      .then((token) => {
        this.token = token;
        this.issuedCount += 1;
        if (this.lastError) this.logger.log({ msg: 'mailbox sign-in works again', user: this.user, provider: this.provider });
        this.lastError = undefined;
        this.lastErrorAt = undefined;
        this.refused = false;
        return token;
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== this.lastError) this.logger.warn({ msg: 'mailbox access token not issued', user: this.user, err: message });
        this.lastError = message;
        this.lastErrorAt = new Date(this.now());
        this.refused = error instanceof TokenRefusedError;
        throw error;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** A server refused this token (revoked, expired early): the next caller gets a new one. */
  invalidate(accessToken: string): void {
    if (this.token?.accessToken === accessToken) this.token = undefined;
  }

  health(): ComponentHealth {
    return {
      ok: !this.lastError,
      user: this.user,
      provider: this.provider,
      tokensIssued: this.issuedCount,
      ...(this.token ? { tokenExpiresAt: new Date(this.token.expiresAt).toISOString() } : {}),
      ...(this.lastError ? { lastError: this.lastError, since: this.lastErrorAt?.toISOString(), refused: this.refused } : {}),
    };
  }

  /** Why signing in fails now, in the provider's words; undefined while it works. */
  problem(): string | undefined {
    return this.lastError;
  }
}

/** One token source per (sign-in kind, user): a mailbox read over IMAP and sent from over SMTP asks one provider once. */
export class MailAccessTokens {
  private readonly sources = new Map<string, MailAccessTokenSource>();

  constructor(private readonly grantFor: (kind: string, user: string) => TokenGrant) {}

  sourceFor(kind: string, user: string): MailAccessTokenSource {
    const key = `${kind}:${user.toLowerCase()}`;
    let source = this.sources.get(key);
    if (!source) {
      source = new MailAccessTokenSource(user, this.grantFor(kind, user));
      this.sources.set(key, source);
    }
    return source;
  }

  all(): MailAccessTokenSource[] {
    return [...this.sources.values()];
  }
}
