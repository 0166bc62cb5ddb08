import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, TOPICS, type AttachmentRef, type Channel, type ChannelProvider, type MessageView, type OutboundEmailExtras, type OutboundMessage, type Visibility } from '@inbox/contracts';
import { isPublicReply } from '@inbox/compliance';
import { MESSAGE_COLUMNS, toMessageView, type MessageRow } from './case-views';
import { queryRows } from './sql-rows';

/** Where a message to the customer goes: one of their identities, and the account of ours they wrote to on that channel. */
export interface OutboundRoute {
  channel: Channel;
  recipient: string;
  account: string;
  /** The service the customer's message came through, which the reply goes out by; null when not recorded. */
  provider: ChannelProvider | null;
  lastInboundExternalId: string | null;
  /** Whether the message answered is public (a comment) or private, on channels that have both. */
  answeredVisibility: Visibility | null;
}

/**
 * The route for a message on a case: a chosen identity of the customer, else
 * their latest identity on `channel`. Replying from an account the customer
 * never wrote to on that channel is impossible (no sender), so that is refused.
 */
export async function outboundRoute(
  em: Pick<EntityManager, 'query'>,
  target: { caseId: string; customerId: string; channel: Channel; identityId?: string; visibility?: Visibility; representativeId?: string },
): Promise<OutboundRoute> {
  if (target.representativeId) return representativeRoute(em, { ...target, representativeId: target.representativeId });
  if (!target.identityId) {
    const [route] = await outboundRoutes(em, [target]);
    if (route instanceof InvalidInputError) throw route;
    return route;
  }
  const [identity] = (await em.query(`SELECT channel, address FROM identities WHERE customer_id = $1 AND id = $2`, [target.customerId, target.identityId])) as Array<{
    channel: Channel;
    address: string;
  }>;
  if (!identity) throw new InvalidInputError('unknown_identity', 'That identity does not belong to this case’s customer');
  // Answer their last message there (their last public one for a public reply): the last the inbox took in,
  // in this case first. `IS TRUE`: a message kept without a case compares as NULL, which DESC would put first.
  const [last] = (await em.query(
    `SELECT account, provider, external_id, thread->>'visibility' AS visibility FROM messages
      WHERE customer_id = $1 AND channel = $2 AND direction = 'inbound' AND ($4::text IS NULL OR thread->>'visibility' = $4)
      ORDER BY (case_id = $3) IS TRUE DESC, intake_seq DESC LIMIT 1`,
    [target.customerId, identity.channel, target.caseId, target.visibility === 'public' ? 'public' : null],
  )) as Array<LastInbound>;
  return routeOrRefusal(identity, last, target.visibility);
}

interface LastInbound {
  account: string;
  provider: ChannelProvider | null;
  external_id: string | null;
  visibility: Visibility | null;
}

/** The route to an identity, answering the customer's last message there; refused when they never wrote there (publicly, for a public reply). */
function routeOrRefusal(identity: { channel: Channel; address: string }, last: LastInbound | undefined, visibility: Visibility | undefined): OutboundRoute {
  if (!last && visibility === 'public') {
    throw new InvalidInputError('no_public_message', `The customer has no public post or comment on ${identity.channel} to answer publicly`);
  }
  if (!last) throw new InvalidInputError('no_account_on_channel', `The customer has never written to us on ${identity.channel}`);
  return {
    channel: identity.channel,
    recipient: identity.address,
    account: last.account,
    provider: last.provider,
    lastInboundExternalId: last.external_id,
    answeredVisibility: last.visibility,
  };
}

/**
 * The routes of many messages, each to the customer's latest identity on its channel (as outboundRoute without a
 * chosen identity or representative), in one statement; a message that has none gets the refusal outboundRoute
 * would throw, in its place.
 */
export async function outboundRoutes(
  em: Pick<EntityManager, 'query'>,
  targets: ReadonlyArray<{ caseId: string; customerId: string; channel: Channel; visibility?: Visibility }>,
): Promise<Array<OutboundRoute | InvalidInputError>> {
  if (targets.length === 0) return [];
  const rows = (await em.query(
    `SELECT t.ord, i.channel, i.address, last.account, last.provider, last.external_id, last.visibility
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS t(case_id, customer_id, channel, visibility, ord)
       LEFT JOIN LATERAL (SELECT channel, address FROM identities WHERE customer_id = t.customer_id AND channel = t.channel
                           ORDER BY created_at DESC LIMIT 1) i ON true
       LEFT JOIN LATERAL (SELECT account, provider, external_id, thread->>'visibility' AS visibility FROM messages
                           WHERE customer_id = t.customer_id AND channel = i.channel AND direction = 'inbound'
                             AND (t.visibility IS NULL OR thread->>'visibility' = t.visibility)
                           ORDER BY (case_id = t.case_id) IS TRUE DESC, intake_seq DESC LIMIT 1) last ON true
      ORDER BY t.ord`,
    [
      targets.map((t) => t.caseId),
      targets.map((t) => t.customerId),
      targets.map((t) => t.channel),
      targets.map((t) => (t.visibility === 'public' ? 'public' : null)),
    ],
  )) as Array<{ channel: Channel | null; address: string | null; account: string | null; provider: ChannelProvider | null; external_id: string | null; visibility: Visibility | null }>;
  return rows.map((row, i) => {
    const target = targets[i];
    if (!row.channel || row.address === null) return new InvalidInputError('no_identity_on_channel', `This customer has no ${target.channel} address to reply to`);
    const last = row.account === null ? undefined : { account: row.account, provider: row.provider, external_id: row.external_id, visibility: row.visibility };
    try {
      return routeOrRefusal({ channel: row.channel, address: row.address }, last, target.visibility);
    } catch (refusal) {
      if (refusal instanceof InvalidInputError) return refusal;
      throw refusal;
    }
  });
}

