import { randomBytes, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSPKI, jwtVerify } from 'jose';

/** An Entra ID app registration with app-only access to one mailbox (IMAP.AccessAsApp + Add-MailboxPermission). */
interface EntraApp {
  tenant: string;
  clientId: string;
  secret?: string;
  /** A certificate credential instead of (or beside) the secret: the app's certificate, PEM. */
  certificatePem?: string;
  mailbox: string;
  consented: boolean;
}

/** A Google service account with domain-wide delegation of the mail scope. */
interface ServiceAccount {
  clientEmail: string;
  publicKeyPem: string;
  delegatedScopes: Set<string>;
  domain: string;
}

export interface IssuedTokenRecord {
  token: string;
  grant: string;
  clientId: string;
  username: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface Introspection {
  at: number;
  active: boolean;
  username?: string;
}

export interface OAuthStandIn {
  url: string;
  /** POST endpoint Dovecot's oauth2 passdb and the SMTP stand-in check tokens at (RFC 7662). */
  introspectionUrl: string;
  /** Entra ID's token endpoint shape: /{tenant}/oauth2/v2.0/token. */
  microsoftTokenUrl(tenant: string): string;
  /** Google's token endpoint shape: /token. */
  googleTokenUrl: string;
  /** Seconds each new access token lives. */
  tokenLifetimeSeconds: number;
  issued: IssuedTokenRecord[];
  introspections: Introspection[];
  /** Every token endpoint answer that was a refusal, with the JSON sent. */
  refusals: Array<{ status: number; body: Record<string, unknown> }>;
  registerEntraApp(app: { tenant: string; clientId: string; secret?: string; certificatePem?: string; mailbox: string }): void;
  registerServiceAccount(account: { clientEmail: string; publicKey: KeyObject; delegatedScopes: string[]; domain: string }): void;
  /** An admin revokes the app's consent: tokens stop being issued, and those issued stop working. */
  revokeConsent(clientId: string): void;
  grantConsent(clientId: string): void;
  /** The secret in Entra ID is replaced (e.g. by one matching the inbox's settings). */
  setSecret(clientId: string, secret: string): void;
  revokeDelegation(clientEmail: string): void;
  /** Whether a token is good now, as the introspection endpoint answers. */
  check(token: string): { active: boolean; username?: string };
  close(): Promise<void>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * A local stand-in of the OAuth2 token endpoints of Microsoft Entra ID and
 * Google, answering as they do — including their error JSON for a wrong
 * client secret (AADSTS7000215), revoked consent (AADSTS65001), a bad JWT
 * signature and a revoked delegation — plus an RFC 7662 introspection
 * endpoint the mail servers (Dovecot's oauth2 passdb, the SMTP receiver)
 * check tokens at. Tokens expire after `tokenLifetimeSeconds`.
 */
export async function startOAuthStandIn(): Promise<OAuthStandIn> {
  const apps = new Map<string, EntraApp>();
  const accounts = new Map<string, ServiceAccount>();
  const issued: IssuedTokenRecord[] = [];
  const introspections: Introspection[] = [];
  const refusals: OAuthStandIn['refusals'] = [];
  const state = { tokenLifetimeSeconds: 3600 };

  const check = (token: string): { active: boolean; username?: string } => {
    const record = issued.find((t) => t.token === token);
    if (!record || record.revoked || Date.now() >= record.expiresAt) return { active: false };
    const app = apps.get(record.clientId);
    if (app && !app.consented) return { active: false };
    return { active: true, username: record.username };
  };

  const issue = (res: ServerResponse, grant: string, clientId: string, username: string, scope: string) => {
    const token = `eyJ0eXAiOiJKV1QiLCJub25jZSI6Im${randomBytes(24).toString('base64url')}`;
    const now = Date.now();
    issued.push({ token, grant, clientId, username, issuedAt: now, expiresAt: now + state.tokenLifetimeSeconds * 1000, revoked: false });
    json(res, 200, { token_type: 'Bearer', expires_in: state.tokenLifetimeSeconds, ext_expires_in: state.tokenLifetimeSeconds, access_token: token, scope });
  };

  const refuse = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
    refusals.push({ status, body });
    json(res, status, body);
  };

  /** Entra ID's error body: AADSTS code and text, then trace lines, as login.microsoftonline.com answers. */
  const entraError = (error: string, code: number, text: string) => {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date().toISOString().replace('T', ' ').replace('Z', 'Z');
    return {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`.replace(' Trace ID', '\r\nTrace ID'),
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    };
  };

  /**
   * A certificate credential checked as Entra ID does: the assertion's type, its signature by the registered
   * certificate's key, the certificate named by its SHA-256 thumbprint, the app as issuer and subject, this
   * endpoint as audience, and a valid time; no secret beside it. Null when it passes.
   */
  const certificateRefusal = async (app: EntraApp, form: URLSearchParams, tokenUrl: string): Promise<{ code: number; text: string } | null> => {
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return { code: 700025, text: 'Client assertion type is not valid.' };
    if (form.has('client_secret')) return { code: 700021, text: 'Only one client credential type may be provided: a secret or an assertion.' };
    if (!app.certificatePem) return { code: 700027, text: `The certificate with identifier used to sign the client assertion is not registered on application '${app.clientId}'.` };
    const certificate = new X509Certificate(app.certificatePem);
    const assertion = form.get('client_assertion') ?? '';
    const header = JSON.parse(Buffer.from(assertion.split('.')[0] ?? '', 'base64url').toString('utf8') || '{}') as Record<string, unknown>;
    if (header['x5t#S256'] !== Buffer.from(certificate.fingerprint256.replace(/:/g, ''), 'hex').toString('base64url')) {
      return { code: 700027, text: `The certificate with identifier used to sign the client assertion is not registered on application '${app.clientId}'.` };
    }
    try {
      await jwtVerify(assertion, certificate.publicKey, { audience: tokenUrl, issuer: app.clientId, subject: app.clientId, requiredClaims: ['jti', 'exp', 'nbf'] });
    } catch {
      return { code: 700027, text: 'Client assertion failed signature validation.' };
    }
    return null;
  };

  const microsoftToken = async (tenant: string, form: URLSearchParams, res: ServerResponse) => {
    const clientId = form.get('client_id') ?? '';
    const app = apps.get(clientId);
    if (form.get('grant_type') !== 'client_credentials') {
      return refuse(res, 400, entraError('unsupported_grant_type', 70003, 'The app requested an unsupported grant type.'));
    }
    if (!app || app.tenant !== tenant) {
      return refuse(res, 400, entraError('unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`));
    }
    if (form.has('client_assertion')) {
      const refusal = await certificateRefusal(app, form, `${base}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`);
      if (refusal) return refuse(res, 401, entraError('invalid_client', refusal.code, refusal.text));
    } else if (form.get('client_secret') !== app.secret) {
      return refuse(res, 401, entraError('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`));
    }
    if (!app.consented) {
      return refuse(res, 400, entraError('invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}' named 'Complaints inbox'. Send an interactive authorization request for this user and resource.`));
    }
    const scope = form.get('scope') ?? '';
    if (scope !== 'https://outlook.office365.com/.default') {
      return refuse(res, 400, entraError('invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`));
    }
    issue(res, 'client_credentials', clientId, app.mailbox, scope);
  };

  const googleToken = async (form: URLSearchParams, res: ServerResponse) => {
    if (form.get('grant_type') !== JWT_BEARER) return refuse(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + (form.get('grant_type') ?? '') });
    const assertion = form.get('assertion') ?? '';
    const unverified = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as Record<string, unknown>;
    const account = accounts.get(String(unverified.iss));
    if (!account) return refuse(res, 400, { error: 'invalid_grant', error_description: 'Invalid grant: account not found' });
    try {
      await jwtVerify(assertion, await importSPKI(account.publicKeyPem, 'RS256'), { audience: `${base}/token`, issuer: account.clientEmail });
    } catch {
      return refuse(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    }
    const subject = String(unverified.sub ?? '');
    const scope = String(unverified.scope ?? '');
    if (!subject.endsWith(`@${account.domain}`) || !scope.split(' ').every((s) => account.delegatedScopes.has(s))) {
      return refuse(res, 401, {
        error: 'unauthorized_client',
        error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      });
    }
    issue(res, JWT_BEARER, account.clientEmail, subject, scope);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const path = new URL(req.url ?? '/', base).pathname;
      const entra = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
      if (req.method === 'POST' && entra) return void microsoftToken(decodeURIComponent(entra[1]), form, res);
      if (req.method === 'POST' && path === '/token') return void googleToken(form, res);
      if (req.method === 'POST' && path === '/introspect') {
        const answer = check(form.get('token') ?? '');
        introspections.push({ at: Date.now(), ...answer });
        return json(res, 200, answer.active ? { active: true, username: answer.username, token_type: 'Bearer' } : { active: false });
      }
      json(res, 404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    introspectionUrl: `${base}/introspect`,
    microsoftTokenUrl: (tenant) => `${base}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    googleTokenUrl: `${base}/token`,
    get tokenLifetimeSeconds() {
      return state.tokenLifetimeSeconds;
    },
    set tokenLifetimeSeconds(value: number) {
      state.tokenLifetimeSeconds = value;
    },
    issued,
    introspections,
    refusals,
    registerEntraApp: (app) => void apps.set(app.clientId, { ...app, consented: true }),
    registerServiceAccount: (account) =>
      void accounts.set(account.clientEmail, {
        clientEmail: account.clientEmail,
        publicKeyPem: account.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        delegatedScopes: new Set(account.delegatedScopes),
        domain: account.domain,
      }),
    revokeConsent(clientId) {
      const app = apps.get(clientId);
      if (app) app.consented = false;
    },
    grantConsent(clientId) {
      const app = apps.get(clientId);
      if (app) app.consented = true;
    },
    setSecret(clientId, secret) {
      const app = apps.get(clientId);
      if (app) app.secret = secret;
    },
    revokeDelegation(clientEmail) {
      accounts.get(clientEmail)?.delegatedScopes.clear();
      for (const t of issued) if (t.clientId === clientEmail) t.revoked = true;
    },
    check,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
