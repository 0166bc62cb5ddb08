import { randomUUID, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importPKCS8, SignJWT } from 'jose';
import { AuthorizationCode, ClientCredentials, type AccessToken, type ModuleOptions } from 'simple-oauth2';

/** An access token from a token endpoint, with when it stops working. */
export interface IssuedToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** How long it was issued for, in ms (the refresh margin is a share of it). */
  lifetimeMs: number;
}

/** One way of asking a token endpoint for an access token (a grant of RFC 6749 / RFC 7523). */
export interface TokenGrant {
  /** Who answers, in words for people: "Microsoft Entra ID", "Google", or the endpoint's host. */
  readonly provider: string;
  request(): Promise<IssuedToken>;
}

/**
 * The token endpoint said no — a wrong secret, revoked consent, a disabled
 * service account. Asking again the same way gets the same answer until
 * someone fixes it, so it is shown with the provider's own words
 * (`error`, `error_description`) rather than retried quickly.
 */
export class TokenRefusedError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(`${provider} refused the sign-in (${status} ${error})${description ? `: ${description}` : ''}`);
    this.name = 'TokenRefusedError';
  }
}

/** The token endpoint could not be reached or failed (5xx): a retry may work. */
export class TokenEndpointUnavailableError extends Error {
  constructor(provider: string, detail: string) {
    super(`${provider} could not issue a token now: ${detail}`);
    this.name = 'TokenEndpointUnavailableError';
  }
}

const DEFAULT_LIFETIME_SECONDS = 3600;
const MAX_DESCRIPTION = 600;

/** simple-oauth2 wants a host and a path; a token URL is both. */
function endpoint(tokenUrl: string): ModuleOptions['auth'] {
  const url = new URL(tokenUrl);
  return { tokenHost: url.origin, tokenPath: `${url.pathname}${url.search}` };
}

/** The token as we keep it; an answer without expires_in is taken as an hour, as RFC 6749 leaves it to the server. */
function issued(token: AccessToken): IssuedToken {
  const accessToken = token.token.access_token;
  if (typeof accessToken !== 'string' || !accessToken) throw new Error('the token endpoint answered without an access_token');
  const expiresIn = Number(token.token.expires_in ?? DEFAULT_LIFETIME_SECONDS);
  const lifetimeMs = Math.max(1, Number.isFinite(expiresIn) ? expiresIn : DEFAULT_LIFETIME_SECONDS) * 1000;
  return { accessToken, expiresAt: Date.now() + lifetimeMs, lifetimeMs };
}

/**
 * A failed token request → what the provider said. simple-oauth2 (wreck)
 * rejects with a Boom error carrying the status and the parsed JSON body;
 * nothing of the request (which holds the secret) is kept.
 */
export function describeTokenFailure(provider: string, error: unknown): TokenRefusedError | TokenEndpointUnavailableError {
  const boom = error as { isBoom?: boolean; output?: { statusCode?: number }; data?: { payload?: unknown }; message?: string };
  const status = boom?.output?.statusCode;
  if (boom?.isBoom && status !== undefined && status >= 400 && status < 500) {
    const payload = parsePayload(boom.data?.payload);
    const code = typeof payload.error === 'string' ? payload.error : `http_${status}`;
    const description = typeof payload.error_description === 'string' ? firstLine(payload.error_description).slice(0, MAX_DESCRIPTION) : undefined;
    return new TokenRefusedError(provider, status, code, description);
  }
  const detail = status ? `HTTP ${status}` : (boom?.message ?? String(error)).slice(0, 200);
  return new TokenEndpointUnavailableError(provider, detail);
}

function parsePayload(payload: unknown): Record<string, unknown> {
  if (payload && typeof payload === 'object' && !Buffer.isBuffer(payload)) return payload as Record<string, unknown>;
  try {
    const text = Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload ?? '');
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Entra ID appends "Trace ID: … Correlation ID: … Timestamp: …" on new lines: the first line is the provider's words. */
function firstLine(text: string): string {
  return text.split(/\r?\n/)[0].trim();
}

/** Client credentials (RFC 6749 4.4): an app registration's id and secret; Microsoft 365's app-only access. */
export class ClientCredentialsGrant implements TokenGrant {
  private readonly client: ClientCredentials;

  constructor(
    readonly provider: string,
    private readonly settings: { tokenUrl: string; clientId: string; clientSecret: string; scope?: string },
  ) {
    this.client = new ClientCredentials({
      client: { id: settings.clientId, secret: settings.clientSecret },
      auth: endpoint(settings.tokenUrl),
      options: { authorizationMethod: 'body' },
    });
  }

  async request(): Promise<IssuedToken> {
    try {
      return issued(await this.client.getToken(this.settings.scope ? { scope: this.settings.scope } : {}));
    } catch (error) {
      throw describeTokenFailure(this.provider, error);
    }
  }
}

/** A refresh token a user once granted (RFC 6749 6): Google Workspace without a service account, or any provider. */
export class RefreshTokenGrant implements TokenGrant {
  private readonly client: AuthorizationCode;

  constructor(
    readonly provider: string,
    private readonly settings: { tokenUrl: string; clientId: string; clientSecret: string; refreshToken: string; scope?: string },
  ) {
    this.client = new AuthorizationCode({
      client: { id: settings.clientId, secret: settings.clientSecret },
      auth: endpoint(settings.tokenUrl),
      options: { authorizationMethod: 'body' },
    });
  }

  async request(): Promise<IssuedToken> {
    try {
      const stored = this.client.createToken({ refresh_token: this.settings.refreshToken });
      return issued(await stored.refresh(this.settings.scope ? { scope: this.settings.scope } : {}));
    } catch (error) {
      throw describeTokenFailure(this.provider, error);
    }
  }
}

/** The fields of a Google service account key file the JWT grant needs. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  /** The token endpoint the key file names (Google's own unless EMAIL_OAUTH_TOKEN_URL overrides it). */
  tokenUri?: string;
}

