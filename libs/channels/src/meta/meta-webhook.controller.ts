import { InboundPublisher } from '../inbound-publisher';
import { Controller, Get, Headers, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ForbiddenError, InvalidInputError } from '@inbox/contracts';
import { DELIVERY_LOG, type DeliveryLog } from '../ports';
import { DeadLetterStore } from '@inbox/bus';
import { APP_CONFIG, Public, webhookBody, type AppConfig } from '@inbox/platform';
import { isMetaStatusAdvance } from './meta-delivery-status';
import { metaHandshakeChallenge, verifyMetaSignature } from './meta-signature';
import { parseMetaWebhook } from './meta-webhook.parser';

/**
 * Meta's webhooks for Messenger, Instagram, WhatsApp and page comments. The
 * signature is checked on the raw bytes before anything is parsed (403,
 * nothing stored, when it fails); the delivery is answered only once every
 * message in it is durable, so Meta redelivers whatever we did not take, and
 * the redelivered ones already stored change nothing.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/meta')
export class MetaWebhookController {
  private readonly logger = new Logger(MetaWebhookController.name);
  private readonly meta: NonNullable<AppConfig['meta']>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundPublisher,
    @Inject(DELIVERY_LOG) private readonly delivery: DeliveryLog,
    private readonly deadLetters: DeadLetterStore,
  ) {
    if (!config.meta) throw new Error('Meta webhooks registered without Meta settings');
    this.meta = config.meta;
  }

  /** The subscription handshake: echo hub.challenge when Meta presents our verify token. */
  @Get()
  handshake(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    const challenge = metaHandshakeChallenge(query, this.meta.verifyToken);
    if (challenge === null) throw new ForbiddenError('invalid_verify_token', 'hub.mode must be subscribe and hub.verify_token must match META_VERIFY_TOKEN');
    res.type('text/plain').send(challenge);
  }

  @Post()
  @HttpCode(200)
  async receive(@Req() req: Request, @Headers('x-hub-signature-256') signature?: string): Promise<string> {
    // The body arrives raw and capped (see webhook-bodies): it is parsed only once it is proven to be Meta's.
    const raw = webhookBody(req);
    if (!verifyMetaSignature(this.meta.appSecret, raw, signature)) {
      throw new ForbiddenError('invalid_signature', 'The X-Hub-Signature-256 header is missing or does not match the body');
    }
    const batch = parseMetaWebhook(parseJson(raw), new Date(), { defaultRegion: this.config.defaultPhoneRegion });
    // Keyed by sender: one sender's messages stay in the order Meta listed them, different senders go in parallel.
    await this.inbound.publishMany(batch.messages);
    for (const status of batch.statuses) {
      await this.delivery.recordStatus(status.channel, status.externalId, status.status, isMetaStatusAdvance, status.error);
    }
    for (const item of batch.rejected) {
      await this.deadLetters.record({ topic: 'webhooks.meta', key: 'meta', value: item.raw, error: item.reason, attempts: 1 });
    }
    this.logger.debug({ msg: 'meta webhook', messages: batch.messages.length, statuses: batch.statuses.length, skipped: batch.skipped, rejected: batch.rejected.length });
    return 'EVENT_RECEIVED';
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InvalidInputError('meta_invalid_json', 'The Meta webhook body is not JSON');
  }
}
