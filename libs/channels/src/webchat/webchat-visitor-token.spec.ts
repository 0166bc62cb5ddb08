import { WebchatVisitorTokens } from './webchat-visitor-token';

describe('WebchatVisitorTokens', () => {
  const tokens = new WebchatVisitorTokens('a-secret-that-is-long-enough-for-hmac-keys');

  it('verifies the tokens it issued, naming the same visitor', () => {
    const visitor = tokens.newVisitor();
    expect(visitor.id).toMatch(/^wv_[\w-]{22}$/);
    expect(tokens.verify(visitor.token)).toEqual(visitor);
    expect(tokens.newVisitor().id).not.toBe(visitor.id);
  });

  it('refuses forged, tampered, foreign and malformed tokens', () => {
    const visitor = tokens.newVisitor();
    const other = tokens.newVisitor();
    const elsewhere = new WebchatVisitorTokens('another-secret-that-is-long-enough-for-hmac').newVisitor();
    const [, signature] = visitor.token.split('.');
    for (const bad of [`${other.id}.${signature}`, `${visitor.token}x`, elsewhere.token, visitor.id, '', 'a.b', undefined, 42, {}, 'x'.repeat(500)]) {
      expect(tokens.verify(bad)).toBeUndefined();
    }
  });
});
