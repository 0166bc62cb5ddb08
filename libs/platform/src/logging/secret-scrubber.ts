import type { AppConfig } from '../config/app-config';

const REDACTED = '[redacted]';

/**
 * Shapes secrets take inside error texts: a provider SDK or fetch names the
 * URL it failed on (a Telegram bot token is part of every Bot API URL), a
 * connection string carries its password, a header or query string its
 * token or signature. Every pattern is linear: literal anchors, bounded or
 * single-class runs, no nested quantifiers.
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Telegram bot tokens "<bot id>:<secret>", in Bot API URLs (/bot123:AA…/sendMessage) or alone.
  [/\b(bot)?(\d{3,20}):[A-Za-z0-9_-]{20,}/g, `$1$2:${REDACTED}`],
  // Passwords in connection strings: imap://user:pass@host, postgres://…, https://sid:token@api…
  [/\b((?:https?|imaps?|smtps?|postgres(?:ql)?|kafka|wss?):\/\/[^\s:@/]{0,256}):[^\s@/]{1,256}@/gi, `$1:${REDACTED}@`],
  // Tokens and signatures in query strings and form bodies.
  [/([?&](?:access_token|token|secret|client_secret|password|sig|signature|api_key|key)=)[^&\s#"']+/gi, `$1${REDACTED}`],
  // Authorization and provider signature headers, as "Name: value" or "name=value".
  [
    /\b(authorization|proxy-authorization|x-twilio-signature|x-hub-signature(?:-256)?|x-telegram-bot-api-secret-token)(["']?\s{0,3}[:=]\s{0,3}["']?)(?:(?:bearer|basic)\s{1,3})?[^\s"',;]+/gi,
    `$1$2${REDACTED}`,
  ],
  // Credentials after an auth scheme; a Basic value must look like base64 (a digit, +, / or =), not a word.
  [/\b(Bearer)\s{1,3}[A-Za-z0-9._~+/=-]{16,}/gi, `$1 ${REDACTED}`],
  [/\b(Basic)\s{1,3}(?=[A-Za-z0-9+/]{0,512}[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}/g, `$1 ${REDACTED}`],
  // HMAC signatures as Meta sends them.
  [/\bsha(1|256)=[0-9a-f]{40,64}/gi, `sha$1=${REDACTED}`],
  // "password": "…", password=…, secret: …
  [/\b(password|passwd|pass|secret|auth_token|authToken|client_secret|api_key)(["']?\s{0,3}[:=]\s{0,3}["']?)[^\s"',;&]+/gi, `$1$2${REDACTED}`],
];

/** Configured secrets shorter than this are not searched for verbatim (they would match ordinary words). */
const MIN_KNOWN_SECRET = 6;
/** Every secret this process was configured with; remembered at start, searched for verbatim. */
const known = new Set<string>();

/**
 * Remembers the secrets a process was configured with, so they are scrubbed
 * verbatim wherever they show up, whatever shape they are in. Called once at
 * start (startApp); several inboxes in one test process add theirs.
 */
export function rememberSecrets(secrets: Iterable<string | undefined>): void {
  for (const secret of secrets) if (secret && secret.length >= MIN_KNOWN_SECRET) known.add(secret);
}

/**
 * A text with every provider secret replaced by "[redacted]": the configured
 * ones verbatim, and anything shaped like a token, password or signature.
 * Applied to every error text before it is logged, stored (dead letters, a
 * message's delivery error) or shown (API answers, health).
 */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** The secrets in a configuration: provider tokens, the JWT key, passwords in connection URLs. */
export function configuredSecrets(config: AppConfig): string[] {
  const urls = [config.databaseUrl, ...(config.email?.imapUrls ?? []), config.email?.smtpUrl];
  const passwords = urls.flatMap((url) => {
    if (!url) return [];
    try {
      const password = decodeURIComponent(new URL(url).password);
      return password ? [password] : [];
    } catch {
      return [];
    }
  });
  return [
    config.auth.jwtSecret,
    config.auth.adminPassword,
    config.twilio?.authToken,
    config.telegram?.botToken,
    config.telegram?.botToken.split(':')[1],
    config.telegram?.webhookSecret,
    config.meta?.appSecret,
    config.meta?.verifyToken,
    config.meta?.pageAccessToken,
    config.meta?.whatsapp.accessToken,
    config.kafka?.sasl?.password,
    ...passwords,
  ].filter((s): s is string => typeof s === 'string' && s !== '');
}
