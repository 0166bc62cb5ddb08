import { parseStatusRequest } from './status-request';
import { isPublicReplyChannel, personalDataIn } from './social-media';

describe('status requests', () => {
  it.each([
    ['status', {}],
    ['STATUS', {}],
    ['/status', {}],
    ['/status@OurBankBot', {}],
    ['Статус', {}],
    ['статус жалобы C-000123', { reference: 'C-000123' }],
    ['status C-000042?', { reference: 'C-000042' }],
    ['Status of my complaint c-42 please', { reference: 'C-000042' }],
  ])('%s is a status request', (text, expected) => {
    expect(parseStatusRequest(text)).toEqual(expected);
  });
  it.each(['My payment status is wrong and I want a refund', 'hello', 'status status C-1 C-2', ''])('%s is not', (text) => {
    expect(parseStatusRequest(text)).toBeNull();
  });
});

describe('social media', () => {
  it('finds personal data in a public reply', () => {
    expect(personalDataIn('Hi Jane, we refunded card 4111 1111 1111 1111, call us on 0412 345 678')).toEqual(['phone number', 'card number']);
    expect(personalDataIn('Email jane@example.com about C-000123')).toEqual(['email address', 'case reference']);
    expect(personalDataIn('Sorry to hear that — please send us a private message.')).toEqual([]);
    expect(isPublicReplyChannel('facebook')).toBe(true);
    expect(isPublicReplyChannel('messenger')).toBe(false);
  });
});
