import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface WebchatVisitor {
  /** The visitor's address on the webchat channel: their identity, and the room their replies go to. */
  id: string;
  /** What the widget keeps in localStorage to be the same visitor after a reload. */
  token: string;
}

const VISITOR_ID = /^wv_[A-Za-z0-9_-]{22}$/;

/**
 * Anonymous visitors carry a token that names them and is signed by the
 * inbox (HMAC-SHA256), so nobody can make up another visitor's token and
 * read their conversation. A token that does not verify simply gets a new
 * visitor. The key is derived from JWT_SECRET, shared by every process.
 */
export class WebchatVisitorTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('The web chat visitor key needs a secret of at least 32 characters');
    this.key = createHmac('sha256', secret).update('webchat-visitor-token.v1').digest();
  }

  newVisitor(): WebchatVisitor {
    const id = `wv_${randomBytes(16).toString('base64url')}`;
    return { id, token: `${id}.${this.sign(id)}` };
  }

  /** The visitor a token names, or undefined when it is not one we issued. */
  verify(token: unknown): WebchatVisitor | undefined {
    if (typeof token !== 'string' || token.length > 200) return undefined;
    const dot = token.indexOf('.');
    const id = token.slice(0, dot);
    if (dot === -1 || !VISITOR_ID.test(id)) return undefined;
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? { id, token } : undefined;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url');
  }
}

export function isWebchatVisitorId(value: string): boolean {
  return VISITOR_ID.test(value);
}
