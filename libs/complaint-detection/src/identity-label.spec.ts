import { identityLabel } from './identity-label';

describe('identityLabel', () => {
  it('shows a phone number in its national format', () => {
    expect(identityLabel({ channel: 'sms', address: '+61412345678' })).toBe('0412 345 678');
    expect(identityLabel({ channel: 'whatsapp', address: '+447700900123' })).toBe('07700 900123');
    expect(identityLabel({ channel: 'voice', address: 'unknown' })).toBe('unknown');
  });

  it('shows an email address as it is', () => {
    expect(identityLabel({ channel: 'email', address: 'jane@example.org' })).toBe('jane@example.org');
  });

  it('never shows a platform’s opaque id, a web chat visitor token least of all', () => {
    expect(identityLabel({ channel: 'webchat', address: 'wv_zN38fQ0aLr' })).toBe('Web chat visitor');
    expect(identityLabel({ channel: 'messenger', address: '7100000000000001' })).toBe('Messenger user');
    expect(identityLabel({ channel: 'telegram', address: '800000001' })).toBe('Telegram user');
  });
});
