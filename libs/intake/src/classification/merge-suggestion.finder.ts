import type { EntityManager } from 'typeorm';
import { PHONE_CHANNELS } from '@inbox/contracts';
import { comparableName, findContactMentions } from '@inbox/complaint-detection';
import { comparableNameSql } from './sql-names';

/** A message to look for merge suggestions in. */
export interface MergeSuggestionInput {
  customerId: string;
  messageId: string;
  text: string;
  product: string | null;
  defaultRegion: string;
  /** The customer's display name when the caller has just read it; looked up otherwise. */
  displayName?: string | null;
}

/**
 * Links the machine is not sure of become suggestions for agents, never
 * merges: an email address or phone number the customer wrote in a message
 * that is another customer's identity, or the same full name as another
 * customer who mentioned the same product. One row per pair and reason, so a
 * dismissed suggestion is not raised again.
 */
export function suggestMergesFromMessage(em: Pick<EntityManager, 'query'>, input: MergeSuggestionInput): Promise<number> {
  return suggestMergesFromMessages(em, [input]);
}

/** Messages of a transaction whose merge suggestions are looked for together at its end (see bufferMergeSuggestions). */
const buffered = new WeakMap<Pick<EntityManager, 'query'>, MergeSuggestionInput[]>();

/**
 * From now on, the messages this transaction's manager is asked to find merge suggestions for are kept,
 * and looked at together by flushMergeSuggestions: an intake batch's namesakes in one statement. Nothing
 * in intake reads the suggestions back, so the end of the transaction is soon enough.
 */
export function bufferMergeSuggestions(em: Pick<EntityManager, 'query'>): void {
  if (!buffered.has(em)) buffered.set(em, []);
}

/** Looks for the buffered messages' merge suggestions and stops buffering. */
export async function flushMergeSuggestions(em: Pick<EntityManager, 'query'>): Promise<number> {
  const inputs = buffered.get(em) ?? [];
  buffered.delete(em);
  return suggestMergesFromMessages(em, inputs);
}

/**
 * The same for several messages (an intake batch's): the namesakes of all of them in one statement; the
 * contacts a message mentions, which few do, looked up message by message. In a transaction that
 * buffers them (bufferMergeSuggestions) they are only kept, and 0 is returned.
 */
export async function suggestMergesFromMessages(em: Pick<EntityManager, 'query'>, inputs: readonly MergeSuggestionInput[]): Promise<number> {
  const pending = buffered.get(em);
  if (pending) {
    pending.push(...inputs);
    return 0;
  }
  let suggested = 0;
  for (const input of inputs) suggested += await suggestMentionedContacts(em, input);
  const withProduct = inputs.filter((input): input is MergeSuggestionInput & { product: string } => input.product !== null);
  const unnamed = withProduct.filter((input) => input.displayName === undefined).map((input) => input.customerId);
  const names = new Map(
    unnamed.length === 0
      ? []
      : ((await em.query(`SELECT id, display_name FROM customers WHERE id = ANY($1::uuid[])`, [unnamed])) as Array<{ id: string; display_name: string | null }>).map(
          (row) => [row.id, row.display_name],
        ),
  );
  const named = withProduct
    .map((input) => {
      const displayName = input.displayName !== undefined ? input.displayName : names.get(input.customerId);
      return { input, displayName, name: comparableName(displayName) };
    })
    .filter((n): n is typeof n & { name: string } => !!n.name);
  if (named.length === 0) return suggested;
  const namesakes = (await em.query(
    `SELECT q.ord, cu.id FROM unnest($1::text[], $2::uuid[], $3::text[]) WITH ORDINALITY AS q(name, customer_id, product, ord)
       CROSS JOIN LATERAL (
         SELECT cu.id FROM customers cu
          WHERE ${comparableNameSql('cu.display_name')} = q.name AND cu.display_name IS NOT NULL AND cu.merged_into_id IS NULL
            AND cu.id <> q.customer_id
            AND (EXISTS (SELECT 1 FROM messages m WHERE m.customer_id = cu.id AND m.classification->>'product' = q.product)
                 OR EXISTS (SELECT 1 FROM customer_products p WHERE p.customer_id = cu.id AND p.product = q.product))
          LIMIT 20) cu
      ORDER BY q.ord`,
    [named.map((n) => n.name), named.map((n) => n.input.customerId), named.map((n) => n.input.product)],
  )) as Array<{ ord: string; id: string }>;
  for (const other of namesakes) {
    const { input, displayName } = named[Number(other.ord) - 1];
    suggested += await insertSuggestion(em, {
      ...input,
      otherCustomerId: other.id,
      reason: 'same_name_product',
      evidence: `Same name (${displayName}) and both wrote about ${input.product}`,
    });
  }
  return suggested;
}

/** Another customer's email address or phone number that the message mentions. */
async function suggestMentionedContacts(em: Pick<EntityManager, 'query'>, input: MergeSuggestionInput): Promise<number> {
  let suggested = 0;
  const { emails, phones } = findContactMentions(input.text, input.defaultRegion);
  if (emails.length + phones.length === 0) return 0;
  const owners = (await em.query(
    `SELECT DISTINCT ON (i.customer_id, i.address) i.customer_id, i.address, i.channel
       FROM identities i JOIN customers cu ON cu.id = i.customer_id AND cu.merged_into_id IS NULL
      WHERE i.customer_id <> $1
        AND ((i.channel = 'email' AND i.address = ANY($2)) OR (i.channel = ANY($3) AND i.address = ANY($4)))`,
    [input.customerId, emails, PHONE_CHANNELS, phones],
  )) as Array<{ customer_id: string; address: string; channel: string }>;
  for (const owner of owners) {
    suggested += await insertSuggestion(em, {
      ...input,
      otherCustomerId: owner.customer_id,
      reason: owner.channel === 'email' ? 'mentioned_email' : 'mentioned_phone',
      evidence: `The customer wrote ${owner.address}, which is another customer's ${owner.channel} address`,
    });
  }
  return suggested;
}

async function insertSuggestion(
  em: Pick<EntityManager, 'query'>,
  s: { customerId: string; otherCustomerId: string; messageId: string; reason: string; evidence: string },
): Promise<number> {
  const rows = (await em.query(
    `INSERT INTO merge_suggestions (customer_id, other_customer_id, reason, evidence, message_id)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
    [s.customerId, s.otherCustomerId, s.reason, s.evidence, s.messageId],
  )) as unknown[];
  return rows.length;
}
