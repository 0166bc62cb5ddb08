import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/**
 * A browser's side of Web Push, for tests: its own P-256 key pair and auth
 * secret (what PushManager.subscribe makes), and the decryption of what
 * arrives — RFC 8291 (Message Encryption for Web Push) over RFC 8188's
 * aes128gcm content coding, with node:crypto only.
 */
export function webPushReceiver() {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') },
    /** The plaintext of one aes128gcm push body; throws if it was not encrypted to this receiver. */
    decrypt(body: Buffer): string {
      // RFC 8188 §2.1 header: salt (16) | record size (4) | key id length (1) | key id (the sender's public key).
      const salt = body.subarray(0, 16);
      const recordSize = body.readUInt32BE(16);
      const idLength = body.readUInt8(20);
      const senderPublic = body.subarray(21, 21 + idLength);
      const records = body.subarray(21 + idLength);
      if (idLength !== 65) throw new Error(`key id is ${idLength} bytes, not an uncompressed P-256 key`);
      if (records.length > recordSize) throw new Error('more than one record: pushes fit in one');
      // RFC 8291 §3.3–3.4: the input keying material from the ECDH secret and the auth secret.
      const ecdhSecret = ecdh.computeSecret(senderPublic);
      const prkKey = hmac(authSecret, ecdhSecret);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, senderPublic, Buffer.from([1])]);
      const ikm = hmac(prkKey, keyInfo);
      // RFC 8188 §2.2–2.3: content encryption key and nonce (the first record's, sequence 0).
      const prk = hmac(salt, ikm);
      const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
      const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(records.subarray(records.length - 16));
      const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
      // The last record ends with the delimiter 0x02, then zero padding.
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 2) throw new Error('the last record lacks its 0x02 padding delimiter');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}

/**
 * Checks a push request's VAPID authorisation (RFC 8292): `vapid t=<JWT>, k=<key>`,
 * the JWT signed ES256 by that key, for this push service's origin. Returns the JWT claims.
 */
export function verifyVapid(authorization: string | undefined, expectedKey: string, pushOrigin: string): Record<string, unknown> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [, jwt, key] = match;
  if (key !== expectedKey) throw new Error('signed with another key than the server’s VAPID public key');
  const raw = Buffer.from(key, 'base64url');
  const jwk = { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') };
  const [header, claims, signature] = jwt.split('.');
  const ok = verify('sha256', Buffer.from(`${header}.${claims}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!ok) throw new Error('the VAPID JWT signature does not verify');
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
  if (payload.aud !== pushOrigin) throw new Error(`VAPID audience ${String(payload.aud)} is not ${pushOrigin}`);
  return payload;
}
