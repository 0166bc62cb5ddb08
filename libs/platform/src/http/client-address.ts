import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The client's address as the inbox should count it: the peer itself, or —
 * behind `hops` proxies that each append to X-Forwarded-For (TRUST_PROXY) —
 * the address the outermost trusted proxy saw. Express reads `req.ip` the same
 * way once `trust proxy` is set to the same hop count (see createHttpApp);
 * sockets call this with their handshake request.
 */
export function clientAddress(request: IncomingMessage, hops: number): string {
  if (!request.socket?.remoteAddress) return 'unknown';
  return proxyAddr(request, (_address, index) => index < hops);
}
