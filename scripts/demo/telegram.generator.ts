import { randomInt } from 'node:crypto';
import type { ChannelGenerator, DemoMessage, InboxTarget } from './channel-generator';

/**
 * A private message to the bot as the Bot API delivers it in webhook mode:
 * an update POSTed to /webhooks/telegram with the secret the inbox gave
 * setWebhook in X-Telegram-Bot-Api-Secret-Token.
 */
export class TelegramGenerator implements ChannelGenerator {
  readonly channel = 'telegram';
  // Update and message ids only grow, from a random start, so a second run against the same inbox is not a redelivery.
  private nextUpdateId = randomInt(1, 2 ** 30);
  private nextMessageId = randomInt(1, 2 ** 30);

  constructor(
    private readonly target: InboxTarget,
    private readonly secret: string,
  ) {}

  async send({ customer, text }: DemoMessage): Promise<void> {
    const userId = Number(customer.telegramId);
    const [first, ...last] = customer.name.split(' ');
    const update = {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.nextMessageId++,
        from: { id: userId, is_bot: false, first_name: first, ...(last.length ? { last_name: last.join(' ') } : {}), language_code: customer.language },
        chat: { id: userId, type: 'private', first_name: first, ...(last.length ? { last_name: last.join(' ') } : {}) },
        date: Math.floor(Date.now() / 1000),
        text,
      },
    };
    const res = await fetch(`${this.target.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': this.secret },
      body: JSON.stringify(update),
    });
    if (!res.ok) throw new Error(`${this.target.url}/webhooks/telegram answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
}
