import { createHmac } from 'node:crypto';

/** Meta's X-Hub-Signature-256: `sha256=` and the HMAC-SHA256 of the raw body with the app secret. */
export function metaSignature(appSecret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** POSTs a Meta webhook body to /webhooks/meta, signed as Meta signs it, and fails loudly unless it was accepted. */
export async function postMetaWebhook(inboxUrl: string, appSecret: string, body: unknown): Promise<void> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${inboxUrl}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(appSecret, raw) },
    body: raw,
  });
  if (!res.ok) throw new Error(`${inboxUrl}/webhooks/meta answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}
