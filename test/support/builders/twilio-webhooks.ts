import { signTwilioWebhook } from '../twilio-stand-in';

/** The Twilio account an inbox is configured with, as its webhooks are signed and addressed. */
export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  /** PUBLIC_URL: Twilio signs the public URL of the webhook, not the local one. */
  publicUrl: string;
  /** Our number, the To of every inbound SMS. */
  number: string;
}

/** The inbox settings for that account, with the API pointed at a Twilio stand-in. */
export function twilioEnv(account: TwilioAccount, apiBase: string): Record<string, string> {
  return { TWILIO_ACCOUNT_SID: account.accountSid, TWILIO_AUTH_TOKEN: account.authToken, TWILIO_API_BASE: apiBase, PUBLIC_URL: account.publicUrl };
}

export interface WebhookAnswer {
  status: number;
  text: string;
  type: string | null;
}

/**
 * Posts forms to an inbox's Twilio webhooks, signed exactly as Twilio signs them (X-Twilio-Signature
 * over PUBLIC_URL + path and the form). `inboxUrl` is read at each post, so the poster can be made
 * before the inbox starts.
 */
export class TwilioWebhooks {
  private sid = 0;

  constructor(
    private readonly inboxUrl: () => string,
    readonly account: TwilioAccount,
  ) {}

  /** An inbound SMS's form with a new MessageSid; `extra` adds or overrides fields (media, a different To). */
  smsForm(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
    return { MessageSid: this.nextSid('SM'), AccountSid: this.account.accountSid, From: from, To: this.account.number, Body: body, NumMedia: '0', ...extra };
  }

  /** A new provider id with the given prefix (SM for messages, CA for calls), unique within this poster. */
  nextSid(prefix: string): string {
    return `${prefix}${String(++this.sid).padStart(32, '0')}`;
  }

  /** POSTs `form` to `path`, signed; `signature` overrides it (null: no signature header at all). */
  async post(path: string, form: Record<string, string>, options: { signature?: string | null } = {}): Promise<WebhookAnswer> {
    const signature = options.signature === undefined ? signTwilioWebhook(this.account.authToken, `${this.account.publicUrl}${path}`, form) : options.signature;
    const res = await fetch(`${this.inboxUrl()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature } : {}) },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  }

  /** An inbound SMS, accepted (200) or the test fails; returns its MessageSid (the stored message's external id). */
  async sms(from: string, body: string, extra: Record<string, string> = {}): Promise<string> {
    const form = this.smsForm(from, body, extra);
    const answer = await this.post('/webhooks/twilio/sms', form);
    if (answer.status !== 200) throw new Error(`The SMS webhook answered ${answer.status}: ${answer.text}`);
    return form.MessageSid!;
  }
}
