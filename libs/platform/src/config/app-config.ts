import { accessSync, constants as fsConstants } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { parseFirmPatterns } from '@inbox/privacy';

/** Regions whose public holidays the compliance calendar knows (libs/compliance/src/public-holidays.ts). */
const HOLIDAY_REGIONS = ['NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'ACT', 'NT', 'GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR'] as const;
type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

/** The browsers' push services (Chrome and Edge via FCM, Firefox, Safari, Windows): where staff subscriptions may point by default. */
export const DEFAULT_WEB_PUSH_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com', '*.push.apple.com', '*.notify.windows.com'] as const;

/** How a mailbox signs in: a password, or an OAuth2 access token (XOAUTH2) from Microsoft, Google or any token endpoint. */
export const EMAIL_AUTH_KINDS = ['password', 'oauth2-microsoft', 'oauth2-google', 'oauth2'] as const;
export type EmailAuthKind = (typeof EMAIL_AUTH_KINDS)[number];

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (protocols: string[]) =>
  optionalString.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.join(' or ')}//` },
  );

const urlList = (protocols: string[]) =>
  optionalString.refine(
    (v) =>
      v === undefined ||
      v.split(',').every((part) => {
        try {
          return protocols.includes(new URL(part.trim()).protocol);
        } catch {
          return false;
        }
      }),
    { message: `must be a comma-separated list of ${protocols.join(' or ')}// URLs` },
  );

const port = (fallback: number) =>
  optionalString
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65535, { message: 'must be a port number (0-65535)' });

const nonNegativeInt = (fallback: number, max: number) =>
  optionalString
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= max, { message: `must be a whole number from 0 to ${max}` });

const positiveInt = (fallback: number) =>
  optionalString
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((n) => Number.isInteger(n) && n > 0, { message: 'must be a positive integer' });

/**
 * Every setting as the environment gives it: its name, its check, its default
 * and the message a wrong value gets. Every setting is read here and only
 * here; a wrong value stops the start with a message naming the setting.
 */
