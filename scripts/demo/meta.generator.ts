import { randomBytes } from 'node:crypto';
import type { ChannelGenerator, DemoCustomer, DemoMessage, InboxTarget } from './channel-generator';
import type { DemoOptions } from './demo-options';
import { postMetaWebhook } from './meta-webhook';

type MetaSettings = NonNullable<DemoOptions['meta']>;

/** The customer's digits: a stable base for the ids Meta would give them (page-scoped, app-scoped). */
function idFor(customer: DemoCustomer, prefix: string): string {
  return `${prefix}${customer.phone.replace(/\D/g, '').padStart(15, '0')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A WhatsApp text as the Cloud API posts it (`whatsapp_business_account`,
 * a `messages` change): `from` is the customer's phone number, so the one who
 * texts by SMS and then on WhatsApp is one customer.
 */
export class WhatsAppGenerator implements ChannelGenerator {
  readonly channel = 'whatsapp';

  constructor(
    private readonly target: InboxTarget,
    private readonly meta: MetaSettings,
  ) {}

  async send({ customer, text }: DemoMessage): Promise<void> {
    const from = customer.phone.replace(/^\+/, '');
    await postMetaWebhook(this.target.url, this.meta.appSecret, {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: `WABA${this.meta.whatsappPhoneNumberId}`,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: this.meta.whatsappNumber, phone_number_id: this.meta.whatsappPhoneNumberId },
                contacts: [{ profile: { name: customer.name }, wa_id: from }],
                messages: [{ from, id: `wamid.${randomBytes(24).toString('base64url')}`, timestamp: String(nowSeconds()), type: 'text', text: { body: text } }],
              },
            },
          ],
        },
      ],
    });
  }
}

/** A Messenger message to our page (`object: page`, `entry.messaging[]`), from the customer's page-scoped id. */
export class MessengerGenerator implements ChannelGenerator {
  readonly channel = 'messenger';

  constructor(
    private readonly target: InboxTarget,
    private readonly meta: MetaSettings,
  ) {}

  async send({ customer, text }: DemoMessage): Promise<void> {
    const time = Date.now();
    await postMetaWebhook(this.target.url, this.meta.appSecret, {
      object: 'page',
      entry: [
        {
          id: this.meta.pageId,
          time,
          messaging: [
            { sender: { id: idFor(customer, '9') }, recipient: { id: this.meta.pageId }, timestamp: time, message: { mid: `m_${randomBytes(24).toString('base64url')}`, text } },
          ],
        },
      ],
    });
  }
}

/** A public comment on one of our page's posts (`object: page`, a `feed` change with `item: comment`). */
export class FacebookCommentGenerator implements ChannelGenerator {
  readonly channel = 'facebook';
  private readonly postId: string;

  constructor(
    private readonly target: InboxTarget,
    private readonly meta: MetaSettings,
  ) {
    this.postId = `${meta.pageId}_${BigInt(`0x${randomBytes(6).toString('hex')}`).toString()}`;
  }

  async send({ customer, text }: DemoMessage): Promise<void> {
    const commentId = `${this.postId.split('_')[1]}_${BigInt(`0x${randomBytes(7).toString('hex')}`).toString()}`;
    await postMetaWebhook(this.target.url, this.meta.appSecret, {
      object: 'page',
      entry: [
        {
          id: this.meta.pageId,
          time: nowSeconds(),
          changes: [
            {
              field: 'feed',
              value: {
                from: { id: idFor(customer, '8'), name: customer.name },
                post: { status_type: 'added_photos', is_published: true, id: this.postId },
                message: text,
                post_id: this.postId,
                comment_id: commentId,
                created_time: nowSeconds(),
                item: 'comment',
                parent_id: this.postId,
                verb: 'add',
              },
            },
          ],
        },
      ],
    });
  }
}
