import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import type { DeliveryLog } from '../ports';
import type { ChannelSender, SendResult } from '../channel-sender';
import { TelegramRateLimitedError, type TelegramSender } from './telegram-client';

export interface TelegramRetryPolicy {
  /** Sends tried in all, the first included, while Telegram answers 429. */
  attempts: number;
  /** A longer retry_after than this is left to the bus's own backoff rather than held here. */
  maxWaitSeconds: number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_TELEGRAM_RETRY: TelegramRetryPolicy = {
  attempts: 3,
  maxWaitSeconds: 60,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Replies on Telegram cases: sendMessage into the customer's chat, as a reply
 * to their last message. On 429 it waits the retry_after Telegram names (the
 * agent sees the wait on the message) and tries again; refusals such as
 * "blocked by the user" fail the message with the reason.
 */
export class TelegramOutboundSender implements ChannelSender {
  readonly provider = 'telegram';
  readonly channels = ['telegram'] as const;

  constructor(
    private readonly telegram: TelegramSender,
    private readonly delivery: Pick<DeliveryLog, 'recordRetrying'>,
    private readonly retry: TelegramRetryPolicy = DEFAULT_TELEGRAM_RETRY,
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    const target = telegramReplyTarget(message);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.telegram.sendText({ ...target, text: message.text });
      } catch (error) {
        const wait = error instanceof TelegramRateLimitedError ? error.retryAfterSeconds : undefined;
        if (wait === undefined || attempt >= this.retry.attempts || wait > this.retry.maxWaitSeconds) throw error;
        await this.delivery.recordRetrying(message.messageId, `Telegram rate limit (429): retrying in ${wait} s (attempt ${attempt + 1} of ${this.retry.attempts})`);
        await this.retry.sleep(wait * 1000);
      }
    }
  }
}

/**
 * Where a reply goes: the chat of the customer's last message (its external
 * id is `<chat>:<message>`), replying to that message; without one, the
 * customer's private chat, whose id is their user id.
 */
export function telegramReplyTarget(message: OutboundMessage): { chatId: string; replyToMessageId?: number } {
  const match = /^(-?\d+):(\d+)$/.exec(message.thread?.inReplyToExternalId ?? '');
  if (match) return { chatId: match[1], replyToMessageId: Number(match[2]) };
  if (!/^\d+$/.test(message.recipient)) {
    throw new InvalidInputError('telegram_invalid_recipient', `"${message.recipient}" is not a Telegram user id`);
  }
  return { chatId: message.recipient };
}
