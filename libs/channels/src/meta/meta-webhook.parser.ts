import { InvalidInputError } from '@inbox/contracts';
import { emptyBatch, isObject, objectsIn, str, type MetaWebhookBatch } from './meta-fields';
import { parseMessagingEvent } from './messaging.parser';
import { parseInstagramCommentChange, parsePageFeedChange } from './page-comments.parser';
import { parseWhatsAppValue } from './whatsapp.parser';

export interface MetaParseOptions {
  /** Region for the rare WhatsApp number that is not in international form. */
  defaultRegion: string;
}

/**
 * A verified Meta webhook body → every message and status it carries. One
 * delivery can batch many entries (pages, accounts) and many messages of
 * several products; each item is parsed on its own, so one odd item never
 * costs the others. Pure: the caller has checked the signature.
 */
export function parseMetaWebhook(body: unknown, now: Date, options: MetaParseOptions): MetaWebhookBatch {
  if (!isObject(body) || typeof body.object !== 'string' || !Array.isArray(body.entry)) {
    throw new InvalidInputError('meta_invalid_payload', 'A Meta webhook body is an object with "object" and an "entry" array');
  }
  const batch = emptyBatch();
  const product = body.object;
  for (const entry of objectsIn(body.entry)) {
    const entryId = str(entry.id);
    if (product === 'whatsapp_business_account') {
      for (const change of objectsIn(entry.changes)) {
        if (change.field !== 'messages' || !isObject(change.value)) {
          batch.skipped.push(`whatsapp ${String(change.field)} change`);
          continue;
        }
        parseWhatsAppValue(change.value, now, batch, options.defaultRegion);
      }
      continue;
    }
    if (product !== 'page' && product !== 'instagram') {
      batch.skipped.push(`${product} webhook`);
      continue;
    }
    if (!entryId) {
      batch.rejected.push({ reason: `${product} entry without id`, raw: entry });
      continue;
    }
    const channel = product === 'page' ? 'messenger' : 'instagram';
    for (const event of objectsIn(entry.messaging)) parseMessagingEvent(channel, entryId, event, now, batch);
    // Events for conversations another app controls (handover protocol) are not ours to answer.
    if (objectsIn(entry.standby).length > 0) batch.skipped.push(`${channel} standby events`);
    for (const change of objectsIn(entry.changes)) {
      const value = isObject(change.value) ? change.value : undefined;
      if (product === 'page' && change.field === 'feed' && value) parsePageFeedChange(entryId, value, now, batch);
      else if (product === 'instagram' && (change.field === 'comments' || change.field === 'live_comments') && value) {
        parseInstagramCommentChange(entryId, value, now, entry.time, batch);
      } else batch.skipped.push(`${product} ${String(change.field)} change`);
    }
  }
  return batch;
}
