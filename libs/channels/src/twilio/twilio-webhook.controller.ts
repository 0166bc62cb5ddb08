import { InboundPublisher } from '../inbound-publisher';
import { Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ForbiddenError, type InboundMessage } from '@inbox/contracts';
import { DELIVERY_LOG, type DeliveryLog } from '../ports';
import { APP_CONFIG, Public, webhookBody, type AppConfig } from '@inbox/platform';
import { parseTwilioForm } from './twilio-form';
import { SmsOptOuts } from './sms-opt-outs';
import { verifyTwilioSignature } from './twilio-signature';
import { detectOptKeyword, parseTwilioSms } from './twilio-sms.parser';
import { isStatusAdvance, parseTwilioStatusCallback } from './twilio-status.parser';
import {
  emptyMessagingTwiml,
  parseRecordingCallback,
  parseTranscriptionCallback,
  parseTwilioVoiceCall,
  sayTwiml,
  voiceGreetingTwiml,
  type TwilioSayLanguage,
} from './twilio-voice';

type Params = Record<string, string>;
const MAX_RECORDING_SECONDS = 300;

/**
 * Twilio's webhooks. Each request is checked against X-Twilio-Signature
 * first (403, nothing stored, when it fails); a message is answered only
 * after the bus has it durably, so Twilio retries whatever we did not take.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/twilio')
export class TwilioWebhookController {
  private readonly twilio: NonNullable<AppConfig['twilio']>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundPublisher,
    private readonly optOuts: SmsOptOuts,
    @Inject(DELIVERY_LOG) private readonly delivery: DeliveryLog,
  ) {
    if (!config.twilio) throw new Error('Twilio webhooks registered without Twilio settings');
    this.twilio = config.twilio;
  }

  @Post('sms')
  @HttpCode(200)
  async sms(@Req() req: Request, @Res() res: Response, @Headers('x-twilio-signature') signature?: string) {
    const body = this.verified(req, signature);
    const message = parseTwilioSms(body, new Date(), { defaultRegion: this.config.defaultPhoneRegion });
    const keyword = detectOptKeyword(body.Body);
    if (keyword) await this.optOuts.record(message.sender.address, keyword, body.Body ?? '');
    await this.inbound.publish(message);
    res.type('text/xml').send(emptyMessagingTwiml());
  }

  @Post('voice')
  @HttpCode(200)
  async voice(@Req() req: Request, @Res() res: Response, @Headers('x-twilio-signature') signature?: string) {
    const body = this.verified(req, signature);
    // The call is a contact from its first ring, recorded or not.
    const call = parseTwilioVoiceCall(body, new Date(), { defaultRegion: this.config.defaultPhoneRegion });
    await this.inbound.publish(call);
    const context = new URLSearchParams({ from: call.sender.address, to: call.account }).toString();
    res.type('text/xml').send(
      voiceGreetingTwiml({
        greeting: this.twilio.voice.greeting,
        language: this.language,
        recordingStatusCallback: this.callbackUrl(`/webhooks/twilio/recording?${context}`),
        transcribeCallback: this.callbackUrl(`/webhooks/twilio/transcription?${context}`),
        actionUrl: this.callbackUrl('/webhooks/twilio/voice/recorded'),
        maxLengthSeconds: MAX_RECORDING_SECONDS,
      }),
    );
  }

  @Post('voice/recorded')
  @HttpCode(200)
  recorded(@Req() req: Request, @Res() res: Response, @Headers('x-twilio-signature') signature?: string) {
    this.verified(req, signature);
    res.type('text/xml').send(sayTwiml('Thank you. We have your message and will be in touch.', this.language));
  }

  /** The recording is ready: it joins the call's message (same CallSid, so the same message). */
  @Post('recording')
  @HttpCode(204)
  async recording(@Req() req: Request, @Headers('x-twilio-signature') signature?: string) {
    const body = this.verified(req, signature);
    const update = parseRecordingCallback(body);
    await this.inbound.publish(this.callUpdate(req, update.callSid, '', update));
  }

  /** The transcription is ready, minutes later: it becomes the call message's text. */
  @Post('transcription')
  @HttpCode(204)
  async transcription(@Req() req: Request, @Headers('x-twilio-signature') signature?: string) {
    const body = this.verified(req, signature);
    const update = parseTranscriptionCallback(body);
    await this.inbound.publish(this.callUpdate(req, update.callSid, update.transcriptionText ?? '', update));
  }

  @Post('status')
  @HttpCode(204)
  async status(@Req() req: Request, @Headers('x-twilio-signature') signature?: string) {
    const body = this.verified(req, signature);
    const update = parseTwilioStatusCallback(body);
    const error = update.errorCode ? `Twilio error ${update.errorCode}${update.errorMessage ? `: ${update.errorMessage}` : ''}` : undefined;
    await this.delivery.recordStatus(update.channel, update.externalId, update.status, isStatusAdvance, error);
  }

  private get language(): TwilioSayLanguage {
    return this.twilio.voice.language as TwilioSayLanguage;
  }

  /** Rebuilds the call's canonical message from the context we put in our own (signed) callback URLs. */
  private callUpdate(
    req: Request,
    callSid: string,
    text: string,
    update: { recordingUrl?: string; durationSeconds?: number },
  ): InboundMessage {
    const from = typeof req.query.from === 'string' ? req.query.from : undefined;
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    if (!from || !to) throw new ForbiddenError('twilio_callback_context', 'This callback URL was not issued by the inbox');
    return {
      channel: 'voice',
      account: to,
      externalId: callSid,
      sender: { address: from },
      text,
      attachments: update.recordingUrl
        ? [{ url: update.recordingUrl, contentType: 'audio/wav', durationSeconds: update.durationSeconds }]
        : [],
      receivedAt: new Date().toISOString(),
    };
  }

  /** The form, once X-Twilio-Signature proves Twilio sent it (the body arrives raw and capped: see webhook-bodies). */
  private verified(req: Request, signature: string | undefined): Params {
    const form = parseTwilioForm(webhookBody(req));
    const ok = verifyTwilioSignature({
      authToken: this.twilio.authToken,
      publicUrl: this.publicUrl(req),
      path: req.originalUrl,
      params: form.signed,
      signature,
    });
    if (!ok) throw new ForbiddenError('invalid_signature', 'The X-Twilio-Signature header is missing or does not match');
    return form.params;
  }

  /** PUBLIC_URL when set (behind a proxy it must be); on a laptop without it, the address the request came to. */
  private publicUrl(req: Request): string {
    return this.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }

  private callbackUrl(path: string): string {
    return this.config.publicUrl ? `${this.config.publicUrl}${path}` : path;
  }
}

