import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { isPermanentError, DomainError } from '@inbox/contracts';
import type { DeadLetterStore } from '@inbox/bus';
import { TELEGRAM_UPDATES_SOURCE, type TelegramUpdateIntake } from './telegram-update.intake';
import { toTelegramDomainError, TelegramRateLimitedError } from './telegram-client';

export type TelegramConnectionMode =
  | { kind: 'webhook'; url: string; secretToken: string }
  | { kind: 'polling'; timeoutSeconds: number };

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;
const MAX_BACKOFF_MS = 30_000;

/**
 * How updates reach us, chosen by the settings: with TELEGRAM_WEBHOOK_SECRET
 * and PUBLIC_URL, the bot's webhook is set to PUBLIC_URL/webhooks/telegram at
 * start; otherwise (a laptop) the inbox long-polls getUpdates. The poller
 * moves its offset past an update — which confirms it to Telegram — only
 * once the update is taken; telegraf's own polling confirms a batch before
 * handling it, which could lose an update on a crash.
 */
export class TelegramConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TelegramConnection.name);
  private readonly abort = new AbortController();
  private polling?: Promise<void>;
  private offset = 0;

  constructor(
    private readonly telegram: Telegram,
    private readonly intake: TelegramUpdateIntake,
    private readonly deadLetters: Pick<DeadLetterStore, 'record'>,
    private readonly mode: TelegramConnectionMode,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.mode.kind === 'webhook') {
      await this.registerWebhook(this.mode.url, this.mode.secretToken);
      return;
    }
    this.polling = this.poll(this.mode.timeoutSeconds).catch((error: unknown) => {
      this.logger.error({ msg: 'telegram polling stopped', err: error instanceof Error ? error.message : String(error) });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.polling;
  }

  /** A failure here must not stop the inbox: the webhook may already be set, and the agents' work goes on. */
  private async registerWebhook(url: string, secretToken: string): Promise<void> {
    try {
      await this.telegram.setWebhook(url, { secret_token: secretToken, drop_pending_updates: false });
      this.logger.log({ msg: 'telegram webhook set', url });
    } catch (error) {
      const e = toTelegramDomainError(error, 'set the webhook');
      this.logger.warn({ msg: 'telegram webhook not set; updates arrive only once it is', reason: e instanceof Error ? e.message : String(e) });
    }
  }

  private async poll(timeoutSeconds: number): Promise<void> {
    // getUpdates answers 409 while a webhook is set.
    await this.untilStopped(() => this.telegram.deleteWebhook({ drop_pending_updates: false }), 'delete the webhook');
    this.logger.log({ msg: 'telegram long polling started' });
    while (!this.abort.signal.aborted) {
      const updates = await this.untilStopped(
        () => this.telegram.callApi('getUpdates', { offset: this.offset, timeout: timeoutSeconds }, { signal: this.abort.signal as unknown as CallApiOptions['signal'] }),
        'fetch updates',
      );
      for (const update of updates ?? []) {
        if (this.abort.signal.aborted) return;
        await this.take(update);
      }
    }
  }

  /** Hands one update on, retrying until it is taken; only then is it confirmed (the next offset). */
  private async take(update: Update): Promise<void> {
    const done = await this.untilStopped(async () => {
      try {
        await this.intake.handle(update);
      } catch (error) {
        // Bad forever (a malformed update): keep it for admins rather than block the bot's queue.
        if (!isPermanentError(error)) throw error;
        await this.deadLetters.record({ topic: TELEGRAM_UPDATES_SOURCE, key: String(update.update_id), value: update, error: (error as Error).message, attempts: 1 });
      }
      return true;
    }, 'take an update');
    if (done) this.offset = update.update_id + 1;
  }

  /** Runs `step` until it succeeds or the inbox stops, waiting as Telegram asks (429) or with backoff. */
  private async untilStopped<T>(step: () => Promise<T>, action: string): Promise<T | undefined> {
    for (let failures = 0; !this.abort.signal.aborted; failures++) {
      try {
        return await step();
      } catch (error) {
        if (this.abort.signal.aborted) return undefined;
        const e = toTelegramDomainError(error, action);
        const waitMs = e instanceof TelegramRateLimitedError ? e.retryAfterSeconds * 1000 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
        this.logger.warn({ msg: `telegram: could not ${action}; retrying`, code: e instanceof DomainError ? e.code : 'unknown', waitMs });
        await this.sleep(waitMs);
      }
    }
    return undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.abort.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}
