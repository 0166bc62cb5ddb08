import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.9'), 0)).toBe('10.0.0.5');
  });

  it('is the address the trusted proxies saw, counted from the server', () => {
    // client 203.0.113.9 → load balancer 10.0.0.5 → inbox
    expect(clientAddress(request('10.0.0.5', '203.0.113.9'), 1)).toBe('203.0.113.9');
    // A client that forges a first hop is still seen as itself by one trusted proxy.
    expect(clientAddress(request('10.0.0.5', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    // Two trusted proxies: CDN 10.0.0.9 → load balancer 10.0.0.5 → inbox.
    expect(clientAddress(request('10.0.0.5', '203.0.113.9, 10.0.0.9'), 2)).toBe('203.0.113.9');
  });

  it('is the peer when the header is missing', () => {
    expect(clientAddress(request('10.0.0.5'), 1)).toBe('10.0.0.5');
  });
});
