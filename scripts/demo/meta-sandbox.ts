import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postMetaWebhook } from './meta-webhook';

/**
 * A local stand-in for the Graph API the demo inbox sends to (there is no
 * Meta app behind demo secrets): WhatsApp and Messenger messages
 * (`/{id}/messages`) and comment replies (`/{id}/comments`) are answered as
 * Meta answers them, and WhatsApp and Messenger messages are then reported
 * delivered through a signed webhook, so the workspace shows delivery states.
 */
export async function startMetaSandbox(
  settings: { appSecret: string; pageId: string; whatsappPhoneNumberId: string; whatsappNumber: string },
  localInboxUrl: () => string | undefined,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      let body: Record<string, any> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
      } catch {
        body = {};
      }
      const match = /^\/v[\d.]+\/([\w.-]+)\/(messages|comments|replies)$/.exec(new URL(req.url ?? '/', 'http://sandbox').pathname);
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method !== 'POST' || !match) return json(400, { error: { message: 'Unsupported request', type: 'GraphMethodException', code: 100 } });
      const [, node, edge] = match;
      if (edge !== 'messages') return json(200, { id: `${node.split('_')[0]}_${Date.now()}${Math.floor(Math.random() * 1000)}` });
      if (body.messaging_product === 'whatsapp') {
        const id = `wamid.${randomBytes(24).toString('base64url')}`;
        json(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] });
        return void setTimeout(() => void report(whatsappDelivered(id, String(body.to))), 400);
      }
      const mid = `m_${randomBytes(24).toString('base64url')}`;
      json(200, { recipient_id: body.recipient?.id ?? '', message_id: mid });
      if (body.recipient?.id) setTimeout(() => void report(messengerDelivered(mid, String(body.recipient.id))), 400);
    });
  });

  const whatsappDelivered = (id: string, to: string) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: `WABA${settings.whatsappPhoneNumberId}`,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: settings.whatsappNumber, phone_number_id: settings.whatsappPhoneNumberId },
              statuses: [{ id, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: to }],
            },
          },
        ],
      },
    ],
  });
  const messengerDelivered = (mid: string, to: string) => ({
    object: 'page',
    entry: [{ id: settings.pageId, time: Date.now(), messaging: [{ sender: { id: to }, recipient: { id: settings.pageId }, timestamp: Date.now(), delivery: { mids: [mid], watermark: Date.now() } }] }],
  });

  async function report(body: unknown): Promise<void> {
    const inbox = localInboxUrl();
    if (inbox) await postMetaWebhook(inbox, settings.appSecret, body).catch(() => undefined);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v21.0`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
