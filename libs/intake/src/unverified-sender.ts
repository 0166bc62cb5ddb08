import type { EntityManager } from 'typeorm';
import type { InboundMessage } from '@inbox/contracts';

/**
 * The seam for a sender the channel proved is not who the address says
 * (`sender.verified === false`; email: DMARC failed for the From: domain).
 * The message is still taken in — a complaint is never dropped — but the
 * address alone joins it to no existing customer or case: it opens under a
 * new customer of its own, without the identity (which stays with whoever
 * proved it, or with nobody). An unverified identity claim records the
 * address on the new customer, for an agent to confirm (a merge when another
 * customer owns it) or not, like any unproven claim.
 *
 * Intake calls this instead of looking the identity up, and answers no status
 * request from such a sender (it would list the address owner's cases).
 */
export async function customerForUnverifiedSender(em: EntityManager, message: InboundMessage, address: string, messageId: string): Promise<string> {
  const [created] = (await em.query(`INSERT INTO customers (display_name, last_channel) VALUES ($1, $2) RETURNING id`, [
    message.sender.displayName ?? null,
    message.channel,
  ])) as Array<{ id: string }>;
  const [owner] = (await em.query(`SELECT customer_id FROM identities WHERE channel = $1 AND address = $2`, [message.channel, address])) as Array<{
    customer_id: string;
  }>;
  // Recorded as an unverified claim either way, so an agent can confirm it (a merge when someone owns it).
  await em.query(
    `INSERT INTO identity_claims (customer_id, channel, address, owner_customer_id, message_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (customer_id, channel, address) DO NOTHING`,
    [created.id, message.channel, address, owner?.customer_id ?? null, messageId],
  );
  return created.id;
}

/** Whether the channel proved the sender's address is not theirs. */
export function isUnverifiedSender(message: InboundMessage): boolean {
  return message.sender.verified === false;
}
