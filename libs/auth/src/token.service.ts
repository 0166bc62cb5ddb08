import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash } from 'node:crypto';
import { ForbiddenError, RateLimitedError, UnauthenticatedError, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, SharedRateLimits, type AppConfig } from '@inbox/platform';
import { ApiTokensService, type LiveApiToken } from './api-tokens.service';
import { SecondFactorService, type SecondFactorEnrolment } from './second-factor.service';
import { StaffAudit } from './staff-audit';
import { SessionRevocations } from './session-revocations';
import { SessionStore, type LiveSession } from './session-store';
import { UsersService } from './users.service';

/** Where a sign-in comes from: the client address counts against its budget. */
export interface LoginContext {
  clientAddress: string;
  userAgent?: string;
}

const MAX_CACHED = 10_000;

export interface IssuedSession {
  accessToken: string;
  sessionId: string;
  expiresAt: string;
  user: StaffPrincipal;
}

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
    private readonly secondFactor: SecondFactorService,
    private readonly apiTokens: ApiTokensService,
    private readonly audit: StaffAudit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.revocations.onRevoked(({ userIds, sessionIds }) => {
      for (const [key, entry] of this.cache) {
        if (sessionIds.includes(entry.session.sessionId) || userIds.includes(entry.session.principal.userId)) this.cache.delete(key);
      }
    });
    this.revocations.onResync(() => this.cache.clear());
  }

  /**
   * Password sign-in for API clients (`kind` bearer) and the web workspace
   * (`kind` cookie). Checks the password under two budgets shared by every
   * process: attempts per client address, and failures per account from
   * anywhere (a slow guess spread over many addresses stops too); then the
   * second factor when the account has one, or sets it up when REQUIRE_2FA
   * asks for one it lacks (`code` confirms the enrolment; the recovery codes
   * come back once). A success clears the account's count.
   */
  async login(
    input: { email: string; password: string; code?: string },
    context: LoginContext,
    kind: 'bearer' | 'cookie' = 'bearer',
  ): Promise<IssuedSession & { recoveryCodes?: string[] }> {
    const user = await this.checkPassword(input.email, input.password, context);
    const factor = await this.secondFactor.status(user.id);
    let recoveryCodes: string[] | undefined;
    let proof: string | undefined;
    const code = input.code?.trim();
    if (factor.enabled) {
      if (!code) throw new UnauthenticatedError('second_factor_required', 'Enter the 6-digit code from your authenticator app, or a recovery code');
      const accepted = await this.secondFactor.verify(user.id, code);
      if (!accepted) {
        await this.audit.record({ subjectUserId: user.id, subjectEmail: user.email, action: 'sign_in_failed', detail: { method: 'password', reason: 'invalid_second_factor' }, clientAddress: context.clientAddress });
        throw new UnauthenticatedError('invalid_second_factor', 'That code is not right; try the newest code from your app, or a recovery code');
      }
      proof = accepted;
      if (accepted === 'recovery_code') {
        await this.audit.record({ actorUserId: user.id, subjectUserId: user.id, action: 'recovery_code_used', detail: { left: factor.recoveryCodesLeft - 1 }, clientAddress: context.clientAddress });
      }
    } else if (this.secondFactorRequired(user.role)) {
      if (!code) throw new UnauthenticatedError('second_factor_enrolment_required', 'Your organisation requires two-factor sign-in: set it up to continue');
      try {
        recoveryCodes = await this.secondFactor.confirmEnrolment(user.id, code);
      } catch (error) {
        await this.audit.record({ subjectUserId: user.id, subjectEmail: user.email, action: 'sign_in_failed', detail: { method: 'password', reason: 'invalid_second_factor' }, clientAddress: context.clientAddress });
        throw error;
      }
      proof = 'totp';
      await this.audit.record({ actorUserId: user.id, subjectUserId: user.id, action: 'second_factor_enrolled', clientAddress: context.clientAddress });
    }
    await this.limits.reset('login.account', input.email.trim().toLowerCase());
    const issued = await this.issue(user.id, kind, context);
    await this.audit.record({ actorUserId: user.id, subjectUserId: user.id, action: 'sign_in', detail: { method: 'password', kind, ...(proof ? { secondFactor: proof } : {}) }, clientAddress: context.clientAddress });
    return recoveryCodes ? { ...issued, recoveryCodes } : issued;
  }

  /** The first step of setting up two-factor sign-in when REQUIRE_2FA asks for it at sign-in: proven by the password. */
  async startEnrolmentWithPassword(input: { email: string; password: string }, context: LoginContext): Promise<SecondFactorEnrolment> {
    const user = await this.checkPassword(input.email, input.password, context);
    return this.secondFactor.startEnrolment(user.id, user.email);
  }

  /** A new session for a user whose identity is already proven (password and factor, or the identity provider). */
  async issue(userId: string, kind: 'bearer' | 'cookie', context: LoginContext): Promise<IssuedSession> {
    const principal = await this.users.principal(userId);
    if (!principal) throw new UnauthenticatedError('invalid_credentials', 'This account cannot sign in');
    const expiresAt = new Date(Date.now() + this.config.auth.jwtTtlSeconds * 1000);
    const sid = await this.sessions.create({ userId, kind, expiresAt, clientAddress: context.clientAddress, userAgent: context.userAgent });
    // Sessions long over are kept a day for the record, then go (a sign-in is rare enough to pay for it).
    void this.sessions.pruneExpired().catch(() => undefined);
    await this.users.markSignedIn(userId);
    const accessToken = await this.jwt.signAsync({ sub: userId, sid });
    return { accessToken, sessionId: sid, expiresAt: expiresAt.toISOString(), user: principal };
  }

  private secondFactorRequired(role: StaffPrincipal['role']): boolean {
    const rule = this.config.auth.require2fa;
    return rule === 'all' || (rule === 'admins' && role === 'admin');
  }

  private async checkPassword(email: string, password: string, context: LoginContext) {
    await this.limits.take('login.address', context.clientAddress, 'Too many requests: too many sign-in attempts from this address; wait a minute and try again');
    const account = email.trim().toLowerCase();
    const { passwordLogin, breakGlassAdminEmail } = this.config.auth;
    if (!passwordLogin && account !== breakGlassAdminEmail) {
      await this.audit.record({ subjectEmail: account, action: 'sign_in_refused', detail: { method: 'password', reason: 'password_login_off' }, clientAddress: context.clientAddress });
      const sso = this.config.auth.oidc?.displayName;
      throw new ForbiddenError('password_login_off', sso ? `Password sign-in is off: use “Sign in with ${sso}”` : 'Password sign-in is off');
    }
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
    if (!user) {
      await this.audit.record({ subjectEmail: account, action: 'sign_in_failed', detail: { method: 'password', reason: 'invalid_credentials' }, clientAddress: context.clientAddress });
      throw new UnauthenticatedError('invalid_credentials', 'Wrong email or password');
    }
    return user;
  }

  /** Ends the session the token names; its sockets close on every process. */
  async logout(sessionId: string): Promise<void> {
    this.cache.delete(sessionId);
    await this.sessions.revoke(sessionId, 'logout');
  }

  /** A personal API token's live session and scope (cached like sessions, and forgotten at once when revoked). */
  async authenticateApiToken(token: string): Promise<LiveApiToken> {
    const key = `pat:${createHash('sha256').update(token).digest('base64url')}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.session as LiveApiToken;
    const live = await this.apiTokens.authenticate(token);
    if (!live) {
      this.cache.delete(key);
      throw new UnauthenticatedError('invalid_token', 'The API token is unknown, revoked or expired');
    }
    this.remember(key, live);
    return live;
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
    this.remember(sid, session);
    return session;
  }

  private remember(key: string, session: LiveSession): void {
    if (this.config.auth.sessionCacheMs <= 0) return;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, { session, until: Date.now() + this.config.auth.sessionCacheMs });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
