import type { INestApplication } from '@nestjs/common';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { ForbiddenError } from '@inbox/contracts';

/** One provider's webhook routes: how large a body may be, and the header that must sign it. */
export interface WebhookBodyRule {
  path: string;
  limitBytes: number;
  signatureHeader: string;
}

/**
 * Provider webhooks, capped before anything reads them: Twilio posts small
 * forms (its own limit is 64 KB); Meta batches many updates into one JSON body,
 * and Telegram's updates are JSON too (1 MB is well above what either sends).
 */
export const WEBHOOK_BODY_RULES: readonly WebhookBodyRule[] = [
  { path: '/webhooks/twilio', limitBytes: 64 * 1024, signatureHeader: 'x-twilio-signature' },
  { path: '/webhooks/meta', limitBytes: 1024 * 1024, signatureHeader: 'x-hub-signature-256' },
  { path: '/webhooks/telegram', limitBytes: 1024 * 1024, signatureHeader: 'x-telegram-bot-api-secret-token' },
];

/**
 * Registers, ahead of every other body parser, the webhook routes' own: a POST
 * without its provider's signature header is refused with 403 before a byte of
 * its body is read; a body over the provider's limit gets 413 (from its
 * Content-Length, or as soon as it grows past it); otherwise the body is kept
 * as raw bytes, unparsed. Each channel checks the signature over those exact
 * bytes and only then parses them (webhookBody).
 */
export function useWebhookBodies(app: INestApplication, rules: readonly WebhookBodyRule[] = WEBHOOK_BODY_RULES): void {
  for (const rule of rules) {
    app.use(rule.path, requireSignatureHeader(rule), raw({ type: () => true, limit: rule.limitBytes }));
  }
}

function requireSignatureHeader(rule: WebhookBodyRule) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || typeof req.headers[rule.signatureHeader] === 'string') return next();
    // Not read: the connection closes after the answer instead of draining an unsigned body.
    res.setHeader('connection', 'close');
    next(new ForbiddenError('missing_signature', `The ${rule.signatureHeader} header is missing`));
  };
}

/** The raw bytes of a webhook request (empty when it had no body). */
export function webhookBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
