import type { EntityManager } from 'typeorm';
import { identityLockKey, type StoredCopy } from './inbound-intake.service';

/**
 * Takes the advisory locks of every sender address of a batch in one
 * statement. Always in the same (sorted) order, so two batches sharing
 * addresses wait for each other instead of deadlocking. PostgreSQL evaluates
 * the volatile lock function after the sort.
 */
export async function lockSenderAddresses(em: EntityManager, addresses: readonly string[]): Promise<void> {
  const keys = [...new Set(addresses.map(identityLockKey))];
  if (keys.length === 0) return;
  await em.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT unnest($1::text[]) AS k ORDER BY 1) sorted`, [keys]);
}

/** The batch's messages already stored, locked for the rest of the transaction; one statement for the batch. */
export async function findStoredMessages(em: EntityManager, messageIds: readonly string[]): Promise<Map<string, StoredCopy>> {
  const rows = (await em.query(`SELECT id, text, attachments FROM messages WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
    [...new Set(messageIds)],
  ])) as Array<StoredCopy & { id: string }>;
  return new Map(rows.map(({ id, text, attachments }) => [id, { text, attachments }]));
}
