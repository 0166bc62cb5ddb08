import { promises as dns } from 'node:dns';
import type { Readable } from 'node:stream';
import { authenticate, type DNSResolver } from 'mailauth';
import type { AuthCheckResult, SenderAuthentication } from '@inbox/contracts';

const RESULTS: readonly AuthCheckResult[] = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'];
/** An Authentication-Results header longer than this is not one a mail server wrote. */
const MAX_HEADER = 8_192;

/** mailauth's lookups: the system resolver, or the DNS servers EMAIL_DNS_SERVERS names. */
export function dnsResolver(servers?: string[]): DNSResolver {
  if (!servers?.length) return (name, type) => dns.resolve(name, type) as Promise<string[][] | string[]>;
  const resolver = new dns.Resolver({ timeout: 5_000, tries: 2 });
  resolver.setServers(servers);
  return (name, type) => resolver.resolve(name, type) as Promise<string[][] | string[]>;
}

/**
 * Who really sent a mail. When the mail carries an Authentication-Results
 * header written by one of our own servers (its authserv-id is configured as
 * trusted), its verdict is taken: that server saw the SMTP connection. Other
 * such headers are ignored — anyone can write one. Otherwise SPF, DKIM and
 * DMARC are checked here with mailauth: DKIM and DMARC from the message and
 * DNS, SPF with the client address the newest Received header records (the
 * one our mailbox provider added on receipt; the sender cannot write above it).
 */
export class SenderAuthenticator {
  constructor(
    private readonly settings: { trustedAuthservIds: string[]; resolver: DNSResolver; mta?: string },
  ) {}

  /** `source` opens the message's bytes again; it is called only when no trusted server has checked the mail already. */
  async check(source: () => Promise<Readable | Buffer>, headerLines: string[], fromAddress: string): Promise<SenderAuthentication> {
    const fromDomain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
    const trusted = trustedResults(headerLines, this.settings.trustedAuthservIds);
    if (trusted) return { ...trusted, fromDomain: trusted.fromDomain ?? fromDomain };
    const result = await authenticate(await source(), {
      trustReceived: true,
      resolver: this.settings.resolver,
      mta: this.settings.mta,
      disableArc: true,
      disableBimi: true,
    });
    const dkimPasses = (result.dkim?.results ?? []).filter((r) => r.status?.result === 'pass');
    const dmarc = result.dmarc ? asResult(result.dmarc.status?.result) : 'none';
    return {
      dmarc,
      spf: result.spf ? asResult(result.spf.status?.result) : 'none',
      dkim: dkimPasses.length ? 'pass' : (result.dkim?.results ?? []).length ? asResult(result.dkim.results[0].status?.result) : 'none',
      fromDomain,
      checkedBy: 'mailauth',
      ...(dkimPasses.length ? { dkimDomains: [...new Set(dkimPasses.map((r) => r.signingDomain.toLowerCase()))].slice(0, 20) } : {}),
      ...(result.dmarc && result.dmarc.p ? { policy: String(result.dmarc.p) } : {}),
    };
  }
}

function asResult(value: unknown): AuthCheckResult {
  const text = String(value ?? 'none').toLowerCase();
  if (text === 'temperr') return 'temperror';
  if (text === 'skipped') return 'none';
  return (RESULTS as readonly string[]).includes(text) ? (text as AuthCheckResult) : 'none';
}

type TrustedVerdict = Omit<SenderAuthentication, 'fromDomain'> & { fromDomain?: string };

/**
 * The newest Authentication-Results header (RFC 8601) whose authserv-id is
 * one of ours, read for its spf, dkim and dmarc results. Mail servers add
 * theirs at the top, so the first trusted one is the one our server wrote.
 */
export function trustedResults(headerLines: string[], trustedIds: string[]): TrustedVerdict | undefined {
  if (!trustedIds.length) return undefined;
  for (const line of headerLines) {
    const match = /^authentication-results\s*:\s*([\s\S]*)$/i.exec(line);
    if (!match || match[1].length > MAX_HEADER) continue;
    const value = withoutComments(match[1]).replace(/\s+/g, ' ').trim();
    const [idPart, ...rest] = value.split(';');
    const authservId = idPart.trim().split(' ')[0]?.toLowerCase();
    if (!authservId || !trustedIds.includes(authservId)) continue;
    const results: Record<string, AuthCheckResult> = {};
    let fromDomain: string | undefined;
    const dkimDomains: string[] = [];
    let policy: string | undefined;
    for (const part of rest) {
      const method = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(part);
      if (!method) continue;
      const name = method[1].toLowerCase();
      const result = asResult(method[2]);
      // Several DKIM signatures: a pass of any counts.
      if (!(name in results) || (name === 'dkim' && result === 'pass')) results[name] = result;
      if (name === 'dkim' && result === 'pass') {
        const d = /header\.d\s*=\s*([^\s;]+)/i.exec(part)?.[1];
        if (d) dkimDomains.push(d.toLowerCase());
      }
      if (name === 'dmarc') {
        fromDomain = /header\.from\s*=\s*([^\s;]+)/i.exec(part)?.[1]?.toLowerCase();
        policy = /policy\.(?:published-domain-policy|dmarc)\s*=\s*([a-z]+)/i.exec(part)?.[1]?.toLowerCase();
      }
    }
    return {
      dmarc: results.dmarc ?? 'none',
      spf: results.spf ?? 'none',
      dkim: results.dkim ?? 'none',
      checkedBy: authservId,
      ...(fromDomain ? { fromDomain } : {}),
      ...(dkimDomains.length ? { dkimDomains } : {}),
      ...(policy ? { policy } : {}),
    };
  }
  return undefined;
}

/** Drops RFC 5322 comments "(…)" (nested, at most a few levels) by an index scan — no regex over customer text. */
function withoutComments(value: string): string {
  let depth = 0;
  let out = '';
  for (const ch of value) {
    if (ch === '(') depth += 1;
    else if (ch === ')' && depth > 0) depth -= 1;
    else if (depth === 0) out += ch;
  }
  return out;
}