/**
 * A reply to the customer's authorised representative (docs/personal-data.md):
 * only one whose authority covers this case, on their own channel (email or
 * SMS), from the account of ours the customer last wrote to there, or else
 * the one that last took any message on that channel.
 */
async function representativeRoute(
  em: Pick<EntityManager, 'query'>,
  target: { caseId: string; customerId: string; representativeId: string },
): Promise<OutboundRoute> {
  const [rep] = (await em.query(
    `SELECT channel, address FROM customer_representatives
      WHERE id = $1 AND customer_id = $2 AND revoked_at IS NULL AND (scope <> 'one_case' OR case_id = $3)`,
    [target.representativeId, target.customerId, target.caseId],
  )) as Array<{ channel: Channel; address: string }>;
  if (!rep) throw new InvalidInputError('unknown_representative', 'No active representative of this customer whose authority covers this case');
  const [last] = (await em.query(
    `SELECT account, provider FROM messages WHERE channel = $1 AND direction = 'inbound' ORDER BY (customer_id = $2) DESC, intake_seq DESC LIMIT 1`,
    [rep.channel, target.customerId],
  )) as Array<{ account: string; provider: ChannelProvider | null }>;
  if (!last) throw new InvalidInputError('no_account_on_channel', `The inbox has no ${rep.channel} account to write from`);
  return { channel: rep.channel, recipient: rep.address, account: last.account, provider: last.provider, lastInboundExternalId: null, answeredVisibility: null };
}

/**
 * Public comment reply or private message, on channels with public threads
 * (Meta comments). An agent's choice stands as given. A system message (no
 * author: IDR response, delay notice, status answer, satisfaction survey)
 * answering a public comment goes privately — a private reply to the
 * commenter — because personal complaint correspondence must not be
 * published (RG 271.32 Note 2). The one exception is a text written to be
 * published (`publicSafe`: the acknowledgement's comment wording, which
 * carries no reference and asks the customer to write privately): it answers
 * under the comment, so the comment's single private reply (Meta allows one,
 * within 7 days) stays for the agent. Otherwise none is recorded.
 */
export function outboundVisibility(input: {
  channel: Channel;
  authorUserId: string | null;
  visibility?: Visibility;
  answeredVisibility: Visibility | null;
  publicSafe?: boolean;
}): Visibility | undefined {
  if (input.visibility) return input.visibility;
  // Where the answered message's kind is unknown, the channel's usual kind of answer decides.
  if (input.authorUserId === null && isPublicReply(input.channel, input.answeredVisibility)) return input.publicSafe ? 'public' : 'private';
  return undefined;
}

/** An outbound message to queue (queueOutboundMessage). */
export interface OutboundToQueue {
    /** Null for a message on no case (a status answer to a customer who has none). */
    caseId: string | null;
    caseReference?: string;
    customerId: string;
    route: OutboundRoute;
    text: string;
    /**
     * What the stored copy (and so the workspace, the case's events and the web chat history) says, when it
     * must differ from what the customer is sent: the acknowledgement's status code, masked. The text sent
     * travels only in the outbox entry, which is deleted once published.
     */
    storedText?: string;
    /** Null for a message the system writes. */
    authorUserId: string | null;
    choices?: string[];
    /** Public comment reply or private message chosen by the agent (channels with public threads). */
    visibility?: Visibility;
    /** The channel's pre-approved template to send instead of free text. */
    template?: string;
    /** Marks recorded in the message's thread beside visibility and template (e.g. `statusReply`). */
    marks?: Record<string, boolean>;
    /** A system text written to be published (no personal data): it may answer a public comment publicly. */
    publicSafe?: boolean;
    /** Email: copies, files and the author's signature (the caller has checked them). */
    email?: OutboundEmailExtras;
    /** The files the message carries, as the timeline lists them. */
    attachments?: AttachmentRef[];
    /** Set when the caller needs the id before the row exists (files attached to it). */
    messageId?: string;
  }

