import { createHmac } from 'node:crypto';
import { metaHandshakeChallenge, verifyMetaSignature } from './meta-signature';

const secret = 'app-secret';
const body = Buffer.from('{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"caf\\u00e9"}}]}]}');
const sign = (raw: Buffer, key = secret) => `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;

describe('verifyMetaSignature', () => {
  it('accepts the HMAC-SHA256 of the exact bytes, in either hex case', () => {
    expect(verifyMetaSignature(secret, body, sign(body))).toBe(true);
    expect(verifyMetaSignature(secret, body, sign(body).toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });

  it('refuses re-serialised JSON, another key, a missing or malformed header and a missing body', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifyMetaSignature(secret, reserialised, sign(body))).toBe(false);
    expect(verifyMetaSignature(secret, body, sign(body, 'other'))).toBe(false);
    expect(verifyMetaSignature(secret, body, undefined)).toBe(false);
    expect(verifyMetaSignature(secret, body, [sign(body)])).toBe(false);
    expect(verifyMetaSignature(secret, body, sign(body).replace('sha256=', 'sha1='))).toBe(false);
    expect(verifyMetaSignature(secret, body, sign(body).slice(0, -2))).toBe(false);
    expect(verifyMetaSignature(secret, undefined, sign(body))).toBe(false);
    expect(verifyMetaSignature('', body, sign(body, ''))).toBe(false);
  });
});

describe('metaHandshakeChallenge', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': '42' };

  it('returns the challenge for our token', () => {
    expect(metaHandshakeChallenge(query, 'tok')).toBe('42');
  });

  it('returns null for a wrong token or mode, no challenge, or no token configured', () => {
    expect(metaHandshakeChallenge({ ...query, 'hub.verify_token': 'tok2' }, 'tok')).toBeNull();
    expect(metaHandshakeChallenge({ ...query, 'hub.mode': 'other' }, 'tok')).toBeNull();
    expect(metaHandshakeChallenge({ ...query, 'hub.challenge': undefined }, 'tok')).toBeNull();
    expect(metaHandshakeChallenge(query, undefined)).toBeNull();
  });
});
