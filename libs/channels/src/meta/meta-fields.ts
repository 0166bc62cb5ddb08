import { createHash } from 'node:crypto';
import { InvalidInputError, type Channel, type InboundMessage } from '@inbox/contracts';

/** A JSON object as Meta sends it; every field is checked before use. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectsIn(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A non-empty string (ids arrive as strings, occasionally as numbers), or undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function requireStr(value: unknown, what: string): string {
  const s = str(value);
  if (s === undefined) throw new InvalidInputError('meta_missing_field', `The Meta webhook has no ${what}`);
  return s;
}

/**
 * Meta's times come as Unix seconds (WhatsApp, feed), milliseconds (Messenger)
 * or, on some feed items, ISO strings; undefined when unreadable.
 */
export function metaTime(value: unknown): string | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  const at = typeof n === 'number' && Number.isFinite(n) && n > 0 ? new Date(n > 1e12 ? n : n * 1000) : typeof n === 'string' ? new Date(n) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
}

/**
 * A message's times: received when the webhook arrived (`now`, the firm's own
 * record, where RG 271 clocks start), sent when Meta's timestamp says.
 */
export function metaTimes(claimed: unknown, now: Date): Pick<InboundMessage, 'receivedAt' | 'sentAt'> {
  const sentAt = metaTime(claimed);
  return sentAt ? { receivedAt: now.toISOString(), sentAt } : { receivedAt: now.toISOString() };
}

/** What a parser hands back besides messages: status updates for our own outbound messages. */
export interface MetaStatusUpdate {
  channel: Channel;
  /** The provider id our send returned (WhatsApp wamid, Messenger mid). */
  externalId: string;
  status: string;
  error?: string;
}

/** Everything one webhook delivery carried, each item accounted for. */
export interface MetaWebhookBatch {
  messages: InboundMessage[];
  statuses: MetaStatusUpdate[];
  /** Items that are not customer messages (our own echoes, reactions, removals): counted, not stored. */
  skipped: string[];
  /** Items that cannot be attributed to a sender: kept for admins (dead letters) with the reason. */
  rejected: Array<{ reason: string; raw: unknown }>;
}

export function emptyBatch(): MetaWebhookBatch {
  return { messages: [], statuses: [], skipped: [], rejected: [] };
}

/**
 * A message we cannot read yet still came from a customer: it is kept with its
 * raw payload and a placeholder text the agent sees, never dropped. Its id is
 * the provider's when there is one, else a digest of the item, so a
 * redelivery maps to the same message.
 */
export function unsupportedMessage(input: {
  channel: Channel;
  account: string;
  sender: InboundMessage['sender'];
  kind: string;
  externalId?: string;
  times: Pick<InboundMessage, 'receivedAt' | 'sentAt'>;
  visibility: 'public' | 'private';
  raw: unknown;
}): InboundMessage {
  return {
    channel: input.channel,
    account: input.account,
    externalId: input.externalId ?? `unsupported:${createHash('sha256').update(JSON.stringify(input.raw)).digest('hex').slice(0, 40)}`,
    sender: input.sender,
    text: `[unsupported ${input.channel} message: ${input.kind}]`,
    thread: { visibility: input.visibility },
    ...input.times,
    raw: input.raw,
  };
}
