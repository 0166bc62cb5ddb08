import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import type { ChannelSender, SendResult } from '../channel-sender';
import type { GraphApiClient } from './graph-api.client';
import type { ConversationHistory } from '../ports';
import { isWhatsAppWindowOpen } from './whatsapp-service-window';

export interface MetaSenderSettings {
  pageAccessToken?: string;
  whatsapp: { accessToken?: string; reengageTemplate?: { name: string; language: string } };
}

/** A person (page- or Instagram-scoped id), or the comment or post a private reply answers. */
type Recipient = { id: string } | { comment_id: string } | { post_id: string };

/** What the sender reads back about a conversation before it picks a Graph endpoint. */
type Conversations = Pick<ConversationHistory, 'answeredMessage' | 'lastInboundAt'>;

/**
 * Replies through the Graph API on Messenger, Instagram, WhatsApp and page
 * comments. A public reply goes under the customer's comment; a private one
 * is a direct message, or a private reply tied to their comment. WhatsApp's
 * 24-hour rule is checked before sending: outside it only the configured
 * template goes, and a free-form reply is refused with the reason.
 */
export class MetaOutboundSender implements ChannelSender {
  readonly provider = 'meta';
  readonly channels = ['messenger', 'instagram', 'whatsapp', 'facebook'] as const;
  readonly sendsTemplates = true;

  constructor(
    private readonly graph: GraphApiClient,
    private readonly conversations: Conversations,
    private readonly settings: MetaSenderSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.template !== undefined && message.channel !== 'whatsapp') {
      throw new InvalidInputError('template_not_supported', `Not sent: templates are for WhatsApp; on ${message.channel} write the reply as text`);
    }
    switch (message.channel) {
      case 'messenger':
        return this.directMessage(`${message.account}/messages`, { id: message.recipient }, message.text, 'send the Messenger message');
      case 'instagram':
        return this.instagram(message);
      case 'facebook':
        return this.facebook(message);
      case 'whatsapp':
        return this.whatsapp(message);
      default:
        throw new InvalidInputError('channel_not_meta', `The Meta sender does not send on ${message.channel}`);
    }
  }

  private async instagram(message: OutboundMessage): Promise<SendResult> {
    const commentId = await this.answeredComment(message);
    if (message.visibility === 'public') {
      if (!commentId) throw noPublicComment(message);
      const reply = await this.graph.post<{ id?: string }>(`${commentId}/replies`, { message: message.text }, this.settings.pageAccessToken, 'reply to the Instagram comment');
      return { externalId: requireId(reply.id), status: 'sent' };
    }
    // `me` is the account the token belongs to: the page linked to the Instagram account, or the account itself.
    const recipient: Recipient = commentId ? { comment_id: commentId } : { id: message.recipient };
    return this.directMessage('me/messages', recipient, message.text, commentId ? 'send the private reply' : 'send the Instagram message');
  }

  private async facebook(message: OutboundMessage): Promise<SendResult> {
    const objectId = message.thread?.inReplyToExternalId;
    if (!objectId) throw noPublicComment(message);
    if (message.visibility === 'private') {
      // A private reply opens a Messenger conversation tied to the comment or the visitor's post.
      const answered = await this.conversations.answeredMessage('facebook', message.account, objectId);
      const recipient: Recipient = answered?.item === 'comment' || answered === null ? { comment_id: objectId } : { post_id: objectId };
      return this.directMessage(`${message.account}/messages`, recipient, message.text, 'send the private reply');
    }
    const reply = await this.graph.post<{ id?: string }>(`${objectId}/comments`, { message: message.text }, this.settings.pageAccessToken, 'reply to the Facebook comment');
    return { externalId: requireId(reply.id), status: 'sent' };
  }

  private async whatsapp(message: OutboundMessage): Promise<SendResult> {
    const configured = this.settings.whatsapp.reengageTemplate;
    const to = message.recipient.replace(/^\+/, '');
    let content: Record<string, unknown>;
    if (message.template !== undefined) {
      if (!configured || configured.name !== message.template) {
        throw new InvalidInputError(
          'whatsapp_unknown_template',
          `Not sent: "${message.template}" is not the configured WhatsApp template${configured ? ` (use "${configured.name}")` : ' (set WHATSAPP_REENGAGE_TEMPLATE)'}`,
        );
      }
      const reference = message.thread?.caseReference;
      content = {
        type: 'template',
        template: {
          name: configured.name,
          language: { code: configured.language },
          ...(reference ? { components: [{ type: 'body', parameters: [{ type: 'text', text: reference }] }] } : {}),
        },
      };
    } else {
      const last = await this.conversations.lastInboundAt('whatsapp', message.account, message.recipient);
      if (!isWhatsAppWindowOpen(last, this.clock())) {
        throw new InvalidInputError(
          'whatsapp_window_closed',
          `Not sent: WhatsApp allows free-form replies only within 24 hours of the customer's last message${last ? ` (${last.toISOString()})` : ''}. ` +
            (configured
              ? `Send the approved template "${configured.name}" instead (reply with template "${configured.name}"); the customer's answer reopens the window.`
              : 'Set WHATSAPP_REENGAGE_TEMPLATE to an approved template to be able to re-engage them.'),
        );
      }
      content = { type: 'text', text: { body: message.text, preview_url: false } };
    }
    const sent = await this.graph.post<{ messages?: Array<{ id?: string; message_status?: string }> }>(
      `${message.account}/messages`,
      { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...content },
      this.settings.whatsapp.accessToken,
      message.template ? 'send the WhatsApp template' : 'send the WhatsApp message',
    );
    const first = sent.messages?.[0];
    return { externalId: requireId(first?.id), status: first?.message_status ?? 'accepted' };
  }

  /** The customer comment this reply answers, when it answers one. */
  private async answeredComment(message: OutboundMessage): Promise<string | undefined> {
    const id = message.thread?.inReplyToExternalId;
    if (!id) return undefined;
    const answered = await this.conversations.answeredMessage(message.channel, message.account, id);
    return answered?.visibility === 'public' ? id : undefined;
  }

  private async directMessage(path: string, recipient: Recipient, text: string, action: string): Promise<SendResult> {
    const body = 'id' in recipient ? { recipient, messaging_type: 'RESPONSE', message: { text } } : { recipient, message: { text } };
    const sent = await this.graph.post<{ message_id?: string }>(path, body, this.settings.pageAccessToken, action);
    return { externalId: requireId(sent.message_id), status: 'sent' };
  }
}

function noPublicComment(message: OutboundMessage): InvalidInputError {
  return new InvalidInputError('no_public_comment', `Not sent: there is no ${message.channel} comment of the customer to answer publicly`);
}

function requireId(id: string | undefined): string {
  if (!id) throw new InvalidInputError('meta_no_message_id', 'The Graph API answered without the id of what it sent');
  return id;
}
