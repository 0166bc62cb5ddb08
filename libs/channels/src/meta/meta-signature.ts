import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `X-Hub-Signature-256` (`sha256=<hex>`) is the HMAC-SHA256 of the
 * exact bytes received, keyed with the app secret. It must be the raw body:
 * JSON parsed and serialised again differs (escaped unicode, spacing), so it
 * would not match. Compared in constant time.
 */
export function verifyMetaSignature(appSecret: string, rawBody: Buffer | undefined, header: string | string[] | undefined): boolean {
  if (appSecret === '' || rawBody === undefined || typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The verification handshake: the challenge to echo when Meta presents our verify token, else null. */
export function metaHandshakeChallenge(query: Record<string, unknown>, verifyToken: string | undefined): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (!verifyToken || mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || challenge === '') return null;
  const a = Buffer.from(token);
  const b = Buffer.from(verifyToken);
  return a.length === b.length && timingSafeEqual(a, b) ? challenge : null;
}
