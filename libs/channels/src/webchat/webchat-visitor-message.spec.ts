import { InvalidInputError } from '@inbox/contracts';
import { parseVisitorContact, parseVisitorMessage } from './webchat-visitor-message';

const options = { maxLength: 100, now: new Date('2026-01-02T03:04:05Z'), newId: () => 'generated' };
const visitor = { id: 'wv_AAAAAAAAAAAAAAAAAAAAAA' };

describe('parseVisitorMessage', () => {
  it('keys the message by visitor and the widget’s id for it', () => {
    expect(parseVisitorMessage({ text: '  Hello  ', clientId: 'c-1' }, visitor, options)).toEqual({
      channel: 'webchat',
      account: 'webchat',
      externalId: 'wv_AAAAAAAAAAAAAAAAAAAAAA:c-1',
      sender: { address: 'wv_AAAAAAAAAAAAAAAAAAAAAA' },
      text: 'Hello',
      receivedAt: '2026-01-02T03:04:05.000Z',
      raw: { clientId: 'c-1' },
    });
    expect(parseVisitorMessage({ text: 'hi' }, visitor, options).externalId).toBe('wv_AAAAAAAAAAAAAAAAAAAAAA:generated');
  });

  it('carries the contact the visitor gave', () => {
    const contact = { name: 'Mia', contacts: [{ channel: 'email' as const, address: 'mia@example.com' }] };
    expect(parseVisitorMessage({ text: 'hi' }, { ...visitor, contact }, options)).toMatchObject({ sender: { displayName: 'Mia' }, contacts: contact.contacts });
  });

  it('refuses empty, oversized and malformed messages', () => {
    for (const bad of [null, 'text', {}, { text: ' ' }, { text: 'x'.repeat(101) }, { text: 'ok', clientId: 'has space' }, { text: 'ok', clientId: 'x'.repeat(65) }]) {
      expect(() => parseVisitorMessage(bad, visitor, options)).toThrow(InvalidInputError);
    }
  });
});

describe('parseVisitorContact', () => {
  it('normalises an email and a local phone number', () => {
    expect(parseVisitorContact({ email: ' Mia@Example.COM ', phone: '0412 555 010', name: ' Mia ' }, 'AU')).toEqual({
      name: 'Mia',
      contacts: [
        { channel: 'email', address: 'mia@example.com' },
        { channel: 'sms', address: '+61412555010' },
      ],
    });
  });

  it('refuses what is not an email or a phone number', () => {
    for (const bad of [{}, { email: 'nope' }, { phone: '12' }, { email: 42 }, null]) {
      expect(() => parseVisitorContact(bad, 'AU')).toThrow(InvalidInputError);
    }
  });
});