export const envSchema = z.object({
  PORT: port(3000),
  HOST: optionalString.transform((v) => v ?? '0.0.0.0'),
  DATA_DIR: optionalString.transform((v) => v ?? './.data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: positiveInt(10),
  KAFKA_BROKERS: optionalString.refine(
    (v) => v === undefined || v.split(',').every((b) => /^[\w.-]+:\d+$/.test(b.trim())),
    { message: 'must be a comma-separated list of host:port' },
  ),
  KAFKA_CLIENT_ID: optionalString.transform((v) => v ?? 'complaints-inbox'),
  KAFKA_SESSION_TIMEOUT_MS: positiveInt(30_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: positiveInt(3_000),
  KAFKA_REBALANCE_TIMEOUT_MS: positiveInt(60_000),
  KAFKA_MAX_WAIT_MS: positiveInt(500),
  /** Partitions one consumer handles at once (each record of a partition still in order). */
  KAFKA_PARTITIONS_CONCURRENTLY: positiveInt(4),
  /** TLS to the brokers (certificates are always verified); the CA file when the brokers' CA is not a public one. */
  KAFKA_SSL: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  KAFKA_SSL_CA_FILE: optionalString,
  /** A client certificate and key (PEM files), for brokers that authenticate clients by certificate. */
  KAFKA_SSL_CERT_FILE: optionalString,
  KAFKA_SSL_KEY_FILE: optionalString,
  KAFKA_SASL_MECHANISM: z
    .enum(['plain', 'scram-sha-256', 'scram-sha-512'])
    .optional(),
  KAFKA_SASL_USERNAME: optionalString,
  KAFKA_SASL_PASSWORD: optionalString,
  INSTANCE_ID: optionalString,
  PUBLIC_URL: url(['http:', 'https:']),
  CORS_ORIGINS: optionalString,
  RATE_LIMIT_PER_MINUTE: positiveInt(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  /** Failed sign-ins allowed per account (from any address) in LOGIN_ACCOUNT_WINDOW_MINUTES. */
  LOGIN_FAILURES_PER_ACCOUNT: positiveInt(10),
  LOGIN_ACCOUNT_WINDOW_MINUTES: positiveInt(15),
  STATUS_PAGE_PER_MINUTE_PER_ADDRESS: positiveInt(10),
  /** Proxies (load balancers) in front of the inbox whose X-Forwarded-For is trusted: 0 = the peer is the client. */
  TRUST_PROXY: nonNegativeInt(0, 10),
  /** How long one process trusts a session it checked; revocations also reach every process at once (LISTEN/NOTIFY). */
  SESSION_CACHE_MS: nonNegativeInt(5_000, 60_000),
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'debug'])
    .optional()
    .transform((v) => v ?? 'info'),
  JWT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  JWT_TTL_SECONDS: positiveInt(12 * 3600),
  /** Key of the keyed hashes (HMAC) of one-time codes: status page codes and contact verification codes. */
  CODE_HASH_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  /** Web Push (VAPID): the key pair that signs pushes to staff browsers; unset in the embedded default = generated into DATA_DIR. */
  VAPID_PUBLIC_KEY: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{87}$/.test(v), {
    message: 'must be an uncompressed P-256 public key, URL-safe base64 (87 characters)',
  }),
  VAPID_PRIVATE_KEY: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{43}$/.test(v), {
    message: 'must be a P-256 private key, URL-safe base64 (43 characters)',
  }),
  /** Who push services may contact about these pushes: a mailto: or https: URL. */
  VAPID_SUBJECT: optionalString.refine((v) => v === undefined || /^(mailto:|https:\/\/)/.test(v), {
    message: 'must be a mailto: or https: URL',
  }),
  /** The push services a browser subscription may point at (host names, `*.` for any subdomain): nothing else is ever posted to. */
  WEB_PUSH_HOSTS: optionalString.refine((v) => v === undefined || v.split(',').every((h) => /^(\*\.)?[a-z0-9.-]+$/i.test(h.trim())), {
    message: 'must be host names separated by commas (a leading *. allows any subdomain)',
  }),
  INBOX_ADMIN_EMAIL: optionalString.refine((v) => v === undefined || /^[^@\s]+@[^@\s]+$/.test(v), {
    message: 'must be an email address',
  }),
  INBOX_ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 8, {
    message: 'must be at least 8 characters',
  }),
  /** Staff single sign-on (OpenID Connect): the provider's issuer URL; unset = no SSO button. */
  OIDC_ISSUER_URL: url(['http:', 'https:']),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  /** The button reads "Sign in with <OIDC_DISPLAY_NAME>". */
  OIDC_DISPLAY_NAME: optionalString.transform((v) => v ?? 'single sign-on'),
  /** The id token (or userinfo) claim that lists the person's groups. */
  OIDC_ROLES_CLAIM: optionalString.transform((v) => v ?? 'groups'),
  /** `group=role,…`: which group gives which role (the highest wins); a person in none is refused. */
  OIDC_ROLE_MAP: optionalString,
  /** `group=Team name,…`: which group puts the person in which team (the default team when none). */
  OIDC_TEAMS_MAP: optionalString,
  /** `off`: password sign-in only for BREAK_GLASS_ADMIN_EMAIL (everyone else signs in with SSO). */
  PASSWORD_LOGIN: z.enum(['on', 'off']).optional().transform((v) => v ?? 'on'),
  BREAK_GLASS_ADMIN_EMAIL: optionalString.refine((v) => v === undefined || /^[^@\s]+@[^@\s]+$/.test(v), {
    message: 'must be an email address',
  }),
  /** Who must use a second factor (TOTP) with a password: everyone, admins, or nobody. */
  REQUIRE_2FA: z.enum(['all', 'admins', 'off']).optional().transform((v) => v ?? 'off'),
  /** The longest a personal API token may live. */
  API_TOKEN_MAX_DAYS: positiveInt(365),
  DEFAULT_PHONE_REGION: optionalString
    .transform((v) => (v ?? 'AU').toUpperCase())
    .refine((v) => /^[A-Z]{2}$/.test(v), { message: 'must be a two-letter country code' }),
  TIMEZONE: optionalString
    .transform((v) => v ?? 'Australia/Sydney')
    .refine((v) => isTimeZone(v), { message: 'must be an IANA time zone such as Australia/Sydney' }),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE: url(['http:', 'https:']),
  /** Our number that sends contact verification codes; unset → the number customers last texted. */
  TWILIO_SMS_FROM: optionalString.refine((v) => v === undefined || /^\+[1-9]\d{6,14}$/.test(v), {
    message: 'must be a phone number in E.164 form such as +61255550100',
  }),
  TWILIO_VOICE_GREETING: optionalString.transform(
    (v) => v ?? 'Thank you for calling. Please tell us about your complaint after the beep, then hang up. We will get back to you.',
  ),
  TWILIO_VOICE_LANGUAGE: optionalString
    .transform((v) => v ?? 'en-AU')
    .refine((v) => /^[a-z]{2,3}(-[A-Z]{2})?$/.test(v), { message: 'must be a language tag such as en-AU' }),
  TWILIO_VOICE_REPLY: z
    .enum(['call', 'sms'])
    .optional()
    .transform((v) => v ?? 'call'),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: 'must be 1-256 characters of A-Z, a-z, 0-9, _ and - (what Telegram accepts as a secret_token)',
  }),
  TELEGRAM_API_ROOT: url(['http:', 'https:']),
  TELEGRAM_POLL_TIMEOUT_SECONDS: optionalString
    .transform((v) => (v === undefined ? 50 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 50, { message: 'must be a whole number of seconds from 0 to 50' }),
  TELEGRAM_GREETING: optionalString.transform(
    (v) =>
      v ??
      'Hello! Tell us about your complaint or question here, in as much detail as you like — photos and documents are welcome. ' +
        'Every complaint gets a reference number and a reply in this chat from our team, within the timeframes the law sets. ' +
        'Send /status at any time to see where your complaint is.',
  ),
  WEBCHAT_ENABLED: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v !== 'false'),
  WEBCHAT_MAX_MESSAGE_LENGTH: positiveInt(2_000),
  WEBCHAT_MESSAGES_PER_MINUTE: positiveInt(10),
  WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS: positiveInt(60),
  WEBCHAT_CONNECTS_PER_MINUTE_PER_ADDRESS: positiveInt(30),
  WEBCHAT_HISTORY_PER_MINUTE: positiveInt(20),
  WEBCHAT_IDENTIFY_PER_MINUTE: positiveInt(5),
  META_APP_SECRET: optionalString,
  META_VERIFY_TOKEN: optionalString,
  META_PAGE_ACCESS_TOKEN: optionalString,
  META_GRAPH_API_BASE: url(['http:', 'https:']),
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_REENGAGE_TEMPLATE: optionalString.refine((v) => v === undefined || /^[a-z0-9_]{1,512}$/.test(v), {
    message: 'must be a WhatsApp template name (lowercase letters, digits, underscores)',
  }),
  WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE: optionalString
    .transform((v) => v ?? 'en')
    .refine((v) => /^[a-z]{2,3}(_[A-Z]{2})?$/.test(v), { message: 'must be a WhatsApp language code such as en or en_US' }),
  IMAP_URL: urlList(['imap:', 'imaps:']),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: optionalString.refine((v) => v === undefined || /^[^<>]*<[^@\s<>]+@[^@\s<>]+>$|^[^@\s<>]+@[^@\s<>]+$/.test(v), {
    message: 'must be an address such as complaints@example.com or "Complaints <complaints@example.com>"',
  }),
  EMAIL_MAX_ATTACHMENT_BYTES: positiveInt(10 * 1024 * 1024),
  IMAP_AFTER_IMPORT: optionalString
    .transform((v) => v ?? 'seen')
    .refine((v) => v === 'seen' || /^move:.+/.test(v), { message: 'must be seen or move:<folder>' }),
  EMAIL_POLL_INTERVAL_MS: positiveInt(60_000),
  EMAIL_AUTH: z
    .enum(EMAIL_AUTH_KINDS)
    .optional()
    .transform((v) => v ?? 'password'),
  EMAIL_OAUTH_CLIENT_ID: optionalString,
  EMAIL_OAUTH_CLIENT_SECRET: optionalString,
  EMAIL_OAUTH_TENANT_ID: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9.-]{1,100}$/.test(v), {
    message: 'must be a tenant id (a GUID) or a tenant domain such as bank.onmicrosoft.com',
  }),
  EMAIL_OAUTH_SERVICE_ACCOUNT_FILE: optionalString,
  EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE: optionalString,
  EMAIL_OAUTH_REFRESH_TOKEN: optionalString,
  EMAIL_OAUTH_SCOPE: optionalString,
  EMAIL_OAUTH_TOKEN_URL: url(['http:', 'https:']),
  EMAIL_TRUSTED_AUTHSERV_IDS: optionalString.refine((v) => v === undefined || v.split(',').every((id) => /^[A-Za-z0-9.-]+$/.test(id.trim())), {
    message: 'must be a comma-separated list of host names (the authserv-id your mail server writes in Authentication-Results)',
  }),
  EMAIL_DNS_SERVERS: optionalString.refine((v) => v === undefined || v.split(',').every((s) => /^(\[[0-9a-fA-F:]+\]|[0-9.]+)(:\d{1,5})?$/.test(s.trim())), {
    message: 'must be a comma-separated list of DNS server addresses such as 1.1.1.1 or 127.0.0.1:5353',
  }),
  AGENT_PRESENCE_TTL_SECONDS: positiveInt(30),
  RESYNC_MAX_EVENTS: positiveInt(1_000),
  CSAT_ANSWER_WINDOW_HOURS: positiveInt(72),
  /** Policy: whether a case's customer timeline also shows the messages of that customer's cases in other teams. */
  /** Policy: every final response (resolve, mark unfounded) is sent by a supervisor (libs/contracts/src/case-action-policy.ts). */
  FINAL_RESPONSE_APPROVAL: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  TIMELINE_OTHER_TEAMS_MESSAGES: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  REOPEN_WINDOW_DAYS: positiveInt(14),
  INCIDENT_WINDOW_MINUTES: positiveInt(5),
  INCIDENT_BASELINE_DAYS: positiveInt(7),
  INCIDENT_MIN_COMPLAINTS: positiveInt(20),
  INCIDENT_RATE_MULTIPLIER: optionalString
    .transform((v) => (v === undefined ? 5 : Number(v)))
    .refine((n) => Number.isFinite(n) && n >= 1, { message: 'must be a number of at least 1' }),
  CLASSIFICATION_REVIEW_SHARE: optionalString
    .transform((v) => (v === undefined ? 0.05 : Number(v)))
    .refine((n) => Number.isFinite(n) && n >= 0 && n <= 1, { message: 'must be a fraction from 0 to 1, such as 0.05' }),
  CLASSIFICATION_REVIEW_MIN_PER_DAY: optionalString
    .transform((v) => (v === undefined ? 10 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 10_000, { message: 'must be a whole number from 0 to 10000' }),
  COMPLIANCE_STATE: optionalString
    .transform((v) => (v ?? 'NSW').toUpperCase().replace(/^AU-/, ''))
    .refine((v) => (HOLIDAY_REGIONS as readonly string[]).includes(v), {
      message: 'must be an Australian state or territory (NSW, VIC, QLD, SA, WA, TAS, ACT, NT) or a UK nation (GB-ENG, GB-SCT, GB-WLS, GB-NIR)',
    }),
  // On unless set to false: RG 271.56 Note applies the Acts Interpretation Act s36(2).
  DEADLINE_ROLL_TO_BUSINESS_DAY: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v !== 'false'),
  SOCIAL_OWNED_ACCOUNTS: optionalString.transform((v) =>
    v === undefined
      ? null
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  ),
  ACKNOWLEDGEMENT_RULE: z
    .enum(['later_of_24h_and_next_business_day', '24_hours', 'next_business_day'])
    .optional()
    .transform((v) => v ?? 'later_of_24h_and_next_business_day'),
  AT_RISK_THRESHOLD: optionalString
    .transform((v) => (v === undefined ? 0.8 : Number(v)))
    .refine((n) => Number.isFinite(n) && n > 0 && n < 1, { message: 'must be a fraction between 0 and 1, such as 0.8' }),
  DELAY_PROMPT_HOURS: positiveInt(72),
  DEADLINE_SCHEDULER_INTERVAL_MS: positiveInt(60_000),
  AUTO_ACKNOWLEDGEMENT: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v !== 'false'),
  COMPLAINTS_HANDLER_NAME: optionalString.transform((v) => v ?? 'our complaints team'),
  ASIC_REPORTING_ENTITY: optionalString,
  WEB_UI_DIR: optionalString,
  // Personal data (docs/personal-data.md): the firm's own redaction patterns and how long each kind of record is kept.
  REDACT_PATTERNS: optionalString.transform((v, ctx) => {
    try {
      return parseFirmPatterns(v);
    } catch (error) {
      ctx.issues.push({ code: 'custom', input: v, message: error instanceof Error ? error.message.replace(/^REDACT_PATTERNS:?\s*/, '') : String(error) });
      return z.NEVER;
    }
  }),
  RETENTION_NOISE_DAYS: nonNegativeInt(90, 36_500),
  RETENTION_ENQUIRY_MONTHS: nonNegativeInt(24, 1_200),
  RETENTION_COMPLAINT_YEARS: nonNegativeInt(7, 100),
  RETENTION_ATTACHMENT_MONTHS: nonNegativeInt(24, 1_200),
  RETENTION_LOG_DAYS: nonNegativeInt(90, 36_500),
  RETENTION_RUN_HOUR: nonNegativeInt(2, 23),
  RETENTION_CHECK_INTERVAL_MS: positiveInt(600_000),
  SUPERVISOR_PUSH_INTERVAL_MS: optionalString
    .transform((v) => (v === undefined ? 5_000 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 200 && n <= 5_000, { message: 'must be a whole number of milliseconds from 200 to 5000' }),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-AU', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof envSchema>;

type Problem = { setting: string; message: string };

/** Settings that are each valid but wrong together (half a channel, SSO without a role map…), checked once each one is valid. */
function settingsTogetherProblems(e: Env): Problem[] {
  const problems: Problem[] = [];
  // A channel's credentials are needed only when it is enabled, but half a channel is a mistake.
  requireTogether(problems, e, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
  if (e.TELEGRAM_WEBHOOK_SECRET && !e.TELEGRAM_BOT_TOKEN) {
    problems.push({ setting: 'TELEGRAM_BOT_TOKEN', message: 'is required when TELEGRAM_WEBHOOK_SECRET is set' });
  }
  const metaSettings = (['META_VERIFY_TOKEN', 'META_PAGE_ACCESS_TOKEN', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_REENGAGE_TEMPLATE'] as const).filter((n) => e[n] !== undefined);
  if (metaSettings.length > 0 && !e.META_APP_SECRET) {
    // Without the app secret no webhook can be verified, so the Meta channels would be silently off.
    problems.push({ setting: 'META_APP_SECRET', message: `is required when ${metaSettings.join(', ')} is set` });
  }
  checkKafkaSecurity(problems, e);
  problems.push(...emailSignInProblems(e));
  if (e.INBOX_ADMIN_EMAIL && !e.INBOX_ADMIN_PASSWORD) {
    problems.push({ setting: 'INBOX_ADMIN_PASSWORD', message: 'is required when INBOX_ADMIN_EMAIL is set' });
  }
  problems.push(...staffSignInProblems(e));
  return problems;
}

/**
 * The configuration the code reads, shaped from the checked settings. Its
 * type is inferred (AppConfig), so a setting is written where it is read
 * from the environment (envSchema: name, check, default, message) and where
 * it sits in the configuration (here), never a third time as an interface.
 */
function shapeConfig(e: Env) {
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    /** Set → that PostgreSQL server; unset → embedded PostgreSQL under dataDir. */
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    /** Set → Kafka bus; unset → in-process bus. */
    kafka: e.KAFKA_BROKERS
      ? {
          brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
          clientId: e.KAFKA_CLIENT_ID,
          /** Consumer group timings: how fast a dead member is noticed and partitions move. */
          consumer: {
            sessionTimeout: e.KAFKA_SESSION_TIMEOUT_MS,
            heartbeatInterval: e.KAFKA_HEARTBEAT_INTERVAL_MS,
            rebalanceTimeout: e.KAFKA_REBALANCE_TIMEOUT_MS,
            maxWaitTimeInMs: e.KAFKA_MAX_WAIT_MS,
            partitionsConsumedConcurrently: e.KAFKA_PARTITIONS_CONCURRENTLY,
          },
          /** TLS to the brokers (verified); files are PEM, read at start. */
          ssl: e.KAFKA_SSL ? { caFile: e.KAFKA_SSL_CA_FILE, certFile: e.KAFKA_SSL_CERT_FILE, keyFile: e.KAFKA_SSL_KEY_FILE } : undefined,
          /** SASL authentication; PLAIN only over TLS. */
          sasl:
            e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD
              ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD }
              : undefined,
        }
      : undefined,
    instanceId: e.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    /**
     * Requests per client address per minute: the REST API and pages (per process); logins, per address and per
     * account, and the status page are counted in PostgreSQL, shared by every process.
     */
    rateLimits: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      loginPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
      loginFailuresPerAccount: e.LOGIN_FAILURES_PER_ACCOUNT,
      loginAccountWindowMinutes: e.LOGIN_ACCOUNT_WINDOW_MINUTES,
      statusPagePerMinute: e.STATUS_PAGE_PER_MINUTE_PER_ADDRESS,
    },
    /** Proxies in front of the inbox whose X-Forwarded-For is believed, counted from the server: the client address is the one before them. */
    trustProxyHops: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    /**
     * `codeHashSecret` keys the HMAC of every one-time code kept (status codes, contact verification codes):
     * a copy of the database alone cannot be used to find a code.
     */
    auth: {
      jwtSecret: e.JWT_SECRET,
      jwtTtlSeconds: e.JWT_TTL_SECONDS,
      adminEmail: e.INBOX_ADMIN_EMAIL?.toLowerCase(),
      adminPassword: e.INBOX_ADMIN_PASSWORD,
      codeHashSecret: e.CODE_HASH_SECRET,
      sessionCacheMs: e.SESSION_CACHE_MS,
      /** False with PASSWORD_LOGIN=off: only the break-glass admin may use a password. */
      passwordLogin: e.PASSWORD_LOGIN === 'on',
      breakGlassAdminEmail: e.BREAK_GLASS_ADMIN_EMAIL?.toLowerCase(),
      require2fa: e.REQUIRE_2FA,
      apiTokenMaxDays: e.API_TOKEN_MAX_DAYS,
      oidc:
        e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID
          ? {
              issuerUrl: e.OIDC_ISSUER_URL,
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              displayName: e.OIDC_DISPLAY_NAME,
              rolesClaim: e.OIDC_ROLES_CLAIM,
              // Each role was checked to be one of these (staffSignInProblems).
              roleMap: parseGroupMap(e.OIDC_ROLE_MAP) as Record<string, 'agent' | 'supervisor' | 'admin'>,
              teamsMap: parseGroupMap(e.OIDC_TEAMS_MAP),
            }
          : undefined,
    },
    defaultPhoneRegion: e.DEFAULT_PHONE_REGION,
    timeZone: e.TIMEZONE,
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            apiBase: e.TWILIO_API_BASE,
            /** The number contact verification codes are sent from; unset → the number customers last texted. */
            smsFrom: e.TWILIO_SMS_FROM,
            voice: { greeting: e.TWILIO_VOICE_GREETING, language: e.TWILIO_VOICE_LANGUAGE, reply: e.TWILIO_VOICE_REPLY },
          }
        : undefined,
    /** `mode` webhook needs TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL; otherwise the inbox long-polls. */
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          botToken: e.TELEGRAM_BOT_TOKEN,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          apiRoot: e.TELEGRAM_API_ROOT,
          mode: e.TELEGRAM_WEBHOOK_SECRET && e.PUBLIC_URL ? ('webhook' as const) : ('polling' as const),
          pollTimeoutSeconds: e.TELEGRAM_POLL_TIMEOUT_SECONDS,
          greeting: e.TELEGRAM_GREETING,
        }
      : undefined,
    /** The web chat widget and its /webchat namespace; limits apply to each anonymous visitor and each network address. */
    webchat: e.WEBCHAT_ENABLED
      ? {
          maxMessageLength: e.WEBCHAT_MAX_MESSAGE_LENGTH,
          messagesPerMinute: e.WEBCHAT_MESSAGES_PER_MINUTE,
          messagesPerMinutePerAddress: e.WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS,
          connectsPerMinutePerAddress: e.WEBCHAT_CONNECTS_PER_MINUTE_PER_ADDRESS,
          /** Per visitor; per address these share messagesPerMinutePerAddress's budget size. */
          historyPerMinute: e.WEBCHAT_HISTORY_PER_MINUTE,
          identifyPerMinute: e.WEBCHAT_IDENTIFY_PER_MINUTE,
        }
      : undefined,
    meta: e.META_APP_SECRET
      ? {
          appSecret: e.META_APP_SECRET,
          verifyToken: e.META_VERIFY_TOKEN,
          pageAccessToken: e.META_PAGE_ACCESS_TOKEN,
          graphApiBase: e.META_GRAPH_API_BASE,
          /** WhatsApp Cloud API: its own (system user) token, else the page token; the template allowed outside the 24-hour window. */
          whatsapp: {
            accessToken: e.WHATSAPP_ACCESS_TOKEN ?? e.META_PAGE_ACCESS_TOKEN,
            reengageTemplate: e.WHATSAPP_REENGAGE_TEMPLATE
              ? { name: e.WHATSAPP_REENGAGE_TEMPLATE, language: e.WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE }
              : undefined,
          },
        }
      : undefined,
    email:
      e.IMAP_URL || e.SMTP_URL
        ? {
            imapUrls: e.IMAP_URL ? e.IMAP_URL.split(',').map((u) => u.trim()) : [],
            smtpUrl: e.SMTP_URL,
            mailFrom: e.MAIL_FROM,
            /** Larger attachments are not kept; the message says so. */
            maxAttachmentBytes: e.EMAIL_MAX_ATTACHMENT_BYTES,
            /** What happens to a mail once it is durably imported: flagged \\Seen, or moved to a folder. */
            afterImport: afterImport(e.IMAP_AFTER_IMPORT),
            /** A full check of each mailbox this often, besides IDLE (and instead of it where the server has none). */
            pollIntervalMs: e.EMAIL_POLL_INTERVAL_MS,
            /** How mailboxes sign in unless their URL says otherwise (`?auth=`). */
            auth: e.EMAIL_AUTH,
            /** The OAuth2 client the oauth2-* sign-ins use (secrets: never logged). */
            oauth: {
              clientId: e.EMAIL_OAUTH_CLIENT_ID,
              clientSecret: e.EMAIL_OAUTH_CLIENT_SECRET,
              tenantId: e.EMAIL_OAUTH_TENANT_ID,
              serviceAccountFile: e.EMAIL_OAUTH_SERVICE_ACCOUNT_FILE,
              clientCertificateFile: e.EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE,
              refreshToken: e.EMAIL_OAUTH_REFRESH_TOKEN,
              scope: e.EMAIL_OAUTH_SCOPE,
              tokenUrl: e.EMAIL_OAUTH_TOKEN_URL,
            },
            /** Authentication-Results headers written by these servers are trusted instead of checking SPF/DKIM/DMARC again. */
            trustedAuthservIds: e.EMAIL_TRUSTED_AUTHSERV_IDS ? e.EMAIL_TRUSTED_AUTHSERV_IDS.split(',').map((id) => id.trim().toLowerCase()) : [],
            /** DNS servers for SPF/DKIM/DMARC lookups; unset → the system's resolver. */
            dnsServers: e.EMAIL_DNS_SERVERS ? e.EMAIL_DNS_SERVERS.split(',').map((server) => server.trim()) : undefined,
          }
        : undefined,
    /** Web Push to staff browsers: the VAPID key pair (settled by prepareRuntime when unset) and the contact subject. */
    webPush: {
      publicKey: e.VAPID_PUBLIC_KEY,
      privateKey: e.VAPID_PRIVATE_KEY,
      subject: e.VAPID_SUBJECT ?? `mailto:${e.INBOX_ADMIN_EMAIL ?? 'inbox@localhost'}`,
      hosts: e.WEB_PUSH_HOSTS ? e.WEB_PUSH_HOSTS.split(',').map((h) => h.trim().toLowerCase()) : [...DEFAULT_WEB_PUSH_HOSTS],
    },
    /** The agents' workspace: when an agent counts as online, how far a resync replays, how long a CSAT question waits. */
    workspace: {
      presenceTtlSeconds: e.AGENT_PRESENCE_TTL_SECONDS,
      resyncMaxEvents: e.RESYNC_MAX_EVENTS,
      csatAnswerWindowHours: e.CSAT_ANSWER_WINDOW_HOURS,
      timelineOtherTeamsMessages: e.TIMELINE_OTHER_TEAMS_MESSAGES,
      finalResponseApproval: e.FINAL_RESPONSE_APPROVAL,
    },
    /** Triage rules: how long a resolved case reopens, and what counts as a burst of complaints (an incident). */
    triage: {
      reopenWindowDays: e.REOPEN_WINDOW_DAYS,
      incidents: {
        windowMinutes: e.INCIDENT_WINDOW_MINUTES,
        baselineDays: e.INCIDENT_BASELINE_DAYS,
        minComplaints: e.INCIDENT_MIN_COMPLAINTS,
        rateMultiplier: e.INCIDENT_RATE_MULTIPLIER,
      },
      /**
       * Quality control of "not a complaint": each day's share of those messages (at least minPerDay, or all of
       * them when fewer) goes to the supervisors' review list (docs/classification.md).
       */
      review: { share: e.CLASSIFICATION_REVIEW_SHARE, minPerDay: e.CLASSIFICATION_REVIEW_MIN_PER_DAY },
    },
    /** RG 271: whose public holidays count, the choices RG 271 leaves open, and the deadline scheduler. */
    compliance: {
      // Checked to be one of HOLIDAY_REGIONS by its setting.
      state: e.COMPLIANCE_STATE as HolidayRegion,
      rollToBusinessDay: e.DEADLINE_ROLL_TO_BUSINESS_DAY,
      /** The page and account ids of the social-media accounts the firm owns or controls (RG 271.32(a)); null: not listed, agents judge. */
      socialOwnedAccounts: e.SOCIAL_OWNED_ACCOUNTS,
      acknowledgementRule: e.ACKNOWLEDGEMENT_RULE,
      atRiskThreshold: e.AT_RISK_THRESHOLD,
      delayPromptHours: e.DELAY_PROMPT_HOURS,
      schedulerIntervalMs: e.DEADLINE_SCHEDULER_INTERVAL_MS,
      autoAcknowledge: e.AUTO_ACKNOWLEDGEMENT,
      handlerName: e.COMPLAINTS_HANDLER_NAME,
      reportingEntity: e.ASIC_REPORTING_ENTITY,
    },
    /** Where the built web workspace is; unset → apps/web/dist of this checkout. */
    webUiDir: e.WEB_UI_DIR,
    /** Supervisors' live dashboard: how often each gateway pushes volumes and queue health (at most every 5 s). */
    supervisor: { pushIntervalMs: e.SUPERVISOR_PUSH_INTERVAL_MS },
    /** Personal data (docs/personal-data.md): the firm's redaction patterns, checked at start, and the retention periods (0 = keep). */
    privacy: {
      redactPatterns: e.REDACT_PATTERNS,
      retention: {
        noiseDays: e.RETENTION_NOISE_DAYS,
        enquiryMonths: e.RETENTION_ENQUIRY_MONTHS,
        complaintYears: e.RETENTION_COMPLAINT_YEARS,
        attachmentMonths: e.RETENTION_ATTACHMENT_MONTHS,
        logDays: e.RETENTION_LOG_DAYS,
      },
      /** The local hour (TIMEZONE) the nightly retention sweep runs, and how often the leader checks whether it is time. */
      runHour: e.RETENTION_RUN_HOUR,
      checkIntervalMs: e.RETENTION_CHECK_INTERVAL_MS,
    },
  };
}

