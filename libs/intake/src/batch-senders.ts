import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PHONE_CHANNELS, type Channel } from '@inbox/contracts';
import type { PreparedInbound, ResolvedSender } from './inbound-intake.service';

/** What two messages of one customer share: the address alone on phone channels (one number, one customer), else channel and address. */
function customerKey(channel: Channel, address: string): string {
  return PHONE_CHANNELS.includes(channel) ? `phone:${address}` : `${channel}:${address}`;
}

/**
 * Identity → customer for the verified senders of a batch, set-based: one
 * read of their identities (with the phone siblings), one lock of the
 * customers found, one statement creating the new customers and identities.
 * The same rules as InboundIntakeService.resolveCustomer, message by message
 * in batch order: this channel's identity, else the first one on another
 * phone channel, else a customer made earlier in this batch, else a new one.
 * The caller holds the senders' advisory locks. Returns each message's
 * customer (by its index in `prepared`) and whether it is the message that
 * created it.
 */
export async function resolveBatchSenders(
  em: EntityManager,
  prepared: readonly PreparedInbound[],
  indices: readonly number[],
  followMerged: (em: EntityManager, customerId: string) => Promise<string>,
): Promise<Map<number, ResolvedSender>> {
  const resolved = new Map<number, ResolvedSender>();
  if (indices.length === 0) return resolved;
  const pairKey = (channel: string, address: string) => `${channel}\u0000${address}`;
  const pairs = [...new Map(indices.map((i) => [pairKey(prepared[i].message.channel, prepared[i].address), prepared[i]])).values()];
  const found = new Map(
    ((await em.query(
      `SELECT DISTINCT ON (q.channel, q.address) q.channel, q.address, i.customer_id, i.channel = q.channel AS exact
         FROM unnest($1::text[], $2::text[]) AS q(channel, address)
         JOIN identities i ON i.address = q.address AND (i.channel = q.channel OR (q.channel = ANY($3::text[]) AND i.channel = ANY($3::text[])))
        ORDER BY q.channel, q.address, i.channel = q.channel DESC, i.created_at`,
      [pairs.map((p) => p.message.channel), pairs.map((p) => p.address), PHONE_CHANNELS],
    )) as Array<{ channel: string; address: string; customer_id: string; exact: boolean }>).map((row) => [pairKey(row.channel, row.address), row]),
  );
  // The customers found, locked in one statement (sorted, as every batch locks them); one merged away is followed to its survivor.
  // FOR NO KEY UPDATE, as intake locks customers everywhere: see lockSurvivor in inbound-intake.service.ts.
  const survivors = new Map<string, string>();
  const foundIds = [...new Set([...found.values()].map((row) => row.customer_id))];
  const locked =
    foundIds.length === 0
      ? []
      : ((await em.query(`SELECT id, merged_into_id FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [foundIds])) as Array<{
          id: string;
          merged_into_id: string | null;
        }>);
  for (const row of locked) survivors.set(row.id, row.merged_into_id ? await followMerged(em, row.merged_into_id) : row.id);

  const madeInBatch = new Map<string, string>();
  const identitiesAdded = new Set<string>();
  const newCustomers: Array<{ id: string; displayName: string | null; channel: string }> = [];
  const newIdentities: Array<{ customerId: string; channel: string; address: string; displayName: string | null }> = [];
  for (const i of indices) {
    const { message, address } = prepared[i];
    const pair = pairKey(message.channel, address);
    const key = customerKey(message.channel, address);
    const row = found.get(pair);
    const displayName = message.sender.displayName ?? null;
    let customerId = row ? survivors.get(row.customer_id) ?? row.customer_id : madeInBatch.get(key);
    let created = false;
    if (!customerId) {
      customerId = randomUUID();
      created = true;
      madeInBatch.set(key, customerId);
      newCustomers.push({ id: customerId, displayName, channel: message.channel });
    }
    if (!row?.exact && !identitiesAdded.has(pair)) {
      identitiesAdded.add(pair);
      newIdentities.push({ customerId, channel: message.channel, address, displayName });
    }
    resolved.set(i, { customerId, created });
  }
  if (newIdentities.length > 0) {
    await em.query(
      `WITH customer AS (INSERT INTO customers (id, display_name, last_channel) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]))
       INSERT INTO identities (customer_id, channel, address, display_name) SELECT * FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[])`,
      [
        newCustomers.map((c) => c.id),
        newCustomers.map((c) => c.displayName),
        newCustomers.map((c) => c.channel),
        newIdentities.map((n) => n.customerId),
        newIdentities.map((n) => n.channel),
        newIdentities.map((n) => n.address),
        newIdentities.map((n) => n.displayName),
      ],
    );
  }
  return resolved;
}
