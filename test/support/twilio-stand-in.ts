import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import twilio from 'twilio';
import { recordingHttpServer, type DropConnection } from './recording-http-server';

/** One request the stand-in received, as Twilio would have seen it. */
export interface TwilioStandInRequest {
  method: string;
  /** Path without the query string, e.g. /2010-04-01/Accounts/AC…/Messages.json */
  path: string;
  query: Record<string, string>;
  /** Basic-auth user (the account SID, or an API key SID) and password (the auth token). */
  accountSid?: string;
  authToken?: string;
  /** Form fields (last value wins for a repeated field; see rawBody for all). */
  form: Record<string, string>;
  rawBody: string;
  headers: IncomingMessage['headers'];
  /** The SID the stand-in answered with (SM… or CA…), when it created a message or call. */
  sid?: string;
}

/** A programmed failure: Twilio's error JSON with this status and code, or a dropped connection. */
export type TwilioStandInFailure = { status: number; code?: number; message?: string } | DropConnection;

export interface TwilioStandIn {
  /** Give this to `createTwilioClient({ apiBase })`. */
  baseUrl: string;
  /** Every request, in arrival order (failed ones too). */
  requests: TwilioStandInRequest[];
  /** The next `count` requests fail this way, then the stand-in answers normally again. */
  failNext(count: number, failure: TwilioStandInFailure): void;
  close(): Promise<void>;
}

export interface TwilioStandInOptions {
  /** When set, requests with other Basic-auth credentials get Twilio's 401 (error 20003). */
  credentials?: { accountSid: string; authToken: string };
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authenticate',
  404: 'The requested resource was not found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A local stand-in for Twilio's REST API (Messages and Calls), answering like Twilio does. */
export async function startTwilioStandIn(options: TwilioStandInOptions = {}): Promise<TwilioStandIn> {
  const server = await recordingHttpServer<TwilioStandInRequest, Exclude<TwilioStandInFailure, DropConnection>>({
    record,
    fail(res, failure) {
      const code = failure.code ?? 20000 + failure.status;
      sendError(res, failure.status, code, failure.message ?? DEFAULT_MESSAGES[failure.status] ?? 'Error');
    },
    answer: (recorded, res) => answer(recorded, res, options),
  });
  return { baseUrl: server.url, requests: server.requests, failNext: server.failNext, close: server.close };
}

/** X-Twilio-Signature for a webhook we post to ourselves in tests, computed the way Twilio does. */
export function signTwilioWebhook(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

function record(req: IncomingMessage, rawBody: string): TwilioStandInRequest {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const recorded: TwilioStandInRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    form: Object.fromEntries(new URLSearchParams(rawBody)),
    rawBody,
    headers: req.headers,
  };
  const auth = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (auth?.[1] !== undefined) {
    const decoded = Buffer.from(auth[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    recorded.accountSid = colon === -1 ? decoded : decoded.slice(0, colon);
    if (colon !== -1) recorded.authToken = decoded.slice(colon + 1);
  }
  return recorded;
}

function answer(request: TwilioStandInRequest, res: ServerResponse, options: TwilioStandInOptions): void {
  const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/(Messages|Calls)\.json$/.exec(request.path);
  if (request.method !== 'POST' || !match) {
    sendError(res, 404, 20404, `The requested resource ${request.path} was not found`);
    return;
  }
  const accountSid = match[1];
  const resource = match[2];
  const expected = options.credentials;
  if (
    request.accountSid === undefined ||
    (expected !== undefined && (request.accountSid !== expected.accountSid || request.authToken !== expected.authToken))
  ) {
    sendError(res, 401, 20003, 'Authenticate');
    return;
  }
  if (request.accountSid !== accountSid) {
    sendError(res, 404, 20404, `The requested resource ${request.path} was not found`);
    return;
  }
  const { To: to, From: from } = request.form;
  if (!to) {
    sendError(res, 400, 21604, "A 'To' phone number is required.");
    return;
  }
  if (!from) {
    sendError(res, 400, 21603, "A 'From' phone number is required.");
    return;
  }
  const now = new Date().toUTCString().replace('GMT', '+0000');
  if (resource === 'Messages') {
    const body = request.form.Body ?? '';
    if (body === '' && !request.form.MediaUrl) {
      sendError(res, 400, 21602, 'Message body is required.');
      return;
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    request.sid = sid;
    sendJson(res, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
    return;
  }
  const sid = `CA${randomBytes(16).toString('hex')}`;
  request.sid = sid;
  sendJson(res, 201, {
    account_sid: accountSid,
    annotation: null,
    answered_by: null,
    api_version: '2010-04-01',
    caller_name: null,
    date_created: now,
    date_updated: now,
    direction: 'outbound-api',
    duration: null,
    end_time: null,
    forwarded_from: null,
    from,
    from_formatted: from,
    parent_call_sid: null,
    phone_number_sid: null,
    price: null,
    price_unit: 'USD',
    sid,
    start_time: null,
    status: 'queued',
    subresource_uris: { recordings: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}/Recordings.json` },
    to,
    to_formatted: to,
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
  });
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
