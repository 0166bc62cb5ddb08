import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { RateLimitedError, UnauthenticatedError, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, SharedRateLimits, type AppConfig } from '@inbox/platform';
import { SessionRevocations } from './session-revocations';
import { SessionStore, type LiveSession } from './session-store';
import { UsersService } from './users.service';

/** Where a sign-in comes from: the client address counts against its budget. */
export interface LoginContext {
  clientAddress: string;
  userAgent?: string;
}

const MAX_CACHED = 10_000;

/**
 * Issues and checks staff access tokens. A token names its server-side
 * session (`sid`); every check finds the session still live and reads the
 * user's current role and teams. Checks are cached per process for
 * SESSION_CACHE_MS, and a revocation anywhere empties the cache entry at once
 * (SessionRevocations), so the cache only saves queries, never delays an end.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private readonly cache = new Map<string, { session: LiveSession; until: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly sessions: SessionStore,
    private readonly revocations: SessionRevocations,
    private readonly limits: SharedRateLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.revocations.onRevoked(({ userIds, sessionIds }) => {
      for (const [sid, entry] of this.cache) {
        if (sessionIds.includes(sid) || userIds.includes(entry.session.principal.userId)) this.cache.delete(sid);
      }
    });
    this.revocations.onResync(() => this.cache.clear());
  }

  /**
   * Checks the password under two budgets shared by every process: attempts
   * per client address, and failures per account from anywhere (a slow guess
   * spread over many addresses stops too). A success clears the account's count.
   */
  async login(email: string, password: string, context: LoginContext): Promise<{ accessToken: string; expiresAt: string; user: StaffPrincipal }> {
    await this.limits.take('login.address', context.clientAddress, 'Too many requests: too many sign-in attempts from this address; wait a minute and try again');
    const account = email.trim().toLowerCase();
    const accountBudget = await this.limits.consume('login.account', account);
    if (!accountBudget.allowed) {
      const minutes = Math.ceil(accountBudget.retryAfterSeconds / 60);
      throw new RateLimitedError(
        'too_many_failed_logins',
        `Too many failed sign-ins on this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        accountBudget.retryAfterSeconds,
      );
    }
    const user = await this.users.verifyCredentials(email, password);
    if (!user) throw new UnauthenticatedError('invalid_credentials', 'Wrong email or password');
    await this.limits.reset('login.account', account);
    const expiresAt = new Date(Date.now() + this.config.auth.jwtTtlSeconds * 1000);
    const sid = await this.sessions.create({ userId: user.id, expiresAt, clientAddress: context.clientAddress, userAgent: context.userAgent });
    // Sessions long over are kept a day for the record, then go (a sign-in is rare enough to pay for it).
    void this.sessions.pruneExpired().catch(() => undefined);
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid });
    return {
      accessToken,
      expiresAt: expiresAt.toISOString(),
      user: { userId: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.teamIds },
    };
  }

  /** Ends the session the token names; its sockets close on every process. */
  async logout(sessionId: string): Promise<void> {
    this.cache.delete(sessionId);
    await this.sessions.revoke(sessionId, 'logout');
  }

  /** Verifies a bearer token and loads the current principal. */
  async authenticate(token: string | undefined): Promise<StaffPrincipal> {
    return (await this.authenticateSession(token)).principal;
  }

  /** The live session a token names, with the principal as the database says now; `fresh` skips the cache. */
  async authenticateSession(token: string | undefined, options: { fresh?: boolean } = {}): Promise<LiveSession> {
    if (!token) throw new UnauthenticatedError('missing_token', 'Sign in first: no access token was sent');
    let claims: { sub?: unknown; sid?: unknown };
    try {
      claims = await this.jwt.verifyAsync<{ sub?: unknown; sid?: unknown }>(token);
    } catch {
      throw new UnauthenticatedError('invalid_token', 'The access token is invalid or has expired');
    }
    const { sub, sid } = claims;
    if (typeof sub !== 'string' || typeof sid !== 'string' || !UUID.test(sub) || !UUID.test(sid)) {
      throw new UnauthenticatedError('invalid_token', 'The access token is invalid or has expired');
    }
    const cached = options.fresh ? undefined : this.cache.get(sid);
    if (cached && cached.until > Date.now() && cached.session.principal.userId === sub) return cached.session;
    const session = await this.sessions.live(sid, sub);
    if (!session) {
      this.cache.delete(sid);
      throw new UnauthenticatedError('session_ended', 'Your session has ended; sign in again');
    }
    if (this.config.auth.sessionCacheMs > 0) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(sid, { session, until: Date.now() + this.config.auth.sessionCacheMs });
    }
    return session;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
