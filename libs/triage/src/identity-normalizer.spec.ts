import { InvalidInputError } from '@inbox/contracts';
import { normalizeAddress } from './identity-normalizer';

describe('normalizeAddress', () => {
  it('lowercases and trims email addresses', () => {
    expect(normalizeAddress('email', '  Jane.Doe@Example.COM ', 'AU')).toBe('jane.doe@example.com');
  });

  it('puts phone numbers of every phone channel into E.164', () => {
    expect(normalizeAddress('sms', '0412 345 678', 'AU')).toBe('+61412345678');
    expect(normalizeAddress('voice', '+61 412 345 678', 'AU')).toBe('+61412345678');
    expect(normalizeAddress('whatsapp', '61412345678', 'AU')).toBe('+61412345678');
    expect(normalizeAddress('sms', 'whatsapp:+61412345678', 'AU')).toBe('+61412345678');
  });

  it('keeps channel ids as given', () => {
    expect(normalizeAddress('telegram', '123456789', 'AU')).toBe('123456789');
  });

  it('refuses what is not an address', () => {
    expect(() => normalizeAddress('sms', 'hello', 'AU')).toThrow(InvalidInputError);
    expect(() => normalizeAddress('email', '   ', 'AU')).toThrow(InvalidInputError);
  });
});
