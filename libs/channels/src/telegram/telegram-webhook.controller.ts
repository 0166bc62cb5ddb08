import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ForbiddenError, InvalidInputError } from '@inbox/contracts';
import { APP_CONFIG, Public, webhookBody, type AppConfig } from '@inbox/platform';
import { TelegramUpdateIntake } from './telegram-update.intake';

/**
 * `POST /webhooks/telegram`: the Bot API's webhook. Accepted only with the
 * secret we gave setWebhook in X-Telegram-Bot-Api-Secret-Token (403 and
 * nothing stored otherwise, as telegraf's own webhook filter does); answered
 * 200 only once the update is durable, so Telegram retries anything we did
 * not take. Our own handler rather than telegraf's webhookCallback, which
 * answers 200 even when handling fails.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/telegram')
export class TelegramWebhookController {
  private readonly secret?: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly intake: TelegramUpdateIntake,
  ) {
    this.secret = config.telegram?.webhookSecret ? Buffer.from(config.telegram.webhookSecret) : undefined;
  }

  @Post()
  @HttpCode(200)
  async update(@Req() req: Request, @Headers('x-telegram-bot-api-secret-token') token?: string): Promise<void> {
    if (!this.secret) throw new ForbiddenError('telegram_webhook_off', 'Telegram webhooks are off: set TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL');
    const given = Buffer.from(token ?? '');
    if (given.length !== this.secret.length || !timingSafeEqual(given, this.secret)) {
      throw new ForbiddenError('invalid_secret_token', 'The X-Telegram-Bot-Api-Secret-Token header is missing or wrong');
    }
    // Parsed only now that the secret matched (the body arrives raw and capped: see webhook-bodies).
    await this.intake.handle(parseUpdate(webhookBody(req)));
  }
}

function parseUpdate(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InvalidInputError('telegram_invalid_json', 'The Telegram update is not JSON');
  }
}
