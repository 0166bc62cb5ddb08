import { hostname } from 'node:os';
import { z } from 'zod';

/**
 * The one typed configuration (STYLE 4). Every setting is read here and only
 * here; a wrong value stops the start with a message naming the setting.
 */
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

const positiveInt = (fallback: number) =>
  optionalString
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((n) => Number.isInteger(n) && n > 0, { message: 'must be a positive integer' });

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
  INSTANCE_ID: optionalString,
  PUBLIC_URL: url(['http:', 'https:']),
  CORS_ORIGINS: optionalString,
  RATE_LIMIT_PER_MINUTE: positiveInt(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'debug'])
    .optional()
    .transform((v) => v ?? 'info'),
  JWT_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  JWT_TTL_SECONDS: positiveInt(12 * 3600),
  INBOX_ADMIN_EMAIL: optionalString.refine((v) => v === undefined || /^[^@\s]+@[^@\s]+$/.test(v), {
    message: 'must be an email address',
  }),
  INBOX_ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 8, {
    message: 'must be at least 8 characters',
  }),
  DEFAULT_PHONE_REGION: optionalString
    .transform((v) => (v ?? 'AU').toUpperCase())
    .refine((v) => /^[A-Z]{2}$/.test(v), { message: 'must be a two-letter country code' }),
  TIMEZONE: optionalString
    .transform((v) => v ?? 'Australia/Sydney')
    .refine((v) => isTimeZone(v), { message: 'must be an IANA time zone such as Australia/Sydney' }),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE: url(['http:', 'https:']),
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
  AGENT_PRESENCE_TTL_SECONDS: positiveInt(30),
  RESYNC_MAX_EVENTS: positiveInt(1_000),
  CSAT_ANSWER_WINDOW_HOURS: positiveInt(72),
  REOPEN_WINDOW_DAYS: positiveInt(14),
  INCIDENT_WINDOW_MINUTES: positiveInt(5),
  INCIDENT_BASELINE_DAYS: positiveInt(7),
  INCIDENT_MIN_COMPLAINTS: positiveInt(20),
  INCIDENT_RATE_MULTIPLIER: optionalString
    .transform((v) => (v === undefined ? 5 : Number(v)))
    .refine((n) => Number.isFinite(n) && n >= 1, { message: 'must be a number of at least 1' }),
  COMPLIANCE_STATE: optionalString
    .transform((v) => (v ?? 'NSW').toUpperCase())
    .refine((v) => ['NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'ACT', 'NT'].includes(v), { message: 'must be an Australian state or territory (NSW, VIC, QLD, SA, WA, TAS, ACT, NT)' }),
  DEADLINE_ROLL_TO_BUSINESS_DAY: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
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

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Set → that PostgreSQL server; unset → embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  databasePoolSize: number;
  /** Set → Kafka bus; unset → in-process bus. */
  kafka?: {
    brokers: string[];
    clientId: string;
    /** Consumer group timings: how fast a dead member is noticed and partitions move. */
    consumer: { sessionTimeout: number; heartbeatInterval: number; rebalanceTimeout: number; maxWaitTimeInMs: number; partitionsConsumedConcurrently: number };
  };
  instanceId: string;
  publicUrl?: string;
  corsOrigins: string[];
  /** Requests per client address per minute: the REST API and pages; logins separately (password guessing). */
  rateLimits: { perMinute: number; loginPerMinute: number };
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  auth: { jwtSecret?: string; jwtTtlSeconds: number; adminEmail?: string; adminPassword?: string };
  defaultPhoneRegion: string;
  timeZone: string;
  twilio?: {
    accountSid: string;
    authToken: string;
    apiBase?: string;
    voice: { greeting: string; language: string; reply: 'call' | 'sms' };
  };
  /** `mode` webhook needs TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL; otherwise the inbox long-polls. */
  telegram?: {
    botToken: string;
    webhookSecret?: string;
    apiRoot?: string;
    mode: 'webhook' | 'polling';
    pollTimeoutSeconds: number;
    greeting: string;
  };
  /** The web chat widget and its /webchat namespace; limits apply to each anonymous visitor and each network address. */
  webchat?: { maxMessageLength: number; messagesPerMinute: number; messagesPerMinutePerAddress: number };
  meta?: {
    appSecret: string;
    verifyToken?: string;
    pageAccessToken?: string;
    graphApiBase?: string;
    /** WhatsApp Cloud API: its own (system user) token, else the page token; the template allowed outside the 24-hour window. */
    whatsapp: { accessToken?: string; reengageTemplate?: { name: string; language: string } };
  };
  email?: {
    imapUrls: string[];
    smtpUrl?: string;
    mailFrom?: string;
    /** Larger attachments are not kept; the message says so. */
    maxAttachmentBytes: number;
    /** What happens to a mail once it is durably imported: flagged \\Seen, or moved to a folder. */
    afterImport: { kind: 'seen' } | { kind: 'move'; folder: string };
    /** A full check of each mailbox this often, besides IDLE (and instead of it where the server has none). */
    pollIntervalMs: number;
  };
  /** The agents' workspace: when an agent counts as online, how far a resync replays, how long a CSAT question waits. */
  workspace: { presenceTtlSeconds: number; resyncMaxEvents: number; csatAnswerWindowHours: number };
  /** Triage rules: how long a resolved case reopens, and what counts as a burst of complaints (an incident). */
  triage: {
    reopenWindowDays: number;
    incidents: { windowMinutes: number; baselineDays: number; minComplaints: number; rateMultiplier: number };
  };
  /** RG 271: whose public holidays count, the choices RG 271 leaves open, and the deadline scheduler. */
  compliance: {
    state: 'NSW' | 'VIC' | 'QLD' | 'SA' | 'WA' | 'TAS' | 'ACT' | 'NT';
    rollToBusinessDay: boolean;
    acknowledgementRule: 'later_of_24h_and_next_business_day' | '24_hours' | 'next_business_day';
    atRiskThreshold: number;
    delayPromptHours: number;
    schedulerIntervalMs: number;
    autoAcknowledge: boolean;
    handlerName: string;
    reportingEntity?: string;
  };
  /** Where the built web workspace is; unset → apps/web/dist of this checkout. */
  webUiDir?: string;
  /** Supervisors' live dashboard: how often each gateway pushes volumes and queue health (at most every 5 s). */
  supervisor: { pushIntervalMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ setting: string; message: string }>) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.setting} ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into the typed configuration, or throws a ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ setting: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const e = parsed.data;
  const problems: Array<{ setting: string; message: string }> = [];
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
  for (const imapUrl of e.IMAP_URL ? e.IMAP_URL.split(',') : []) {
    const parsed = new URL(imapUrl.trim());
    if (!parsed.username || !parsed.password) {
      problems.push({ setting: 'IMAP_URL', message: `needs a user and password in each URL (imap://user:pass@host/INBOX), got one for ${parsed.host}` });
    }
  }
  if (e.INBOX_ADMIN_EMAIL && !e.INBOX_ADMIN_PASSWORD) {
    problems.push({ setting: 'INBOX_ADMIN_PASSWORD', message: 'is required when INBOX_ADMIN_EMAIL is set' });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    kafka: e.KAFKA_BROKERS
      ? {
          brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
          clientId: e.KAFKA_CLIENT_ID,
          consumer: {
            sessionTimeout: e.KAFKA_SESSION_TIMEOUT_MS,
            heartbeatInterval: e.KAFKA_HEARTBEAT_INTERVAL_MS,
            rebalanceTimeout: e.KAFKA_REBALANCE_TIMEOUT_MS,
            maxWaitTimeInMs: e.KAFKA_MAX_WAIT_MS,
            partitionsConsumedConcurrently: e.KAFKA_PARTITIONS_CONCURRENTLY,
          },
        }
      : undefined,
    instanceId: e.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
    rateLimits: { perMinute: e.RATE_LIMIT_PER_MINUTE, loginPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE },
    logLevel: e.LOG_LEVEL,
    auth: {
      jwtSecret: e.JWT_SECRET,
      jwtTtlSeconds: e.JWT_TTL_SECONDS,
      adminEmail: e.INBOX_ADMIN_EMAIL?.toLowerCase(),
      adminPassword: e.INBOX_ADMIN_PASSWORD,
    },
    defaultPhoneRegion: e.DEFAULT_PHONE_REGION,
    timeZone: e.TIMEZONE,
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            apiBase: e.TWILIO_API_BASE,
            voice: { greeting: e.TWILIO_VOICE_GREETING, language: e.TWILIO_VOICE_LANGUAGE, reply: e.TWILIO_VOICE_REPLY },
          }
        : undefined,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          botToken: e.TELEGRAM_BOT_TOKEN,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          apiRoot: e.TELEGRAM_API_ROOT,
          mode: e.TELEGRAM_WEBHOOK_SECRET && e.PUBLIC_URL ? 'webhook' : 'polling',
          pollTimeoutSeconds: e.TELEGRAM_POLL_TIMEOUT_SECONDS,
          greeting: e.TELEGRAM_GREETING,
        }
      : undefined,
    webchat: e.WEBCHAT_ENABLED
      ? {
          maxMessageLength: e.WEBCHAT_MAX_MESSAGE_LENGTH,
          messagesPerMinute: e.WEBCHAT_MESSAGES_PER_MINUTE,
          messagesPerMinutePerAddress: e.WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS,
        }
      : undefined,
    meta: e.META_APP_SECRET
      ? {
          appSecret: e.META_APP_SECRET,
          verifyToken: e.META_VERIFY_TOKEN,
          pageAccessToken: e.META_PAGE_ACCESS_TOKEN,
          graphApiBase: e.META_GRAPH_API_BASE,
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
            maxAttachmentBytes: e.EMAIL_MAX_ATTACHMENT_BYTES,
            afterImport: e.IMAP_AFTER_IMPORT.startsWith('move:')
              ? { kind: 'move', folder: e.IMAP_AFTER_IMPORT.slice('move:'.length) }
              : { kind: 'seen' },
            pollIntervalMs: e.EMAIL_POLL_INTERVAL_MS,
          }
        : undefined,
    workspace: {
      presenceTtlSeconds: e.AGENT_PRESENCE_TTL_SECONDS,
      resyncMaxEvents: e.RESYNC_MAX_EVENTS,
      csatAnswerWindowHours: e.CSAT_ANSWER_WINDOW_HOURS,
    },
    triage: {
      reopenWindowDays: e.REOPEN_WINDOW_DAYS,
      incidents: {
        windowMinutes: e.INCIDENT_WINDOW_MINUTES,
        baselineDays: e.INCIDENT_BASELINE_DAYS,
        minComplaints: e.INCIDENT_MIN_COMPLAINTS,
        rateMultiplier: e.INCIDENT_RATE_MULTIPLIER,
      },
    },
    compliance: {
      state: e.COMPLIANCE_STATE as AppConfig['compliance']['state'],
      rollToBusinessDay: e.DEADLINE_ROLL_TO_BUSINESS_DAY,
      acknowledgementRule: e.ACKNOWLEDGEMENT_RULE,
      atRiskThreshold: e.AT_RISK_THRESHOLD,
      delayPromptHours: e.DELAY_PROMPT_HOURS,
      schedulerIntervalMs: e.DEADLINE_SCHEDULER_INTERVAL_MS,
      autoAcknowledge: e.AUTO_ACKNOWLEDGEMENT,
      handlerName: e.COMPLAINTS_HANDLER_NAME,
      reportingEntity: e.ASIC_REPORTING_ENTITY,
    },
    webUiDir: e.WEB_UI_DIR,
    supervisor: { pushIntervalMs: e.SUPERVISOR_PUSH_INTERVAL_MS },
  };
}

function requireTogether(problems: Array<{ setting: string; message: string }>, env: Env, names: Array<keyof Env>): void {
  const set = names.filter((n) => env[n] !== undefined);
  if (set.length > 0 && set.length < names.length) {
    for (const n of names.filter((n) => env[n] === undefined)) {
      problems.push({ setting: String(n), message: `is required when ${set.join(', ')} is set` });
    }
  }
}

export const APP_CONFIG = Symbol('AppConfig');
