import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import type { SendResult } from '../channel-adapter';
import type { ChannelSender } from '../outbound-dispatcher';
import { isWebchatVisitorId } from './webchat-visitor-token';

/**
 * Replies on web chat cases. Sending is storing: the reply becomes part of
 * the visitor's conversation (shown on their next visit if they are away),
 * and WebchatReplies pushes it live to the widget once it is marked sent.
 */
export class WebchatOutboundSender implements ChannelSender {
  readonly channels = ['webchat'] as const;

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!isWebchatVisitorId(message.recipient)) {
      throw new InvalidInputError('webchat_invalid_recipient', 'This web chat visitor address is not one the widget issued');
    }
    return { externalId: `reply:${message.messageId}`, status: 'sent' };
  }
}
