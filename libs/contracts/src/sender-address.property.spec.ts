import fc from 'fast-check';
import { CHANNELS } from './channels';
import { InvalidInputError } from './errors';
import { normalizeAddress } from './sender-address';

/** Whatever a provider sends as a sender, normalisation answers with one spelling or a clear InvalidInputError. */
describe('normalizeAddress (properties)', () => {
  const anyAddress = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.emailAddress(),
    fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/),
    fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) }),
  );

  it('never throws anything but InvalidInputError, and is idempotent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHANNELS), anyAddress, (channel, address) => {
        let normalized: string;
        try {
          normalized = normalizeAddress(channel, address, 'AU');
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
          return;
        }
        expect(normalized.length).toBeGreaterThan(0);
        expect(normalizeAddress(channel, normalized, 'AU')).toBe(normalized);
      }),
      { numRuns: 2_000 },
    );
  });

  it('spells one email address one way', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('', ' ', '\t'), (email, pad) => {
        expect(normalizeAddress('email', `${pad}${email.toUpperCase()}${pad}`, 'AU')).toBe(email.toLowerCase());
      }),
    );
  });

  it('gives a phone number the same identity on every phone channel, in E.164', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400_000_000, max: 499_999_999 }), (n) => {
        const local = `0${n}`;
        const international = `+61${n}`;
        const whatsapp = `61${n}`;
        const e164 = normalizeAddress('sms', local, 'AU');
        expect(e164).toBe(international);
        expect(normalizeAddress('voice', international, 'AU')).toBe(e164);
        expect(normalizeAddress('whatsapp', whatsapp, 'AU')).toBe(e164);
      }),
    );
  });
});