/**
 * Stores an outbound message (status `queued`) and its outbox entry for the
 * dispatcher, in the caller's transaction. The caller writes the case event.
 * Whether it goes publicly or privately is decided here (outboundVisibility).
 */
export async function queueOutboundMessage(em: Pick<EntityManager, 'query'>, input: OutboundToQueue): Promise<MessageView> {
  return (await queueOutboundMessages(em, [input]))[0];
}

/** Many outbound messages and their outbox entries, in order, in one statement (and one read per agent author). */
export async function queueOutboundMessages(em: Pick<EntityManager, 'query'>, inputs: readonly OutboundToQueue[]): Promise<MessageView[]> {
  if (inputs.length === 0) return [];
  const authors = new Map<string | null, Awaited<ReturnType<typeof authorOf>>>();
  for (const author of new Set(inputs.map((i) => i.authorUserId))) authors.set(author, await authorOf(em, author));
  const rows = inputs.map((input) => {
    const messageId = input.messageId ?? randomUUID();
    const { route } = input;
    const visibility = outboundVisibility({ channel: route.channel, authorUserId: input.authorUserId, visibility: input.visibility, answeredVisibility: route.answeredVisibility, publicSafe: input.publicSafe });
    const recorded = {
      ...input.marks,
      visibility,
      template: input.template,
      ...(input.email?.cc?.length ? { cc: input.email.cc } : {}),
      ...(input.email?.bcc?.length ? { bcc: input.email.bcc } : {}),
    };
    const outbound: OutboundMessage = {
      messageId,
      from: authors.get(input.authorUserId)!,
      caseId: input.caseId ?? '',
      channel: route.channel,
      account: route.account,
      ...(route.provider ? { provider: route.provider } : {}),
      recipient: route.recipient,
      text: input.text,
      thread: { caseReference: input.caseReference, inReplyToExternalId: route.lastInboundExternalId ?? undefined },
      ...(input.choices ? { choices: input.choices } : {}),
      ...(visibility ? { visibility } : {}),
      ...(input.template ? { template: input.template } : {}),
      ...(input.email && Object.keys(input.email).length ? { email: input.email } : {}),
    };
    return {
      messageId,
      input,
      thread: Object.values(recorded).some((v) => v !== undefined) ? JSON.stringify(recorded) : null,
      outboxKey: input.caseId ?? input.customerId,
      outbound: JSON.stringify(outbound),
    };
  });
  const written = await queryRows<MessageRow>(
    em,
    `WITH written AS (
            INSERT INTO messages (id, case_id, customer_id, channel, account, direction, sender_address, author_user_id, text,
                                  thread, delivery_status, received_at, attachments, provider)
            SELECT id, case_id, customer_id, channel, account, 'outbound', recipient, author_user_id, text, thread, 'queued', now(), attachments, provider
              FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::jsonb[], $10::jsonb[], $11::text[])
                   WITH ORDINALITY AS u(id, case_id, customer_id, channel, account, recipient, author_user_id, text, thread, attachments, provider, ord)
             ORDER BY ord
            RETURNING *),
          queued AS (INSERT INTO outbox (topic, key, payload)
                     SELECT $12, key, payload FROM unnest($13::text[], $14::jsonb[]) WITH ORDINALITY AS o(key, payload, ord) ORDER BY ord)
     SELECT ${MESSAGE_COLUMNS} FROM written m`,
    [
      rows.map((r) => r.messageId),
      rows.map((r) => r.input.caseId),
      rows.map((r) => r.input.customerId),
      rows.map((r) => r.input.route.channel),
      rows.map((r) => r.input.route.account),
      rows.map((r) => r.input.route.recipient),
      rows.map((r) => r.input.authorUserId),
      rows.map((r) => r.input.storedText ?? r.input.text),
      rows.map((r) => r.thread),
      rows.map((r) => JSON.stringify(r.input.attachments ?? [])),
      rows.map((r) => r.input.route.provider),
      TOPICS.outbound,
      rows.map((r) => r.outboxKey),
      rows.map((r) => r.outbound),
    ],
  );
  const byId = new Map(written.map((row) => [row.id, row]));
  return rows.map((r) => toMessageView(byId.get(r.messageId)!));
}

/** An agent by first name (the customer may see it), or the inbox itself for a message no one wrote. */
async function authorOf(em: Pick<EntityManager, 'query'>, authorUserId: string | null | undefined): Promise<NonNullable<OutboundMessage['from']>> {
  if (!authorUserId) return { kind: 'automatic' };
  const [user] = (await em.query(`SELECT name FROM users WHERE id = $1`, [authorUserId])) as Array<{ name: string }>;
  const first = user?.name.trim().split(/\s+/)[0];
  return first ? { kind: 'agent', name: first } : { kind: 'automatic' };
}