/** Reads a service account key file (the JSON Google Cloud console downloads); throws naming what is missing. */
export function readServiceAccountKey(path: string): ServiceAccountKey {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot read the service account key file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof json.client_email !== 'string' || typeof json.private_key !== 'string') {
    throw new Error('the service account key file has no client_email or private_key (download a JSON key of the service account)');
  }
  return {
    clientEmail: json.client_email,
    privateKey: json.private_key,
    privateKeyId: typeof json.private_key_id === 'string' ? json.private_key_id : undefined,
    tokenUri: typeof json.token_uri === 'string' ? json.token_uri : undefined,
  };
}

const ASSERTION_LIFETIME_SECONDS = 3600;

/**
 * A Google service account with domain-wide delegation acting as the mailbox
 * (RFC 7523 JWT bearer grant): an assertion signed with the account's key,
 * naming the mailbox as `sub` and the scope it was delegated.
 */
export class ServiceAccountGrant implements TokenGrant {
  private readonly client: ClientCredentials;

  constructor(
    readonly provider: string,
    private readonly settings: { tokenUrl: string; key: ServiceAccountKey; subject: string; scope: string },
  ) {
    // The assertion is the credential: no client id or secret travels with it.
    this.client = new ClientCredentials({ client: { id: '', secret: '' }, auth: endpoint(settings.tokenUrl), options: { authorizationMethod: 'body' } });
  }

  async request(): Promise<IssuedToken> {
    const { key, subject, scope, tokenUrl } = this.settings;
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) })
      .setIssuer(key.clientEmail)
      .setSubject(subject)
      .setAudience(tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_SECONDS)
      .sign(await importPKCS8(key.privateKey, 'RS256'));
    try {
      return issued(await this.client.getToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }));
    } catch (error) {
      throw describeTokenFailure(this.provider, error);
    }
  }
}

/** An app registration's certificate credential: the certificate (for its thumbprints) and its private key. */
export interface ClientCertificate {
  /** SHA-1 and SHA-256 thumbprints of the certificate, base64url, as the assertion's `x5t` and `x5t#S256` name it. */
  thumbprintSha1: string;
  thumbprintSha256: string;
  privateKey: KeyObject;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_PRIVATE_KEY = /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/;

/** Reads one PEM file holding the certificate and its private key (what `openssl pkcs12 -nodes` writes); throws naming what is missing. */
export function readClientCertificate(path: string): ClientCertificate {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the client certificate file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const certificate = PEM_CERTIFICATE.exec(pem)?.[0];
  const key = PEM_PRIVATE_KEY.exec(pem)?.[0];
  if (!certificate || !key) throw new Error('the client certificate file needs both the certificate and its private key, in PEM');
  const x509 = new X509Certificate(certificate);
  const thumbprint = (fingerprint: string) => Buffer.from(fingerprint.replace(/:/g, ''), 'hex').toString('base64url');
  return { thumbprintSha1: thumbprint(x509.fingerprint), thumbprintSha256: thumbprint(x509.fingerprint256), privateKey: createPrivateKey(key) };
}

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CLIENT_ASSERTION_LIFETIME_SECONDS = 600;

/**
 * Client credentials with a certificate instead of a secret (RFC 7523 client
 * authentication, as Microsoft Entra ID takes it): a short-lived JWT signed
 * with the certificate's key, naming the app as issuer and subject, the token
 * endpoint as audience, and the certificate by its thumbprints.
 */
export class ClientCertificateGrant implements TokenGrant {
  private readonly client: ClientCredentials;

  constructor(
    readonly provider: string,
    private readonly settings: { tokenUrl: string; clientId: string; certificate: ClientCertificate; scope?: string },
  ) {
    // simple-oauth2 puts the client id and one more field in the body: that field is the assertion's type, so no secret travels.
    this.client = new ClientCredentials({
      client: { id: settings.clientId, secret: CLIENT_ASSERTION_TYPE, secretParamName: 'client_assertion_type' },
      auth: endpoint(settings.tokenUrl),
      options: { authorizationMethod: 'body' },
    });
  }

  async request(): Promise<IssuedToken> {
    const { certificate, clientId, tokenUrl, scope } = this.settings;
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: certificate.thumbprintSha1, 'x5t#S256': certificate.thumbprintSha256 })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti(randomUUID())
      .setNotBefore(now)
      .setIssuedAt(now)
      .setExpirationTime(now + CLIENT_ASSERTION_LIFETIME_SECONDS)
      .sign(certificate.privateKey);
    try {
      return issued(await this.client.getToken({ client_assertion: assertion, ...(scope ? { scope } : {}) }));
    } catch (error) {
      throw describeTokenFailure(this.provider, error);
    }
  }
}
