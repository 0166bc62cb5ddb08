import dns2 from 'dns2';
import type { AddressInfo } from 'node:net';

const { Packet } = dns2;
/** RFC 1035 4.1.1: the name does not exist. */
const NXDOMAIN = 3;

export interface DnsStandIn {
  /** "127.0.0.1:port", for EMAIL_DNS_SERVERS. */
  server: string;
  /** Serves these TXT strings for `name` (a DKIM key, an SPF or DMARC record). */
  txt(name: string, value: string): void;
  /** Names asked for, in order. */
  queries: string[];
  close(): Promise<void>;
}

/**
 * A real DNS server (the dns2 package) on loopback UDP that answers TXT
 * queries with the records a test publishes — DKIM keys it generated, SPF
 * and DMARC policies — and NXDOMAIN for anything else, so sender checks run
 * offline and see exactly the test's world.
 */
export async function startDnsStandIn(): Promise<DnsStandIn> {
  const records = new Map<string, string[]>();
  const queries: string[] = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question.name.toLowerCase().replace(/\.$/, '');
      queries.push(`${name} ${question.type}`);
      const values = question.type === Packet.TYPE.TXT ? records.get(name) : undefined;
      if (values) {
        for (const value of values) {
          // A TXT record is one or more strings of at most 255 bytes (a 2048-bit DKIM key is longer).
          const chunks = value.match(/.{1,255}/g) ?? [''];
          response.answers.push(Object.assign(new Packet.Resource(), { name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data: chunks }));
        }
      } else if (!records.has(name)) {
        response.header.rcode = NXDOMAIN;
      }
      send(response);
    },
  });
  await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const address = server.addresses().udp as AddressInfo;
  return {
    server: `127.0.0.1:${address.port}`,
    txt(name, value) {
      const key = name.toLowerCase();
      records.set(key, [...(records.get(key) ?? []), value]);
    },
    queries,
    close: () => server.close(),
  };
}
