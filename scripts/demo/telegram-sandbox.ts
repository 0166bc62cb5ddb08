import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const BOT = { id: 7000271, is_bot: true, first_name: 'Complaints demo', username: 'complaints_demo_bot' };

/**
 * A local stand-in for the Telegram Bot API the demo inbox calls (there is no
 * bot behind the demo token): getMe, setWebhook (the inbox sets its webhook
 * at start; any URL is taken, the demo's PUBLIC_URL is plain http),
 * deleteWebhook and sendMessage, answered as the Bot API answers them.
 */
export async function startTelegramSandbox(botToken: string): Promise<{ apiRoot: string; close(): Promise<void> }> {
  let nextMessageId = 1;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const answer = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
      if (!match) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
      if (match[1] !== botToken) return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const params = { ...Object.fromEntries(url.searchParams), ...parseParams(req.headers['content-type'], raw) };
      switch (match[2]) {
        case 'getMe':
          return answer(200, { ok: true, result: BOT });
        case 'setWebhook':
        case 'deleteWebhook':
          return answer(200, { ok: true, result: true, description: 'Webhook was set' });
        case 'sendMessage': {
          const chatId = Number(params.chat_id);
          if (typeof params.text !== 'string' || params.text.trim() === '') return answer(400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
          return answer(200, { ok: true, result: { message_id: nextMessageId++, from: BOT, chat: { id: chatId, type: 'private' }, date: Math.floor(Date.now() / 1000), text: params.text } });
        }
        default:
          return answer(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { apiRoot: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** telegraf sends JSON, or multipart when a call carries a file (never for the calls answered here). */
function parseParams(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}
