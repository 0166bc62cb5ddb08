import type { EntityManager } from 'typeorm';
import { normalizeAddress, PHONE_CHANNELS, type Channel, type ClaimedContact } from '@inbox/contracts';
import { recordAudit } from '@inbox/complaint-handling';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * Records the addresses a sender *claims* (the web chat's "email or phone")
 * as unverified claims of their customer — never as identities. Only an
 * identity routes an inbound message, is a reply target, or answers
 * `status`; a claim is shown to agents as "unverified" until it is proven
 * (a one-time code sent to the address, or an agent confirming it: see
 * proveClaim). Otherwise a visitor typing `victim@example.com` would receive
 * the victim's later mail, its replies and their case list.
 *
 * A claim the requester already proved with a code before their first
 * message (ContactVerificationService) is turned into the identity here.
 */
export async function recordClaimedContacts(
  em: Queryable,
  input: {
    customerId: string;
    messageId: string;
    /** Who claims: the sender of the message (their channel and address). */
    requester: { channel: Channel; address: string };
    contacts: readonly ClaimedContact[];
    defaultPhoneRegion: string;
  },
): Promise<void> {
  for (const contact of input.contacts) {
    let address: string;
    try {
      address = normalizeAddress(contact.channel, contact.address, input.defaultPhoneRegion);
    } catch {
      continue; // the channel checked the format already; a contact is a hint, never a reason to lose the message
    }
    // (A CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].)
    const proven = (await em.query(
      `WITH applied AS (
         UPDATE contact_verifications SET applied_at = now()
          WHERE requester_channel = $1 AND requester_address = $2 AND channel = $3 AND address = $4
            AND verified_at IS NOT NULL AND applied_at IS NULL
          RETURNING id)
       SELECT id FROM applied`,
      [input.requester.channel, input.requester.address, contact.channel, address],
    )) as unknown[];
    if (proven.length > 0) {
      await proveClaim(em, { customerId: input.customerId, channel: contact.channel, address, method: 'code', actorUserId: null, messageId: input.messageId });
      continue;
    }
    const owner = await lockedOwner(em, contact.channel, address);
    if (owner === input.customerId) continue;
    await em.query(
      `INSERT INTO identity_claims (customer_id, channel, address, owner_customer_id, message_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id, channel, address) DO UPDATE SET owner_customer_id = EXCLUDED.owner_customer_id
        WHERE identity_claims.status = 'unverified'`,
      [input.customerId, contact.channel, address, owner, input.messageId],
    );
  }
}

export type ProofOutcome =
  /** The address had no owner: it is now an identity of the customer. */
  | 'linked'
  /** It was already theirs. */
  | 'already_theirs'
  /** It is another customer's identity: the claim is marked proven and a merge is suggested to agents. */
  | 'owned_by_other';

/**
 * A claim proven — by a code entered (`code`) or an agent's confirmation
 * (`agent`, audited with who). In the caller's transaction; `customerId`
 * must be the live (not merged-away) customer, locked by the caller.
 * An address that is another customer's identity is never moved: the two
 * are suggested for merging (`verified_claim`), which an agent decides.
 */
export async function proveClaim(
  em: Queryable,
  input: { customerId: string; channel: Channel; address: string; method: 'code' | 'agent'; actorUserId: string | null; messageId?: string },
): Promise<{ outcome: ProofOutcome; claimId: string; ownerCustomerId: string | null }> {
  const owner = await lockedOwner(em, input.channel, input.address);
  const outcome: ProofOutcome = owner === null ? 'linked' : owner === input.customerId ? 'already_theirs' : 'owned_by_other';
  if (outcome === 'linked') {
    await em.query(`INSERT INTO identities (customer_id, channel, address) VALUES ($1, $2, $3)`, [input.customerId, input.channel, input.address]);
  }
  const [claim] = (await em.query(
    `INSERT INTO identity_claims (customer_id, channel, address, owner_customer_id, message_id, status, verified_at, verified_by, verified_method)
     VALUES ($1, $2, $3, $4, $5, 'verified', now(), $6, $7)
     ON CONFLICT (customer_id, channel, address) DO UPDATE
       SET status = 'verified', verified_at = now(), verified_by = EXCLUDED.verified_by, verified_method = EXCLUDED.verified_method,
           owner_customer_id = EXCLUDED.owner_customer_id
     RETURNING id`,
    [input.customerId, input.channel, input.address, outcome === 'owned_by_other' ? owner : null, input.messageId ?? null, input.actorUserId, input.method],
  )) as Array<{ id: string }>;
  if (outcome === 'owned_by_other') {
    await em.query(
      `INSERT INTO merge_suggestions (customer_id, other_customer_id, reason, evidence, message_id)
       VALUES ($1, $2, 'verified_claim', $3, $4) ON CONFLICT DO NOTHING`,
      [
        input.customerId,
        owner,
        input.method === 'code'
          ? `The customer proved with a code sent there that they receive ${input.channel === 'email' ? 'mail' : 'texts'} at another customer's ${input.channel} address`
          : `An agent confirmed that another customer's ${input.channel} address is also this customer's`,
        input.messageId ?? null,
      ],
    );
  }
  await recordAudit(em, {
    actorUserId: input.actorUserId,
    action: input.method === 'agent' ? 'identity.confirmed_by_agent' : 'identity.verified_by_code',
    data: { customerId: input.customerId, claimId: claim.id, channel: input.channel, outcome },
  });
  return { outcome, claimId: claim.id, ownerCustomerId: owner };
}

/**
 * The customer whose identity the address is, if any, under the same lock
 * intake takes for that address; a phone number on any phone channel (one
 * number is one customer across SMS, voice and WhatsApp, as in intake).
 */
async function lockedOwner(em: Queryable, channel: Channel, address: string): Promise<string | null> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`identity:${address}`]);
  const channels = PHONE_CHANNELS.includes(channel) ? [...PHONE_CHANNELS] : [channel];
  const [owner] = (await em.query(
    `SELECT customer_id FROM identities WHERE address = $1 AND channel = ANY($2) ORDER BY (channel = $3) DESC, created_at LIMIT 1`,
    [address, channels, channel],
  )) as Array<{ customer_id: string }>;
  return owner?.customer_id ?? null;
}
