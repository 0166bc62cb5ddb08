import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender';
import { CONVERSATION_HISTORY, type ConversationHistory } from './ports';

/** No case: the email sender's thread lookup finds nothing for it. */
const NO_CASE = '00000000-0000-0000-0000-000000000000';

/**
 * Sends a contact verification code straight through the channel's own
 * sender — SMTP for an email address, Twilio SMS for a phone number — from
 * this process, so the code is never written to the database, the outbox or
 * the bus, and never logged. From MAIL_FROM (else the mailbox customers last
 * wrote to) or TWILIO_SMS_FROM (else the number customers last texted).
 */
@Injectable()
export class ContactCodeSender {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(CONVERSATION_HISTORY) private readonly history: ConversationHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(to: { channel: 'email' | 'sms'; address: string }, code: string, expiresInMinutes: number): Promise<void> {
    // The senders are the channels module's (registered for the dispatcher, in this process).
    const senders = this.moduleRef.get<ChannelSender[]>(CHANNEL_SENDERS, { strict: false });
    const sender = senders.find((s) => s.channels.includes(to.channel));
    const account = sender ? await this.account(to.channel) : undefined;
    if (!sender || !account) {
      throw new InvalidInputError('verification_channel_off', to.channel === 'email' ? 'We cannot send email from this chat right now' : 'We cannot send text messages from this chat right now');
    }
    const message: OutboundMessage = {
      messageId: randomUUID(),
      caseId: NO_CASE,
      channel: to.channel,
      account,
      recipient: to.address,
      text:
        `Your code to confirm this ${to.channel === 'email' ? 'email address' : 'number'} in our chat is ${code}. ` +
        `It expires in ${expiresInMinutes} minutes. If you did not ask for it, ignore this message: nothing is linked without it.`,
      thread: { subject: 'Your confirmation code' },
    };
    await sender.send(message);
  }

  private async account(channel: 'email' | 'sms'): Promise<string | undefined> {
    if (channel === 'email' && this.config.email?.mailFrom) return this.config.email.mailFrom;
    if (channel === 'sms' && this.config.twilio?.smsFrom) return this.config.twilio.smsFrom;
    return this.history.latestInboundAccount(channel);
  }
}
