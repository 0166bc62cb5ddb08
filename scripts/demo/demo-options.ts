/** The simulator's options: `npm run demo -- --rate 60 --duration 300 --url http://localhost:3000`. */
export interface DemoOptions {
  /** Messages per minute of normal traffic (the burst comes on top). */
  rate: number;
  /** Seconds of traffic. */
  duration: number;
  /** An inbox already running; unset → the simulator starts one with demo settings. */
  url?: string;
  /** The inbox's PUBLIC_URL, which webhook signatures cover (default: the URL). */
  publicUrl?: string;
  /** Port for the inbox the simulator starts. */
  port: number;
  /** Complaints in the incident burst (0: none). */
  burst: number;
  /** Random seed: the same seed sends the same traffic. */
  seed: number;
  /** Twilio credentials the webhooks are signed with (a running inbox's own; demo ones when the simulator starts it). */
  twilio: { accountSid: string; authToken: string; number: string };
  /** Meta (WhatsApp, Messenger, Facebook comments), when the app secret is known; webhooks carry X-Hub-Signature-256 with it. */
  meta?: { appSecret: string; pageId: string; whatsappPhoneNumberId: string; whatsappNumber: string };
  /** Telegram in webhook mode, when the inbox's webhook secret is known. */
  telegram?: { webhookSecret: string };
  /** The web chat (no secret: on in every inbox unless WEBCHAT_ENABLED=false). */
  webchat: boolean;
  /** Only these channels (`--channels sms,webchat`); unset: every channel the options allow. */
  channels?: string[];
}

export const DEMO_TWILIO = { accountSid: 'AC0000000000000000000000000000demo', authToken: 'demo-twilio-auth-token', number: '+61255550100' };
export const DEMO_META = { appSecret: 'demo-meta-app-secret', pageId: '100000000000271', whatsappPhoneNumberId: '200000000000271', whatsappNumber: '61255550101' };
export const DEMO_TELEGRAM = { botToken: '7000271:AAE-demo-bot-token_0123456789abcdefghijk', webhookSecret: 'demo-telegram-webhook-secret' };
export const DEMO_CHANNELS = ['sms', 'voice', 'whatsapp', 'messenger', 'facebook', 'telegram', 'webchat'] as const;

const USAGE = `npm run demo -- [--rate <messages/min>] [--duration <seconds>] [--url <inbox url>] [--public-url <url>] [--port <n>] [--burst <n>] [--seed <n>]
                   [--channels <list>] [--meta-app-secret <secret>] [--telegram-secret <secret>]
  Without --url it builds and starts an inbox (embedded PostgreSQL under ./.data-demo) configured with demo channel secrets.
  With --url it uses that inbox: pass its Twilio credentials in TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN (and TWILIO_NUMBER).
  Meta (whatsapp, messenger, facebook) is included only with its app secret (--meta-app-secret or META_APP_SECRET; page id
  META_PAGE_ID, WhatsApp phone number id WHATSAPP_PHONE_NUMBER_ID), Telegram only with its webhook secret (--telegram-secret
  or TELEGRAM_WEBHOOK_SECRET), the web chat always. --channels picks some of: ${DEMO_CHANNELS.join(', ')}.`;

export class DemoUsageError extends Error {
  constructor(problem: string, readonly helpAsked = false) {
    super(`${problem}\n\n${USAGE}`);
  }
}

/** Reads argv (after `--`) and, for a running inbox, its Twilio credentials from the environment. */
export function parseDemoOptions(argv: readonly string[], env: Record<string, string | undefined>): DemoOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new DemoUsageError('Traffic simulator for the complaints inbox.', true);
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new DemoUsageError(`Unexpected argument ${arg}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new DemoUsageError(`--${match[1]} needs a value`);
    values.set(match[1], value);
  }
  const known = ['rate', 'duration', 'url', 'public-url', 'port', 'burst', 'seed', 'channels', 'meta-app-secret', 'telegram-secret'];
  for (const key of values.keys()) if (!known.includes(key)) throw new DemoUsageError(`Unknown option --${key}`);
  const number = (key: string, fallback: number, min: number, max: number) => {
    const raw = values.get(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new DemoUsageError(`--${key} must be a number from ${min} to ${max}`);
    return n;
  };
  const url = values.get('url')?.replace(/\/+$/, '');
  for (const [key, v] of [['url', url], ['public-url', values.get('public-url')]] as const) {
    if (v !== undefined && !/^https?:\/\/[^/]+/.test(v)) throw new DemoUsageError(`--${key} must be an http(s) URL`);
  }
  const channels = values.get('channels')?.split(',').map((c) => c.trim()).filter(Boolean);
  const unknownChannel = channels?.find((c) => !(DEMO_CHANNELS as readonly string[]).includes(c));
  if (unknownChannel) throw new DemoUsageError(`--channels: unknown channel ${unknownChannel}`);
  if (channels?.length === 0) throw new DemoUsageError('--channels needs at least one channel');
  const metaAppSecret = url ? values.get('meta-app-secret') ?? env.META_APP_SECRET : DEMO_META.appSecret;
  const telegramSecret = url ? values.get('telegram-secret') ?? env.TELEGRAM_WEBHOOK_SECRET : DEMO_TELEGRAM.webhookSecret;
  return {
    rate: number('rate', 40, 1, 6000),
    duration: number('duration', 300, 1, 24 * 3600),
    url,
    publicUrl: values.get('public-url')?.replace(/\/+$/, ''),
    port: number('port', 3000, 0, 65535),
    burst: Math.round(number('burst', 30, 0, 1000)),
    seed: Math.round(number('seed', 271, 0, 2 ** 31)),
    twilio: url
      ? { accountSid: env.TWILIO_ACCOUNT_SID ?? DEMO_TWILIO.accountSid, authToken: env.TWILIO_AUTH_TOKEN ?? DEMO_TWILIO.authToken, number: env.TWILIO_NUMBER ?? DEMO_TWILIO.number }
      : DEMO_TWILIO,
    meta: metaAppSecret
      ? {
          appSecret: metaAppSecret,
          pageId: (url && env.META_PAGE_ID) || DEMO_META.pageId,
          whatsappPhoneNumberId: (url && env.WHATSAPP_PHONE_NUMBER_ID) || DEMO_META.whatsappPhoneNumberId,
          whatsappNumber: ((url && env.WHATSAPP_NUMBER) || DEMO_META.whatsappNumber).replace(/^\+/, ''),
        }
      : undefined,
    telegram: telegramSecret ? { webhookSecret: telegramSecret } : undefined,
    webchat: true,
    channels,
  };
}
