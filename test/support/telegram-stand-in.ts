import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call the stand-in received, as Telegram would have seen it. */
export interface TelegramStandInRequest {
  /** Bot API method, e.g. sendMessage. */
  method: string;
  token: string;
  /** Parameters from the JSON body, the form body or the query string. */
  params: Record<string, unknown>;
  at: number;
}

/** A programmed failure: the Bot API's error answer (with retry_after for 429). */
export interface TelegramStandInFailure {
  code: number;
  description: string;
  retryAfter?: number;
  /** Only calls of this method fail (default: any method but getUpdates). */
  method?: string;
}

export interface TelegramStandIn {
  /** Give this to TELEGRAM_API_ROOT. */
  apiRoot: string;
  token: string;
  /** Every call, in arrival order (failed ones too). */
  requests: TelegramStandInRequest[];
  calls(method: string): TelegramStandInRequest[];
  /** A chat the bot may write to (someone started it). */
  knowChat(chatId: number): void;
  /** The user blocked the bot: sending to their chat gets Telegram's 403. */
  block(chatId: number): void;
  /** Queues an update for getUpdates (long polling); update_id is assigned when missing. */
  queueUpdate(update: Record<string, unknown>): number;
  failNext(count: number, failure: TelegramStandInFailure): void;
  /** Resolves when a call of `method` matching `predicate` has arrived. */
  waitForCall(method: string, predicate?: (r: TelegramStandInRequest) => boolean, ms?: number): Promise<TelegramStandInRequest>;
  close(): Promise<void>;
}

const BOT = { id: 7000001, is_bot: true, first_name: 'Complaints', username: 'complaints_inbox_bot' };

/**
 * A local stand-in for the Telegram Bot API (`<root>/bot<token>/<method>`),
 * answering the calls the inbox makes the way Telegram does: getMe,
 * setWebhook/deleteWebhook, sendMessage (403 to a chat that blocked the bot,
 * 400 to an unknown chat), and getUpdates as a real long poll that confirms
 * updates below the offset it is given.
 */
export async function startTelegramStandIn(options: { token?: string } = {}): Promise<TelegramStandIn> {
  const token = options.token ?? `${BOT.id}:AAE-stand-in-token_0123456789abcdefghijklmno`;
  const requests: TelegramStandInRequest[] = [];
  const failures: TelegramStandInFailure[] = [];
  const chats = new Set<number>();
  const blocked = new Set<number>();
  const pending: Array<Record<string, unknown> & { update_id: number }> = [];
  const pollers: Array<() => void> = [];
  const listeners: Array<() => void> = [];
  let nextUpdateId = 500_000;
  let nextMessageId = 9_000;
  let webhook: { url: string; secret_token?: string } | undefined;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(req, Buffer.concat(chunks).toString('utf8'), res);
    });
  });

  async function handle(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, givenToken, method] = match;
    const recorded: TelegramStandInRequest = { method, token: givenToken, params: { ...Object.fromEntries(url.searchParams), ...parseBody(req, body) }, at: Date.now() };
    requests.push(recorded);
    for (const l of [...listeners]) l();
    if (givenToken !== token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const failureIndex = failures.findIndex((f) => (f.method ? f.method === method : method !== 'getUpdates'));
    if (failureIndex !== -1) {
      const [failure] = failures.splice(failureIndex, 1);
      return send(res, failure.code, {
        ok: false,
        error_code: failure.code,
        description: failure.description,
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
    const p = recorded.params;
    switch (method) {
      case 'getMe':
        return ok(res, { ...BOT, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'setWebhook':
        if (typeof p.url !== 'string' || !p.url.startsWith('https://')) return fail(res, 400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        webhook = { url: p.url, secret_token: typeof p.secret_token === 'string' ? p.secret_token : undefined };
        return ok(res, true);
      case 'deleteWebhook':
        webhook = undefined;
        return ok(res, true);
      case 'getWebhookInfo':
        return ok(res, { url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: pending.length });
      case 'getUpdates':
        return getUpdates(res, p);
      case 'sendMessage':
        return sendMessage(res, p);
      default:
        return fail(res, 404, 'Not Found: method not found');
    }
  }

  async function getUpdates(res: ServerResponse, p: Record<string, unknown>): Promise<void> {
    if (webhook) return fail(res, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(p.offset ?? 0);
    // Asking from an offset confirms every update below it: Telegram forgets them.
    while (pending.length > 0 && pending[0].update_id < offset) pending.shift();
    const timeoutMs = Math.min(Number(p.timeout ?? 0), 50) * 1000;
    if (pending.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, timeoutMs);
        function wake() {
          clearTimeout(timer);
          const i = pollers.indexOf(wake);
          if (i !== -1) pollers.splice(i, 1);
          resolve();
        }
        pollers.push(wake);
        res.on('close', wake);
      });
    }
    if (res.destroyed) return;
    const limit = Math.min(Number(p.limit ?? 100) || 100, 100);
    ok(res, pending.filter((u) => u.update_id >= offset).slice(0, limit));
  }

  function sendMessage(res: ServerResponse, p: Record<string, unknown>): void {
    const chatId = Number(p.chat_id);
    if (typeof p.text !== 'string' || p.text.trim() === '') return fail(res, 400, 'Bad Request: message text is empty');
    if (p.text.length > 4096) return fail(res, 400, 'Bad Request: message is too long');
    if (!Number.isSafeInteger(chatId) || !chats.has(chatId)) return fail(res, 400, 'Bad Request: chat not found');
    if (blocked.has(chatId)) return fail(res, 403, 'Forbidden: bot was blocked by the user');
    const replyParameters = p.reply_parameters as { message_id?: number } | undefined;
    const replyTo = replyParameters?.message_id ?? (p.reply_to_message_id as number | undefined);
    ok(res, {
      message_id: ++nextMessageId,
      from: BOT,
      chat: { id: chatId, type: chatId > 0 ? 'private' : 'group' },
      date: Math.floor(Date.now() / 1000),
      text: p.text,
      ...(replyTo !== undefined ? { reply_to_message: { message_id: replyTo, date: 0, chat: { id: chatId, type: 'private' } } } : {}),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    requests,
    calls: (method) => requests.filter((r) => r.method === method),
    knowChat: (chatId) => void chats.add(chatId),
    block: (chatId) => void blocked.add(chatId),
    queueUpdate(update) {
      const withId = { update_id: ++nextUpdateId, ...update } as Record<string, unknown> & { update_id: number };
      pending.push(withId);
      for (const wake of [...pollers]) wake();
      return withId.update_id;
    },
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    waitForCall(method, predicate = () => true, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.find((r) => r.method === method && predicate(r));
          if (!found) return false;
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(check), 1);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.splice(listeners.indexOf(check), 1);
          reject(new Error(`timed out waiting for ${method}`));
        }, ms);
        listeners.push(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const wake of [...pollers]) wake();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function parseBody(req: IncomingMessage, body: string): Record<string, unknown> {
  if (body === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  return { rawBody: body };
}

function ok(res: ServerResponse, result: unknown): void {
  send(res, 200, { ok: true, result });
}

function fail(res: ServerResponse, code: number, description: string): void {
  send(res, code, { ok: false, error_code: code, description });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
