import { InvalidInputError } from './errors';
import { normalizeAddress } from './sender-address';

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

describe('normalizeAddress on every channel', () => {
  it.each([
    ['email', ' Ann@Bank.Example ', 'ann@bank.example'],
    ['sms', '(04) 1234 5678', '+61412345678'],
    ['voice', '+61412345678', '+61412345678'],
    ['whatsapp', 'whatsapp:+61412345678', '+61412345678'],
    ['telegram', ' 123456789 ', '123456789'],
    ['messenger', '6543210987654321', '6543210987654321'],
    ['instagram', '17841400000000000', '17841400000000000'],
    ['facebook', '1029384756', '1029384756'],
    ['webchat', 'visitor-9f2c', 'visitor-9f2c'],
  ] as const)('%s %j → %s', (channel, address, expected) => {
    expect(normalizeAddress(channel, address, 'AU')).toBe(expected);
  });

  it('reads local numbers in the configured region', () => {
    expect(normalizeAddress('sms', '020 7946 0018', 'GB')).toBe('+442079460018');
    expect(normalizeAddress('sms', '8 (912) 345-67-89', 'RU')).toBe('+79123456789');
  });
});
