import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import type { ChannelSender, SendResult } from '../channel-sender';
import { isWebchatVisitorId } from './webchat-visitor-token';

/**
 * Replies on web chat cases. Sending is storing: the reply becomes part of
 * the visitor's conversation (shown on their next visit if they are away),
 * and WebchatReplies pushes it live to the widget once it is marked sent.
 */
export class WebchatOutboundSender implements ChannelSender {
  readonly provider = 'webchat';
  readonly channels = ['webchat'] as const;

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!isWebchatVisitorId(message.recipient)) {
      throw new InvalidInputError('webchat_invalid_recipient', 'This web chat visitor address is not one the widget issued');
    }
    return { externalId: `reply:${message.messageId}`, status: 'sent' };
  }
}
