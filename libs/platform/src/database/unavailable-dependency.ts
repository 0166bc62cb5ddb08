import { DomainError } from '@inbox/contracts';

/** PostgreSQL SQLSTATEs that say "later" rather than "never": connection, resources, shutdown, lock and serialization trouble. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0|40001|40P01|55P03|57014)/;
/** Node's socket errors: the peer is down or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** What node-postgres says when its connection or pool fails. */
const PG_CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused|the database system is (starting up|shutting down)/i;

/**
 * True when an error says a dependency (PostgreSQL, the network, a provider
 * marked unavailable) is down, so the same record will go through once it is
 * back. Anything else that survives every retry is about the record itself,
 * and goes to the dead letters instead of holding up everything behind it.
 */
export function isUnavailableDependency(error: unknown): boolean {
  if (error instanceof DomainError) return error.kind === 'unavailable';
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || NETWORK_CODES.has(code))) return true;
  return typeof message === 'string' && PG_CONNECTION_MESSAGES.test(message);
}
