import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ForbiddenError, UnauthenticatedError, UnavailableError } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { StaffAudit } from '../staff-audit';
import { TokenService, type IssuedSession, type LoginContext } from '../token.service';
import { UsersService } from '../users.service';
import { mapDirectoryClaims } from './directory-claims';

/** openid-client v6 is an ES module: loaded on first use (Node ≥ 20.19 requires it natively). */
type OpenIdClient = typeof import('openid-client');
const loadClient = (): Promise<OpenIdClient> => import('openid-client');

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
const SCOPES = 'openid email profile';
const DISCOVERY_TIMEOUT_SECONDS = 5;

/** The sign-in in flight, sealed (signed JWT) in a short-lived cookie of the browser that started it. */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
}

/**
 * Staff single sign-on: OpenID Connect authorization code flow with PKCE,
 * `state` and `nonce` (openid-client). The provider's metadata is fetched at
 * every start, so an unreachable provider is reported on the login page
 * instead of leaving the browser on an error page at the provider.
 */
@Injectable()
export class OidcSignIn {
  private readonly logger = new Logger(OidcSignIn.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly audit: StaffAudit,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.auth.oidc);
  }

  /** Where to send the browser, and the sealed state to keep in its cookie. */
  async start(redirectUri: string): Promise<{ url: string; pending: string }> {
    const client = await loadClient();
    const configuration = await this.discover(client);
    const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), redirectUri };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPES,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending: await this.jwt.signAsync({ oidc: pending }, { expiresIn: 600 }) };
  }

  /** Checks the provider's answer, maps the person's groups, and opens a browser session; every outcome is audited. */
  async finish(callbackUrl: URL, sealed: string | undefined, context: LoginContext): Promise<IssuedSession> {
    const mapping = this.config.auth.oidc!;
    const pending = await this.unseal(sealed);
    const client = await loadClient();
    const configuration = await this.discover(client);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      if (claims[mapping.rolesClaim] === undefined || !claims.email) {
        // Some providers put groups and email only in userinfo.
        const info = await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims, [mapping.rolesClaim]: claims[mapping.rolesClaim] ?? info[mapping.rolesClaim] };
      }
    } catch (error) {
      const refusal = describeProviderError(error);
      await this.audit.record({ action: 'sign_in_failed', detail: { method: 'sso', reason: refusal.code }, clientAddress: context.clientAddress });
      this.logger.warn({ msg: 'single sign-on refused', reason: refusal.code, err: error instanceof Error ? error.message : String(error) });
      throw refusal;
    }
    const issuer = configuration.serverMetadata().issuer;
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email) {
      await this.audit.record({ action: 'sign_in_refused', detail: { method: 'sso', reason: 'no_email', subject }, clientAddress: context.clientAddress });
      throw new ForbiddenError('sso_no_email', 'The identity provider did not say who you are (no email claim); ask IT to release the email claim to the inbox');
    }
    const { role, teamNames, groups } = mapDirectoryClaims(claims, mapping);
    if (!role) {
      const withdrawn = await this.users.withdrawDirectoryAccess(issuer, subject);
      await this.audit.record({
        subjectUserId: withdrawn?.id,
        subjectEmail: email,
        action: 'sign_in_refused',
        detail: { method: 'sso', reason: 'no_role', groups: groups.slice(0, 20), sessionsEnded: Boolean(withdrawn) },
        clientAddress: context.clientAddress,
      });
      throw new ForbiddenError('sso_no_role', 'Your directory groups do not give you access to the complaints inbox; ask IT to add you to the right group');
    }
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 120) : email;
    const user = await this.users.upsertFromDirectory({ issuer, subject, email, name, role, teamNames });
    if (!user) {
      await this.audit.record({ subjectEmail: email, action: 'sign_in_refused', detail: { method: 'sso', reason: 'account_disabled' }, clientAddress: context.clientAddress });
      throw new ForbiddenError('account_disabled', 'Your account in the inbox is disabled; ask an admin');
    }
    const issued = await this.tokens.issue(user.id, 'cookie', context);
    await this.audit.record({ actorUserId: user.id, subjectUserId: user.id, action: 'sign_in', detail: { method: 'sso', kind: 'cookie', role, teams: teamNames }, clientAddress: context.clientAddress });
    return issued;
  }

  private async discover(client: OpenIdClient) {
    const { issuerUrl, clientId, clientSecret } = this.config.auth.oidc!;
    const issuer = new URL(issuerUrl);
    try {
      return await client.discovery(issuer, clientId, clientSecret, clientSecret ? client.ClientSecretPost(clientSecret) : client.None(), {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        // Plain http only for a provider on this machine (the configuration refuses it elsewhere).
        ...(issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
      });
    } catch (error) {
      this.logger.warn({ msg: 'identity provider unreachable', err: error instanceof Error ? error.message : String(error) });
      throw new UnavailableError('sso_provider_unavailable', `${this.config.auth.oidc!.displayName} cannot be reached right now; try again in a few minutes, or tell IT`);
    }
  }

  private async unseal(sealed: string | undefined): Promise<PendingSignIn> {
    try {
      if (!sealed) throw new Error('missing');
      const { oidc } = await this.jwt.verifyAsync<{ oidc: PendingSignIn }>(sealed);
      if (!oidc?.state || !oidc.nonce || !oidc.verifier) throw new Error('incomplete');
      return oidc;
    } catch {
      throw new UnauthenticatedError('sso_sign_in_expired', 'This sign-in started too long ago or in another browser; start again');
    }
  }
}

/** The provider's refusals, in words for the login page. */
function describeProviderError(error: unknown): DomainError {
  // openid-client wraps what oauth4webapi found in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  const message = `${error instanceof Error ? error.message : String(error)} ${cause instanceof Error ? cause.message : ''}`;
  const body = (error as { error?: unknown }).error;
  const code = (error as { code?: unknown }).code;
  if (body === 'invalid_grant') return new UnauthenticatedError('sso_code_rejected', 'The identity provider refused this sign-in (the code was already used or has expired); start again');
  if (/"state"/.test(message)) return new UnauthenticatedError('sso_state_mismatch', 'This sign-in could not be verified (its state did not match); start again');
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' || /"exp"|expired/.test(message)) return new UnauthenticatedError('sso_id_token_expired', 'The identity provider sent an expired sign-in (check its clock); start again');
  if (/"nonce"/.test(message)) return new UnauthenticatedError('sso_nonce_mismatch', 'This sign-in could not be verified (its nonce did not match); start again');
  return new UnauthenticatedError('sso_failed', 'The identity provider’s answer could not be verified; start again');
}
