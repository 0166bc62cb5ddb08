import { SecretBox } from './secret-box';

describe('SecretBox (TOTP seeds at rest)', () => {
  const box = new SecretBox('a-server-secret-that-is-long-enough-0123456789', 'totp-seed');

  it('opens what it sealed, and never shows the plain text', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  });

  it('refuses a tampered box, or one sealed under another server secret', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    // Flip a bit of the ciphertext's bytes: editing the base64 text's last characters can change only the
    // padding bits, which decode to the same bytes (about one run in 250 passed that way with nothing tampered).
    const [version, iv, tag, body] = sealed.split('.');
    const bytes = Buffer.from(body, 'base64url');
    for (const at of [0, bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[at] ^= 0x01;
      expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    }
    expect(() => new SecretBox('another-server-secret-long-enough-0123456789', 'totp-seed').open(sealed)).toThrow();
  });
});
