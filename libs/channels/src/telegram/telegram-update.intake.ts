import { Logger } from '@nestjs/common';
import { DomainError } from '@inbox/contracts';
import type { InboundPublisher } from '../inbound-publisher';
import type { DeadLetterStore } from '@inbox/bus';
import type { TelegramSender } from './telegram-client';
import { parseTelegramUpdate } from './telegram-update.parser';

/** Where an update came from, for the dead-letter record of one nobody sent. */
export const TELEGRAM_UPDATES_SOURCE = 'telegram.updates';

/**
 * What happens to one Bot API update, whichever way it arrived (webhook or
 * long polling): a message is published and resolved only once the bus has
 * it durably; `/start` gets the greeting; an update nobody sent goes to the
 * dead-letter place. A throw means "not taken": the webhook answers 5xx and
 * the poller does not confirm the update, so Telegram delivers it again.
 */
export class TelegramUpdateIntake {
  private readonly logger = new Logger(TelegramUpdateIntake.name);

  constructor(
    private readonly inbound: Pick<InboundPublisher, 'publish'>,
    private readonly sender: TelegramSender,
    private readonly deadLetters: Pick<DeadLetterStore, 'record'>,
    private readonly options: { botId: string; greeting: string },
  ) {}

  async handle(update: unknown): Promise<void> {
    const outcome = parseTelegramUpdate(update, { botId: this.options.botId, receivedAt: new Date() });
    switch (outcome.kind) {
      case 'message':
        return this.inbound.publish(outcome.message);
      case 'start':
        return this.greet(outcome.chatId, outcome.replyToMessageId);
      case 'senderless':
        await this.deadLetters.record({ topic: TELEGRAM_UPDATES_SOURCE, key: outcome.updateType, value: update, error: outcome.reason, attempts: 0 });
        return;
      default: {
        const unknown: never = outcome;
        throw new Error(`unhandled Telegram outcome ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** The greeting is a courtesy, not a record: a failure to send it is logged, and the update still taken. */
  private async greet(chatId: number, replyToMessageId: number): Promise<void> {
    try {
      await this.sender.sendText({ chatId: String(chatId), text: this.options.greeting, replyToMessageId });
    } catch (error) {
      this.logger.warn({ msg: 'telegram greeting not sent', code: error instanceof DomainError ? error.code : 'unknown' });
    }
  }
}
