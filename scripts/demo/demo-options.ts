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
}

export const DEMO_TWILIO = { accountSid: 'AC0000000000000000000000000000demo', authToken: 'demo-twilio-auth-token', number: '+61255550100' };

const USAGE = `npm run demo -- [--rate <messages/min>] [--duration <seconds>] [--url <inbox url>] [--public-url <url>] [--port <n>] [--burst <n>] [--seed <n>]
  Without --url it builds and starts an inbox (embedded PostgreSQL under ./.data-demo) configured with demo channel secrets.
  With --url it uses that inbox: pass its Twilio credentials in TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN (and TWILIO_NUMBER).`;

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
  const known = ['rate', 'duration', 'url', 'public-url', 'port', 'burst', 'seed'];
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
  };
}