/**
 * The one configuration schema: each setting checked on its own, then the
 * settings checked together (only once each is valid: the pipe stops at the
 * first stage's problems), then shaped into the configuration.
 */
export const appConfigSchema = envSchema
  .pipe(
    z.custom<Env>().superRefine((e, ctx) => {
      for (const problem of settingsTogetherProblems(e)) ctx.addIssue({ code: 'custom', path: [problem.setting], message: problem.message });
    }),
  )
  .transform(shapeConfig);

/** The one typed configuration, inferred from appConfigSchema. */
export type AppConfig = z.output<typeof appConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<Problem>) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.setting} ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into the typed configuration, or throws a ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = appConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ setting: String(issue.path[0] ?? '?'), message: issue.message })));
  }
  return parsed.data;
}

/**
 * Kafka's TLS and SASL settings make sense only together and with brokers: a
 * mechanism needs a user and password (and the reverse), PLAIN sends the
 * password as it is so it needs TLS, a client certificate needs its key, and
 * every file must be readable now rather than at the first reconnect.
 */
function checkKafkaSecurity(problems: Problem[], e: Env): void {
  const security = (['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const).filter(
    (n) => e[n] !== undefined,
  );
  if (!e.KAFKA_BROKERS) {
    for (const setting of [...(e.KAFKA_SSL ? ['KAFKA_SSL'] : []), ...security]) problems.push({ setting, message: 'is set but KAFKA_BROKERS is not' });
    return;
  }
  requireTogether(problems, e, ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
  requireTogether(problems, e, ['KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE']);
  if (e.KAFKA_SASL_MECHANISM === 'plain' && !e.KAFKA_SSL) {
    problems.push({ setting: 'KAFKA_SASL_MECHANISM', message: 'plain sends the password in clear: it needs KAFKA_SSL=true' });
  }
  for (const setting of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const) {
    const file = e[setting];
    if (file === undefined) continue;
    if (!e.KAFKA_SSL) problems.push({ setting, message: 'needs KAFKA_SSL=true' });
    else if (!isReadable(file)) problems.push({ setting, message: `names a file that cannot be read: ${file}` });
  }
}

function isReadable(file: string): boolean {
  try {
    accessSync(file, fsConstants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Each mailbox URL signs in as EMAIL_AUTH says, or as its own `?auth=`: a
 * password sign-in needs the password in the URL; an OAuth2 one needs no
 * password but the client settings of its kind.
 */
function emailSignInProblems(e: Env): Problem[] {
  const problems: Problem[] = [];
  const kinds = new Set<EmailAuthKind>();
  for (const [setting, list] of [['IMAP_URL', e.IMAP_URL], ['SMTP_URL', e.SMTP_URL]] as const) {
    for (const entry of list ? list.split(',') : []) {
      const parsed = new URL(entry.trim());
      const override = parsed.searchParams.get('auth');
      if (override !== null && !(EMAIL_AUTH_KINDS as readonly string[]).includes(override)) {
        problems.push({ setting, message: `has auth=${override} for ${parsed.host}; it must be one of ${EMAIL_AUTH_KINDS.join(', ')}` });
        continue;
      }
      const kind = (override as EmailAuthKind | null) ?? e.EMAIL_AUTH;
      kinds.add(kind);
      if (kind === 'password' && setting === 'IMAP_URL' && (!parsed.username || !parsed.password)) {
        problems.push({ setting, message: `needs a user and password in each URL (imap://user:pass@host/INBOX), got one for ${parsed.host}` });
      }
      if (kind !== 'password' && !parsed.username) {
        problems.push({ setting, message: `needs the mailbox as the user for ${kind} (e.g. imaps://complaints%40bank.example@host/INBOX), got none for ${parsed.host}` });
      }
    }
  }
  const need = (setting: keyof Env, why: string) => {
    if (e[setting] === undefined) problems.push({ setting, message: `is required ${why}` });
  };
  if (kinds.has('oauth2-microsoft')) {
    for (const s of ['EMAIL_OAUTH_TENANT_ID', 'EMAIL_OAUTH_CLIENT_ID'] as const) need(s, 'for oauth2-microsoft mailboxes');
    // The app registration's credential: a client secret, or a certificate (its PEM with the private key).
    if (!e.EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE) need('EMAIL_OAUTH_CLIENT_SECRET', 'for oauth2-microsoft mailboxes (or EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE)');
  }
  if (kinds.has('oauth2-google')) {
    if (!e.EMAIL_OAUTH_SERVICE_ACCOUNT_FILE && !e.EMAIL_OAUTH_REFRESH_TOKEN) {
      problems.push({ setting: 'EMAIL_OAUTH_SERVICE_ACCOUNT_FILE', message: 'is required for oauth2-google mailboxes (or EMAIL_OAUTH_REFRESH_TOKEN with the client id and secret)' });
    }
    if (e.EMAIL_OAUTH_REFRESH_TOKEN && !e.EMAIL_OAUTH_SERVICE_ACCOUNT_FILE) {
      for (const s of ['EMAIL_OAUTH_CLIENT_ID', 'EMAIL_OAUTH_CLIENT_SECRET'] as const) need(s, 'with EMAIL_OAUTH_REFRESH_TOKEN');
    }
  }
  if (kinds.has('oauth2')) {
    need('EMAIL_OAUTH_TOKEN_URL', 'for oauth2 mailboxes');
    need('EMAIL_OAUTH_CLIENT_ID', 'for oauth2 mailboxes');
    if (!e.EMAIL_OAUTH_REFRESH_TOKEN) need('EMAIL_OAUTH_CLIENT_SECRET', 'for oauth2 mailboxes');
  }
  return problems;
}

/** IMAP_AFTER_IMPORT (`seen` or `move:<folder>`, checked by its setting) as what the importer does. */
function afterImport(setting: string): { kind: 'seen' } | { kind: 'move'; folder: string } {
  return setting.startsWith('move:') ? { kind: 'move', folder: setting.slice('move:'.length) } : { kind: 'seen' };
}

/** `a=b,c=d` → { a: 'b', c: 'd' } (names may hold spaces; the first `=` splits). */
export function parseGroupMap(value: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}

function staffSignInProblems(e: Env): Problem[] {
  const problems: Problem[] = [];
  if (e.OIDC_ISSUER_URL || e.OIDC_CLIENT_ID) {
    if (!e.OIDC_ISSUER_URL) problems.push({ setting: 'OIDC_ISSUER_URL', message: 'is required when OIDC_CLIENT_ID is set' });
    if (!e.OIDC_CLIENT_ID) problems.push({ setting: 'OIDC_CLIENT_ID', message: 'is required when OIDC_ISSUER_URL is set' });
    if (e.OIDC_ISSUER_URL) {
      const issuer = new URL(e.OIDC_ISSUER_URL);
      if (issuer.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)) {
        problems.push({ setting: 'OIDC_ISSUER_URL', message: 'must be https (plain http only for a provider on this machine)' });
      }
    }
    const pairs = (e.OIDC_ROLE_MAP ?? '').split(',').filter((p) => p.trim());
    if (pairs.length === 0) problems.push({ setting: 'OIDC_ROLE_MAP', message: 'is required with single sign-on: group=role pairs, e.g. complaints-agents=agent,it-admins=admin' });
    for (const pair of pairs) {
      const [group, role] = pair.split('=').map((x) => x?.trim());
      if (!group || !['agent', 'supervisor', 'admin'].includes(role ?? '')) {
        problems.push({ setting: 'OIDC_ROLE_MAP', message: `has "${pair.trim()}"; each pair is group=agent|supervisor|admin` });
      }
    }
  }
  if (e.PASSWORD_LOGIN === 'off' && !e.OIDC_ISSUER_URL && !e.BREAK_GLASS_ADMIN_EMAIL) {
    problems.push({ setting: 'PASSWORD_LOGIN', message: 'cannot be off without OIDC_ISSUER_URL or BREAK_GLASS_ADMIN_EMAIL: nobody could sign in' });
  }
  return problems;
}

function requireTogether(problems: Problem[], env: Env, names: Array<keyof Env>): void {
  const set = names.filter((n) => env[n] !== undefined);
  if (set.length > 0 && set.length < names.length) {
    for (const n of names.filter((n) => env[n] === undefined)) {
      problems.push({ setting: String(n), message: `is required when ${set.join(', ')} is set` });
    }
  }
}

export const APP_CONFIG = Symbol('AppConfig');
