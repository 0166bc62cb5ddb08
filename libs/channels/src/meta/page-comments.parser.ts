import type { AttachmentRef, InboundMessage } from '@inbox/contracts';
import { isObject, metaTimes, str, type Json, type MetaWebhookBatch } from './meta-fields';

// Feed items a visitor writes on the page: posts of several kinds, and comments.
const POST_ITEMS = ['post', 'status', 'photo', 'video', 'share'];

/**
 * One `feed` change of our Facebook page, added to `batch`: a comment or a
 * visitor's post becomes a public message on channel `facebook` (the account
 * is the page id, the sender the commenter's id). An edit carries the same id
 * with new text, so it updates the message and keeps what it said before.
 * Our own page's posts and replies, likes, reactions and removals are skipped.
 */
export function parsePageFeedChange(pageId: string, value: Json, now: Date, batch: MetaWebhookBatch): void {
  const item = str(value.item) ?? 'unknown';
  const verb = str(value.verb) ?? 'add';
  if (item !== 'comment' && !POST_ITEMS.includes(item)) return void batch.skipped.push(`facebook feed ${item}`);
  if (verb !== 'add' && verb !== 'edited') return void batch.skipped.push(`facebook feed ${item} ${verb}`);
  const from = isObject(value.from) ? value.from : undefined;
  const senderId = from ? str(from.id) : undefined;
  if (senderId === pageId) return void batch.skipped.push('facebook feed item by our own page');
  const postId = str(value.post_id);
  const externalId = item === 'comment' ? str(value.comment_id) : postId;
  if (!senderId || !externalId) {
    batch.rejected.push({ reason: `facebook feed ${item} without ${senderId ? 'its id' : 'from.id (check the app has pages_read_user_content)'}`, raw: value });
    return;
  }
  const parentId = str(value.parent_id);
  const message: InboundMessage = {
    channel: 'facebook',
    account: pageId,
    externalId,
    sender: { address: senderId, ...(from && str(from.name) ? { displayName: str(from.name) } : {}) },
    text: typeof value.message === 'string' ? value.message : '',
    thread: {
      visibility: 'public',
      messageId: externalId,
      // A comment answers its parent comment, or the post itself.
      ...(item === 'comment' && (parentId ?? postId) ? { inReplyTo: parentId ?? postId } : {}),
      ...(postId ? { references: [postId] } : {}),
    },
    ...metaTimes(value.created_time, now),
    raw: value,
  };
  const attachments = feedAttachments(value);
  if (attachments.length > 0) message.attachments = attachments;
  batch.messages.push(message);
}

function feedAttachments(value: Json): AttachmentRef[] {
  const urls = [str(value.photo), str(value.video), str(value.link)].filter((u): u is string => u !== undefined);
  const photos = Array.isArray(value.photos) ? value.photos.map(str).filter((u): u is string => u !== undefined) : [];
  return [...new Set([...urls, ...photos])].map((url) => ({ url }));
}

/**
 * One `comments` (or `live_comments`) change of our Instagram account: a
 * public message on channel `instagram`. The commenter's id is the same
 * Instagram-scoped id their direct messages carry, so comments and DMs of
 * one person are one identity; `thread.visibility` tells them apart.
 */
export function parseInstagramCommentChange(accountId: string, value: Json, now: Date, entryTime: unknown, batch: MetaWebhookBatch): void {
  const from = isObject(value.from) ? value.from : undefined;
  const senderId = from ? str(from.id) : undefined;
  if (senderId === accountId) return void batch.skipped.push('instagram comment by our own account');
  const commentId = str(value.id);
  if (!senderId || !commentId) {
    batch.rejected.push({ reason: 'instagram comment without from.id or id', raw: value });
    return;
  }
  const media = isObject(value.media) ? value.media : {};
  const mediaId = str(media.id);
  const parentId = str(value.parent_id);
  batch.messages.push({
    channel: 'instagram',
    account: accountId,
    externalId: commentId,
    // An Instagram commenter is known by their handle, shown as people write it.
    sender: { address: senderId, ...(from && str(from.username) ? { displayName: `@${str(from.username)}` } : {}) },
    text: typeof value.text === 'string' ? value.text : '',
    thread: {
      visibility: 'public',
      messageId: commentId,
      ...(parentId ?? mediaId ? { inReplyTo: parentId ?? mediaId } : {}),
      ...(mediaId ? { references: [mediaId] } : {}),
    },
    ...metaTimes(value.timestamp ?? entryTime, now),
    raw: value,
  });
}
