import type { EntityManager } from 'typeorm';
import { PHONE_CHANNELS } from '@inbox/contracts';
import { comparableName, findContactMentions } from '@inbox/complaint-detection';
import { comparableNameSql } from './sql-names';

/**
 * Links the machine is not sure of become suggestions for agents, never
 * merges: an email address or phone number the customer wrote in a message
 * that is another customer's identity, or the same full name as another
 * customer who mentioned the same product. One row per pair and reason, so a
 * dismissed suggestion is not raised again.
 */
export async function suggestMergesFromMessage(
  em: Pick<EntityManager, 'query'>,
  input: {
    customerId: string;
    messageId: string;
    text: string;
    product: string | null;
    defaultRegion: string;
    /** The customer's display name when the caller has just read it; looked up otherwise. */
    displayName?: string | null;
  },
): Promise<number> {
  let suggested = 0;
  const { emails, phones } = findContactMentions(input.text, input.defaultRegion);
  if (emails.length + phones.length > 0) {
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
  }
  if (input.product) {
    const displayName =
      input.displayName !== undefined
        ? input.displayName
        : ((await em.query(`SELECT display_name FROM customers WHERE id = $1`, [input.customerId])) as Array<{ display_name: string | null }>)[0]?.display_name;
    const name = comparableName(displayName);
    if (name) {
      const namesakes = (await em.query(
        `SELECT cu.id FROM customers cu
          WHERE ${comparableNameSql('cu.display_name')} = $1 AND cu.display_name IS NOT NULL AND cu.merged_into_id IS NULL
            AND cu.id <> $2
            AND (EXISTS (SELECT 1 FROM messages m WHERE m.customer_id = cu.id AND m.classification->>'product' = $3)
                 OR EXISTS (SELECT 1 FROM customer_products p WHERE p.customer_id = cu.id AND p.product = $3))
          LIMIT 20`,
        [name, input.customerId, input.product],
      )) as Array<{ id: string }>;
      for (const other of namesakes) {
        suggested += await insertSuggestion(em, {
          ...input,
          otherCustomerId: other.id,
          reason: 'same_name_product',
          evidence: `Same name (${displayName}) and both wrote about ${input.product}`,
        });
      }
    }
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
