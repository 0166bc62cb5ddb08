import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordingHttpServer, type DropConnection } from './recording-http-server';

export const GRAPH_API_VERSION = 'v21.0';

/** One request the stand-in received, as the Graph API would have seen it. */
export interface GraphStandInRequest {
  method: string;
  /** Path after the version, e.g. `/1234567890/messages`. */
  path: string;
  query: Record<string, string>;
  /** The Bearer token, or the `access_token` query parameter. */
  accessToken?: string;
  body: Record<string, any>;
  rawBody: string;
  headers: IncomingMessage['headers'];
}

/** A programmed failure: Meta's error JSON with this HTTP status and error code, or a dropped connection. */
export type GraphStandInFailure =
  | { status: number; code: number; subcode?: number; message?: string; type?: string; details?: string }
  | DropConnection;

export interface GraphApiStandIn {
  /** Give this to META_GRAPH_API_BASE (it includes the version, like https://graph.facebook.com/v21.0). */
  baseUrl: string;
  requests: GraphStandInRequest[];
  failNext(count: number, failure: GraphStandInFailure): void;
  close(): Promise<void>;
}

export interface GraphStandInOptions {
  /** Tokens the stand-in accepts; any other gets Meta's OAuthException 190. */
  accessTokens?: string[];
}

/**
 * A local stand-in for the Graph API endpoints the inbox sends to: the Send
 * API (`/{page-id}/messages`, `/me/messages`, with `recipient.id`,
 * `recipient.comment_id` or `recipient.post_id`), WhatsApp Cloud API
 * (`/{phone-number-id}/messages`), Facebook comment replies
 * (`/{object-id}/comments`) and Instagram comment replies
 * (`/{ig-comment-id}/replies`). It answers with Meta's shapes and Meta's
 * error JSON, and records every request.
 */
export async function startGraphApiStandIn(options: GraphStandInOptions = {}): Promise<GraphApiStandIn> {
  const server = await recordingHttpServer<GraphStandInRequest, Exclude<GraphStandInFailure, DropConnection>>({
    record,
    fail: (res, failure) => sendError(res, failure.status, failure.code, failure.message ?? 'An unknown error has occurred.', failure),
    answer: (recorded, res) => answer(recorded, res, options),
  });
  return { baseUrl: `${server.url}/${GRAPH_API_VERSION}`, requests: server.requests, failNext: server.failNext, close: server.close };
}

/** `X-Hub-Signature-256` as Meta computes it: HMAC-SHA256 of the exact body bytes with the app secret. */
export function signMetaWebhook(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

function record(req: IncomingMessage, rawBody: string): GraphStandInRequest {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const query = Object.fromEntries(url.searchParams);
  let body: Record<string, any>;
  try {
    body = rawBody ? (JSON.parse(rawBody) as Record<string, any>) : {};
  } catch {
    body = {};
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return {
    method: req.method ?? 'GET',
    path: url.pathname.replace(new RegExp(`^/${GRAPH_API_VERSION.replace('.', '\\.')}`), ''),
    query,
    accessToken: bearer ?? query.access_token,
    body,
    rawBody,
    headers: req.headers,
  };
}

function answer(request: GraphStandInRequest, res: ServerResponse, options: GraphStandInOptions): void {
  if (!request.accessToken) return sendError(res, 400, 2500, 'An active access token must be used to query information about the current user.', { type: 'OAuthException' });
  if (options.accessTokens && !options.accessTokens.includes(request.accessToken)) {
    return sendError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token', { type: 'OAuthException' });
  }
  const match = /^\/([\w.-]+)\/(messages|comments|replies)$/.exec(request.path);
  if (request.method !== 'POST' || !match) {
    return sendError(res, 400, 100, `Unsupported ${request.method} request. Object with ID '${request.path}' does not exist`, { type: 'GraphMethodException' });
  }
  const [, node, edge] = match;
  const body = request.body;
  if (edge === 'comments' || edge === 'replies') {
    if (typeof body.message !== 'string' || body.message === '') return sendError(res, 400, 100, '(#100) The parameter message is required');
    return sendJson(res, 200, { id: edge === 'comments' ? `${node.split('_')[0]}_${digits(16)}` : digits(17) });
  }
  if (body.messaging_product === 'whatsapp') {
    if (typeof body.to !== 'string' || !/^\d{6,15}$/.test(body.to)) return sendError(res, 400, 131009, '(#131009) Parameter value is not valid', { details: 'to must be a phone number' });
    if (body.type === 'text' && typeof body.text?.body !== 'string') return sendError(res, 400, 100, '(#100) The parameter text[body] is required.');
    if (body.type === 'template' && typeof body.template?.name !== 'string') return sendError(res, 400, 100, '(#100) The parameter template[name] is required.');
    if (body.type !== 'text' && body.type !== 'template') return sendError(res, 400, 100, `(#100) Param type must be one of {text, template}`);
    return sendJson(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: `wamid.${randomBytes(24).toString('base64url')}`, ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }],
    });
  }
  const recipient = body.recipient ?? {};
  if (!recipient.id && !recipient.comment_id && !recipient.post_id) return sendError(res, 400, 100, '(#100) The parameter recipient is required');
  if (typeof body.message?.text !== 'string' || body.message.text === '') return sendError(res, 400, 100, '(#100) The parameter message[text] is required');
  if (recipient.id && node !== 'me' && !body.messaging_type) return sendError(res, 400, 100, '(#100) The parameter messaging_type is required');
  return sendJson(res, 200, { recipient_id: recipient.id ?? digits(16), message_id: `m_${randomBytes(24).toString('base64url')}` });
}

function digits(n: number): string {
  let out = String(1 + Math.floor(Math.random() * 9));
  while (out.length < n) out += String(Math.floor(Math.random() * 10));
  return out;
}

function sendError(res: ServerResponse, status: number, code: number, message: string, extra: { subcode?: number; type?: string; details?: string } = {}): void {
  sendJson(res, status, {
    error: {
      message,
      type: extra.type ?? 'OAuthException',
      code,
      ...(extra.subcode !== undefined ? { error_subcode: extra.subcode } : {}),
      ...(extra.details !== undefined ? { error_data: { details: extra.details } } : {}),
      fbtrace_id: randomBytes(9).toString('base64url'),
    },
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
