import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { DomainError, InvalidInputError, UnavailableError } from '@inbox/contracts';
import type { SendResult } from '../channel-sender';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** Send every REST request here instead of Twilio (a stand-in in tests, a relay in odd networks). */
  apiBase?: string;
  /** Per-request timeout; the SDK's default is 30 s. */
  timeoutMs?: number;
}

/**
 * A RequestClient that sends every request to one base URL, keeping Twilio's
 * path and query. The SDK has no base-URL option, and `client.api.baseUrl`
 * covers only api.twilio.com, not messaging.twilio.com and the other domains
 * whereas the HTTP client sees every request.
 */
export class RebasedTwilioRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(apiBase: string, options?: RequestClient.RequestClientOptions) {
    super(options);
    this.base = parseApiBase(apiBase);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: rebaseTwilioUri(opts.uri, this.base) });
  }
}

/** `https://api.twilio.com/2010-04-01/…?x` on base `http://127.0.0.1:4010/twilio` → `http://127.0.0.1:4010/twilio/2010-04-01/…?x`. */
export function rebaseTwilioUri(uri: string, base: URL): string {
  const original = new URL(uri);
  const target = new URL(base.href);
  target.pathname = target.pathname.replace(/\/+$/, '') + original.pathname;
  target.search = original.search;
  target.hash = '';
  return target.href;
}

function parseApiBase(apiBase: string): URL {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new InvalidInputError('twilio_invalid_api_base', `The Twilio API base "${apiBase}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError('twilio_invalid_api_base', `The Twilio API base must be http(s), got ${url.protocol}`);
  }
  return url;
}

/**
 * The Twilio REST client for one account. Every option the SDK would otherwise
 * take from the environment (TWILIO_EDGE, TWILIO_REGION, TWILIO_LOG_LEVEL,
 * credentials) is given explicitly, so configuration stays in one place.
 */
export function createTwilioClient(options: TwilioClientOptions): twilio.Twilio {
  if (!/^AC\w+$/.test(options.accountSid)) {
    throw new InvalidInputError('twilio_invalid_account_sid', 'The Twilio account SID must start with "AC"');
  }
  if (options.authToken === '') {
    throw new InvalidInputError('twilio_missing_auth_token', 'The Twilio auth token is empty');
  }
  const clientOptions: RequestClient.RequestClientOptions = { timeout: options.timeoutMs };
  const httpClient =
    options.apiBase !== undefined
      ? new RebasedTwilioRequestClient(options.apiBase, clientOptions)
      : new twilio.RequestClient(clientOptions);
  // '' rather than undefined: the SDK falls back to process.env on undefined (`??`), and '' means "no edge/region".
  return new twilio.Twilio(options.accountSid, options.authToken, { httpClient, edge: '', region: '', logLevel: 'info' });
}

export interface TwilioSenderOptions {
  /** Our public URL for delivery status callbacks; omitted → Twilio sends none. */
  statusCallbackUrl?: string;
}

/** Sends SMS and places calls, turning Twilio's failures into domain errors that say whether to retry. */
export class TwilioSender {
  constructor(
    private readonly client: twilio.Twilio,
    private readonly options: TwilioSenderOptions = {},
  ) {}

  /** `from`/`to` in E.164, or `whatsapp:+…` for WhatsApp through Twilio. */
  async sendSms(input: { from: string; to: string; body: string }): Promise<SendResult> {
    requireValue(input.from, 'from');
    requireValue(input.to, 'to');
    requireValue(input.body, 'body');
    try {
      const message = await this.client.messages.create({
        from: input.from,
        to: input.to,
        body: input.body,
        ...this.statusCallback(),
      });
      return { externalId: message.sid, status: message.status };
    } catch (error) {
      throw toTwilioDomainError(error, 'send the message');
    }
  }

  /** Calls `to` and runs `twiml` (e.g. `sayTwiml(answer, language)`) when answered. */
  async placeCall(input: { from: string; to: string; twiml: string }): Promise<SendResult> {
    requireValue(input.from, 'from');
    requireValue(input.to, 'to');
    requireValue(input.twiml, 'twiml');
    try {
      const call = await this.client.calls.create({
        from: input.from,
        to: input.to,
        twiml: input.twiml,
        ...this.statusCallback(),
      });
      return { externalId: call.sid, status: call.status };
    } catch (error) {
      throw toTwilioDomainError(error, 'place the call');
    }
  }

  private statusCallback(): { statusCallback?: string } {
    return this.options.statusCallbackUrl !== undefined ? { statusCallback: this.options.statusCallbackUrl } : {};
  }
}

function requireValue(value: string, name: string): void {
  // The SDK only checks for undefined and throws a plain Error; an empty value is our caller's mistake.
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidInputError(`twilio_missing_${name}`, `Cannot send through Twilio without "${name}"`);
  }
}

// Transport failures: the request may never have reached Twilio, so a retry is safe to try.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Twilio's error → a DomainError: 429 and 5xx are `UnavailableError` (retry
 * later), other 4xx `InvalidInputError` (e.g. 21610, the recipient replied STOP:
 * retrying never helps). Duck-typed because the SDK throws `RestException` for
 * most APIs but `TwilioServiceException` (not exported) for newer ones.
 * Anything else unknown is returned unchanged: a bug should look like one.
 */
export function toTwilioDomainError(error: unknown, action: string): unknown {
  if (error instanceof DomainError || typeof error !== 'object' || error === null) return error;
  const e = error as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
    detail?: unknown;
    moreInfo?: unknown;
    isAxiosError?: unknown;
  };
  if (typeof e.status === 'number' && e.status >= 400) {
    const status = e.status;
    const twilioCode = typeof e.code === 'number' || (typeof e.code === 'string' && /^\d+$/.test(e.code)) ? String(e.code) : undefined;
    const code = twilioCode !== undefined && twilioCode !== '0' ? `twilio_${twilioCode}` : `twilio_http_${status}`;
    const said = typeof e.detail === 'string' ? e.detail : typeof e.message === 'string' ? e.message : '';
    const text = `Twilio could not ${action} (HTTP ${status}${twilioCode ? `, error ${twilioCode}` : ''})${said ? `: ${said}` : ''}`;
    if (status === 429 || status >= 500) return new UnavailableError(code, text);
    return new InvalidInputError(code, text, {
      status,
      ...(twilioCode !== undefined ? { twilioCode } : {}),
      ...(typeof e.moreInfo === 'string' ? { moreInfo: e.moreInfo } : {}),
    });
  }
  if (e.isAxiosError === true || (typeof e.code === 'string' && NETWORK_CODES.has(e.code))) {
    const reason = typeof e.code === 'string' ? e.code : typeof e.message === 'string' ? e.message : 'network error';
    return new UnavailableError('twilio_unreachable', `Twilio could not be reached to ${action}: ${reason}`);
  }
  return error;
}
