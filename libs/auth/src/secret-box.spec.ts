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
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox('another-server-secret-long-enough-0123456789', 'totp-seed').open(sealed)).toThrow();
  });
});
