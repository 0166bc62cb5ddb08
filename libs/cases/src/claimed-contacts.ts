import type { EntityManager } from 'typeorm';
import type { ClaimedContact } from '@inbox/contracts';
import { normalizeAddress } from '@inbox/triage';

/**
 * Links the addresses a sender gave us (the web chat's "email or phone") to
 * their customer, like any identity. An address already on another customer
 * is not moved — that would hand one person's cases to whoever typed their
 * email — but recorded as a claim, for an agent to merge or not.
 */
export async function linkClaimedContacts(
  em: EntityManager,
  customerId: string,
  messageId: string,
  contacts: readonly ClaimedContact[],
  defaultPhoneRegion: string,
): Promise<void> {
  for (const contact of contacts) {
    let address: string;
    try {
      address = normalizeAddress(contact.channel, contact.address, defaultPhoneRegion);
    } catch {
      continue; // the channel checked the format already; a contact is a hint, never a reason to lose the message
    }
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`identity:${address}`]);
    const [owner] = (await em.query(`SELECT customer_id FROM identities WHERE channel = $1 AND address = $2`, [contact.channel, address])) as Array<{
      customer_id: string;
    }>;
    if (!owner) {
      await em.query(`INSERT INTO identities (customer_id, channel, address) VALUES ($1, $2, $3)`, [customerId, contact.channel, address]);
    } else if (owner.customer_id !== customerId) {
      await em.query(
        `INSERT INTO identity_claims (customer_id, channel, address, owner_customer_id, message_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (customer_id, channel, address) DO NOTHING`,
        [customerId, contact.channel, address, owner.customer_id, messageId],
      );
    }
  }
}
