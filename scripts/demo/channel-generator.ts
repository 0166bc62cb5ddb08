/** One simulated customer: the same phone number writes by SMS and calls, so the inbox sees one customer. */
export interface DemoCustomer {
  name: string;
  language: 'en' | 'ru';
  phone: string;
  email: string;
  /** Telegram user id (numeric string). */
  telegramId: string;
}

export interface DemoMessage {
  customer: DemoCustomer;
  text: string;
}

/**
 * One channel of the simulator: sends a customer's message through that
 * channel's real webhook, signed as its provider signs it. Each channel is a
 * small module; `generators.ts` lists the ones this tree has.
 */
export interface ChannelGenerator {
  readonly channel: string;
  send(message: DemoMessage): Promise<void>;
}

/** Where the inbox is, and the URL its webhook signatures are checked against. */
export interface InboxTarget {
  url: string;
  publicUrl: string;
}

/** POSTs a form and fails loudly unless the inbox accepted it (2xx). */
export async function postForm(url: string, params: Record<string, string>, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}
