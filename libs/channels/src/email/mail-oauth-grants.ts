import type { AppConfig, EmailAuthKind } from '@inbox/platform';
import {
  ClientCertificateGrant,
  ClientCredentialsGrant,
  readClientCertificate,
  type ClientCertificate,
  readServiceAccountKey,
  RefreshTokenGrant,
  ServiceAccountGrant,
  type ServiceAccountKey,
  type TokenGrant,
} from './oauth-token-grant';

type OAuthSettings = NonNullable<AppConfig['email']>['oauth'];

/** Exchange Online's resource: an app-only token for IMAP.AccessAsApp and SMTP.SendAsApp. */
export const MICROSOFT_MAIL_SCOPE = 'https://outlook.office365.com/.default';
/** The scope Gmail's IMAP and SMTP accept (and the one to delegate to the service account). */
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export function microsoftTokenUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

/**
 * How a mailbox of this sign-in kind gets its access token. The settings
 * were checked at start (see emailSignInProblems in app-config.ts), so a
 * missing one here is a programming error.
 */
export function grantFor(kind: Exclude<EmailAuthKind, 'password'>, user: string, oauth: OAuthSettings, keys: CredentialFiles): TokenGrant {
  const required = (value: string | undefined, name: string): string => {
    if (!value) throw new Error(`${name} is required for ${kind} mailboxes`);
    return value;
  };
  switch (kind) {
    case 'oauth2-microsoft': {
      const tokenUrl = oauth.tokenUrl ?? microsoftTokenUrl(required(oauth.tenantId, 'EMAIL_OAUTH_TENANT_ID'));
      const clientId = required(oauth.clientId, 'EMAIL_OAUTH_CLIENT_ID');
      const scope = oauth.scope ?? MICROSOFT_MAIL_SCOPE;
      if (oauth.clientCertificateFile) {
        return new ClientCertificateGrant('Microsoft Entra ID', { tokenUrl, clientId, certificate: keys.certificate(oauth.clientCertificateFile), scope });
      }
      return new ClientCredentialsGrant('Microsoft Entra ID', { tokenUrl, clientId, clientSecret: required(oauth.clientSecret, 'EMAIL_OAUTH_CLIENT_SECRET'), scope });
    }
    case 'oauth2-google': {
      const scope = oauth.scope ?? GOOGLE_MAIL_SCOPE;
      if (oauth.serviceAccountFile) {
        const key = keys.read(oauth.serviceAccountFile);
        return new ServiceAccountGrant('Google', { tokenUrl: oauth.tokenUrl ?? key.tokenUri ?? GOOGLE_TOKEN_URL, key, subject: user, scope });
      }
      return new RefreshTokenGrant('Google', {
        tokenUrl: oauth.tokenUrl ?? GOOGLE_TOKEN_URL,
        clientId: required(oauth.clientId, 'EMAIL_OAUTH_CLIENT_ID'),
        clientSecret: required(oauth.clientSecret, 'EMAIL_OAUTH_CLIENT_SECRET'),
        refreshToken: required(oauth.refreshToken, 'EMAIL_OAUTH_REFRESH_TOKEN'),
        scope,
      });
    }
    case 'oauth2': {
      const tokenUrl = required(oauth.tokenUrl, 'EMAIL_OAUTH_TOKEN_URL');
      const provider = new URL(tokenUrl).host;
      if (oauth.refreshToken) {
        return new RefreshTokenGrant(provider, {
          tokenUrl,
          clientId: required(oauth.clientId, 'EMAIL_OAUTH_CLIENT_ID'),
          clientSecret: oauth.clientSecret ?? '',
          refreshToken: oauth.refreshToken,
          scope: oauth.scope,
        });
      }
      return new ClientCredentialsGrant(provider, {
        tokenUrl,
        clientId: required(oauth.clientId, 'EMAIL_OAUTH_CLIENT_ID'),
        clientSecret: required(oauth.clientSecret, 'EMAIL_OAUTH_CLIENT_SECRET'),
        scope: oauth.scope,
      });
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown sign-in ${String(unreachable)}`);
    }
  }
}

/** The credential files (a service account key, a client certificate), each read once per process; a broken one stops the start, naming the setting. */
export class CredentialFiles {
  private readonly keys = new Map<string, ServiceAccountKey>();
  private readonly certificates = new Map<string, ClientCertificate>();

  read(path: string): ServiceAccountKey {
    return cached(this.keys, path, 'EMAIL_OAUTH_SERVICE_ACCOUNT_FILE', readServiceAccountKey);
  }

  certificate(path: string): ClientCertificate {
    return cached(this.certificates, path, 'EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE', readClientCertificate);
  }
}

function cached<T>(cache: Map<string, T>, path: string, setting: string, read: (path: string) => T): T {
  let value = cache.get(path);
  if (value === undefined) {
    try {
      value = read(path);
    } catch (error) {
      throw new Error(`${setting}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    cache.set(path, value);
  }
  return value;
}
