import { createHash } from 'node:crypto';

/**
 * A message's id is derived from (channel, account, external id), so every
 * redelivery of the same provider message maps to the same row (docs/architecture.md rule 2).
 * Formatted as a UUID (version 5 style, SHA-256 based) to fit the uuid column.
 */
export function deterministicMessageId(channel: string, account: string, externalId: string): string {
  const h = createHash('sha256').update(`${channel}\u0000${account}\u0000${externalId}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
