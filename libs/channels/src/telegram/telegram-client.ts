import { Telegram } from 'telegraf';
import { TelegramError } from 'telegraf';
import { DomainError, InvalidInputError, UnavailableError } from '@inbox/contracts';
import type { SendResult } from '../channel-sender';

export interface TelegramClientOptions {
  botToken: string;
  /** Another Bot API server (a self-hosted one, or the local stand-in in tests); default api.telegram.org. */
  apiRoot?: string;
}

/** telegraf's Bot API client for one bot, never answering through a webhook response: with telegraf's default `webhookReply` some calls would travel back in the webhook answer instead of reaching the Bot API. */
export function createTelegramClient(options: TelegramClientOptions): Telegram {
  if (!/^\d+:[\w-]+$/.test(options.botToken)) {
    throw new InvalidInputError('telegram_invalid_token', 'The Telegram bot token must look like "123456:ABC-…" (from @BotFather)');
  }
  return new Telegram(options.botToken, { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), webhookReply: false });
}

/** The bot's own id: the number before the colon in its token, so no getMe call is needed to know it. */
export function botIdOf(botToken: string): string {
  return botToken.split(':')[0];
}

/** Telegram asked us to slow down: retrying after `retryAfterSeconds` will work. */
export class TelegramRateLimitedError extends UnavailableError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super('telegram_429', message);
  }
}

/** Sends text replies, turning the Bot API's refusals into domain errors that say whether to retry. */
export class TelegramSender {
  constructor(private readonly telegram: Telegram) {}

  /** Sends `text` to `chatId`, as a reply to `replyToMessageId` when given (still sent if that message is gone). */
  async sendText(input: { chatId: string; text: string; replyToMessageId?: number }): Promise<SendResult> {
    try {
      const sent = await this.telegram.sendMessage(input.chatId, input.text, {
        ...(input.replyToMessageId !== undefined
          ? { reply_parameters: { message_id: input.replyToMessageId, allow_sending_without_reply: true } }
          : {}),
      });
      return { externalId: `${sent.chat.id}:${sent.message_id}`, status: 'sent' };
    } catch (error) {
      throw toTelegramDomainError(error, 'send the message');
    }
  }
}

/**
 * The Bot API's error → a DomainError: 429 is `TelegramRateLimitedError`
 * (with Telegram's retry_after), 5xx and network failures `UnavailableError`,
 * other 4xx `InvalidInputError` with Telegram's own words (403 "bot was
 * blocked by the user", 400 "chat not found"): retrying never helps those.
 */
export function toTelegramDomainError(error: unknown, action: string): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof TelegramError) {
    const code = error.code;
    const said = error.description ?? '';
    const text = `Telegram could not ${action} (${code}${said ? `: ${said}` : ''})`;
    if (code === 429) return new TelegramRateLimitedError(error.parameters?.retry_after ?? 5, text);
    if (code >= 500) return new UnavailableError(`telegram_${code}`, text);
    return new InvalidInputError(`telegram_${code}`, explain(code, said) ?? text, { status: code, description: said });
  }
  if (typeof error === 'object' && error !== null && ((error as { name?: unknown }).name === 'FetchError' || (error as { name?: unknown }).name === 'AbortError')) {
    return new UnavailableError('telegram_unreachable', `Telegram could not be reached to ${action}: ${(error as Error).message}`);
  }
  return error;
}

/** Says what the agent can do about Telegram's usual refusals. */
function explain(code: number, description: string): string | undefined {
  if (code === 403 && /blocked by the user/i.test(description)) return 'Not sent: the customer has blocked the bot on Telegram (Telegram 403)';
  if (code === 403 && /deactivated/i.test(description)) return 'Not sent: the customer deleted their Telegram account (Telegram 403)';
  if (code === 400 && /chat not found/i.test(description)) return 'Not sent: Telegram does not know this chat — the customer may never have started the bot (Telegram 400: chat not found)';
  if (code === 401) return 'Not sent: Telegram rejected the bot token (401); check TELEGRAM_BOT_TOKEN';
  return undefined;
}
