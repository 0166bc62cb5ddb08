import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/**
 * A local stand-in for Twilio's REST API for the demo inbox (there is no
 * Twilio account behind demo secrets): it accepts the messages and calls the
 * inbox sends (acknowledgements, replies, incident updates), answers like
 * Twilio, and reports them delivered through the signed status callback the
 * inbox asked for, so the workspace shows real delivery states.
 */
export async function startTwilioSandbox(authToken: string, localInboxUrl: () => string | undefined): Promise<{ baseUrl: string; sent: () => number; close(): Promise<void> }> {
  let sent = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      const kind = /\/Calls\.json$/.test(req.url ?? '') ? 'call' : /\/Messages\.json$/.test(req.url ?? '') ? 'message' : null;
      if (req.method !== 'POST' || !kind) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20404, message: 'Not found', status: 404 }));
        return;
      }
      sent += 1;
      const sid = `${kind === 'call' ? 'CA' : 'SM'}${randomBytes(16).toString('hex')}`;
      res.writeHead(201, { 'content-type': 'application/json' }).end(
        JSON.stringify({ sid, status: 'queued', to: form.To, from: form.From, body: form.Body, date_created: new Date().toUTCString(), direction: 'outbound-api' }),
      );
      if (form.StatusCallback) setTimeout(() => void report(form.StatusCallback, sid, kind), 400);
    });
  });

  async function report(callback: string, sid: string, kind: 'call' | 'message'): Promise<void> {
    const inbox = localInboxUrl();
    if (!inbox) return;
    const params: Record<string, string> = kind === 'call' ? { CallSid: sid, CallStatus: 'completed' } : { MessageSid: sid, MessageStatus: 'delivered' };
    const target = new URL(callback);
    await fetch(`${inbox}${target.pathname}${target.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, callback, params) },
      body: new URLSearchParams(params).toString(),
    }).catch(() => undefined);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sent: () => sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
