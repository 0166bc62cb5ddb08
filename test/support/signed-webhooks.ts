import { createHmac } from 'node:crypto';
import twilio from 'twilio';

/**
 * A mixed stream of provider webhooks, each signed exactly as its provider
 * signs it (Twilio: X-Twilio-Signature over PUBLIC_URL + path and the form;
 * Meta: X-Hub-Signature-256 over the raw bytes; Telegram: the secret-token
 * header). Shared by the scale-out and fault tests and by `npm run bench`.
 */
export const WEBHOOK_CREDENTIALS = {
  publicUrl: 'https://inbox.example.test',
  twilioAccountSid: 'AC00000000000000000000000000000000',
  twilioAuthToken: 'stream-twilio-auth-token',
  twilioNumber: '+61400000000',
  metaAppSecret: 'stream-meta-app-secret-0123456789',
  metaVerifyToken: 'stream-verify-token',
  metaPageToken: 'EAAStreamPageToken',
  pageId: '104000000000001',
  igAccount: '17841400000000001',
  wabaId: '102290129340398',
  waPhoneId: '106540352242922',
  waDisplay: '61255550199',
  telegramSecret: 'stream-telegram-secret_0123',
} as const;

export const STREAM_CHANNELS = ['sms', 'whatsapp', 'telegram', 'messenger', 'instagram'] as const;
export type StreamChannel = (typeof STREAM_CHANNELS)[number];

/**
 * The settings that switch every streamed channel on in an ingest (or inbox)
 * process. Outbound is not exercised: the provider APIs point at a closed
 * port, except Telegram's, which must answer getMe/setWebhook at start.
 */
export function webhookChannelEnv(telegram: { token: string; apiRoot: string }): Record<string, string> {
  const c = WEBHOOK_CREDENTIALS;
  return {
    PUBLIC_URL: c.publicUrl,
    TWILIO_ACCOUNT_SID: c.twilioAccountSid,
    TWILIO_AUTH_TOKEN: c.twilioAuthToken,
    TWILIO_API_BASE: 'http://127.0.0.1:9',
    META_APP_SECRET: c.metaAppSecret,
    META_VERIFY_TOKEN: c.metaVerifyToken,
    META_PAGE_ACCESS_TOKEN: c.metaPageToken,
    META_GRAPH_API_BASE: 'http://127.0.0.1:9/v21.0',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: c.telegramSecret,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  };
}

/** One sender of the stream: a channel and an address on it. */
export interface StreamSender {
  channel: StreamChannel;
  index: number;
  /** The address as the inbox stores it (E.164 for phones, the platform id otherwise). */
  address: string;
}

export interface SignedWebhook {
  sender: StreamSender;
  /** Unique across the stream; stored as the message text. */
  text: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sender `index` of `channel`. SMS and WhatsApp senders with the same index
 * share a phone number, so one customer writes on two channels whose records
 * travel on different partition keys — concurrent workers on one customer.
 */
export function streamSender(channel: StreamChannel, index: number): StreamSender {
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      return { channel, index, address: `+61412${String(100_000 + index)}` };
    case 'telegram':
      return { channel, index, address: String(800_000_000 + index) };
    case 'messenger':
      return { channel, index, address: String(7_100_000_000_000_000n + BigInt(index)) };
    case 'instagram':
      return { channel, index, address: String(17_900_000_000_000_000n + BigInt(index)) };
  }
}

/**
 * The webhook the provider would send for `sender`'s message `text`; `uid` must be unique per message.
 * `sentAtSeconds`: the sender's own timestamp where the provider carries one in whole seconds (WhatsApp,
 * Telegram), else now.
 */
export function signedWebhook(sender: StreamSender, text: string, uid: string | number, options: { sentAtSeconds?: number } = {}): SignedWebhook {
  const c = WEBHOOK_CREDENTIALS;
  const nowSeconds = options.sentAtSeconds ?? Math.floor(Date.now() / 1000);
  switch (sender.channel) {
    case 'sms': {
      const path = '/webhooks/twilio/sms';
      const params: Record<string, string> = {
        AccountSid: c.twilioAccountSid,
        MessageSid: `SM${String(uid).padStart(32, '0')}`,
        From: sender.address,
        To: c.twilioNumber,
        Body: text,
        NumMedia: '0',
      };
      const signature = twilio.getExpectedTwilioSignature(c.twilioAuthToken, `${c.publicUrl}${path}`, params);
      return {
        sender,
        text,
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      };
    }
    case 'whatsapp':
      return metaWebhook(sender, text, {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: c.wabaId,
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: c.waDisplay, phone_number_id: c.waPhoneId },
                  contacts: [{ profile: { name: `WhatsApp ${sender.index}` }, wa_id: sender.address.slice(1) }],
                  messages: [{ from: sender.address.slice(1), id: `wamid.stream${uid}`, timestamp: String(nowSeconds), type: 'text', text: { body: text } }],
                },
              },
            ],
          },
        ],
      });
    case 'messenger':
      return metaWebhook(sender, text, {
        object: 'page',
        entry: [
          {
            id: c.pageId,
            time: Date.now(),
            messaging: [{ sender: { id: sender.address }, recipient: { id: c.pageId }, timestamp: Date.now(), message: { mid: `m_stream${uid}`, text } }],
          },
        ],
      });
    case 'instagram':
      return metaWebhook(sender, text, {
        object: 'instagram',
        entry: [
          {
            id: c.igAccount,
            time: Date.now(),
            messaging: [{ sender: { id: sender.address }, recipient: { id: c.igAccount }, timestamp: Date.now(), message: { mid: `ig_stream${uid}`, text } }],
          },
        ],
      });
    case 'telegram': {
      const userId = Number(sender.address);
      const update = {
        update_id: Number(uid),
        message: {
          message_id: Number(uid),
          from: { id: userId, is_bot: false, first_name: 'Telegram', last_name: String(sender.index) },
          chat: { id: userId, first_name: 'Telegram', last_name: String(sender.index), type: 'private' },
          date: nowSeconds,
          text,
        },
      };
      return {
        sender,
        text,
        path: '/webhooks/telegram',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': c.telegramSecret },
        body: JSON.stringify(update),
      };
    }
  }
}

function metaWebhook(sender: StreamSender, text: string, payload: unknown): SignedWebhook {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', WEBHOOK_CREDENTIALS.metaAppSecret).update(body).digest('hex')}`;
  return { sender, text, path: '/webhooks/meta', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body };
}

/** Posts a webhook once; the HTTP status, or 0 when the connection failed or timed out. */
export async function postWebhook(baseUrl: string, hook: SignedWebhook, timeoutMs = 10_000): Promise<number> {
  try {
    const res = await fetch(`${baseUrl}${hook.path}`, { method: 'POST', headers: hook.headers, body: hook.body, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
