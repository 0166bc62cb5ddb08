import { comparableName, findContactMentions } from './contact-mentions';
import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../test/support/adversarial-inputs';

describe('findContactMentions', () => {
  it('finds emails and phone numbers in any spelling, normalised like identities', () => {
    const found = findContactMentions('Hi, I emailed you from Jane.Doe@Example.com. Call me on 0412 345 678 or +61 2 9999 0000.', 'AU');
    expect(found.emails).toEqual(['jane.doe@example.com']);
    expect(found.phones.sort()).toEqual(['+61299990000', '+61412345678']);
  });

  it('finds nothing in a plain complaint', () => {
    expect(findContactMentions('My card was charged twice, 3 times this month', 'AU')).toEqual({ emails: [], phones: [] });
  });
});

describe('comparableName', () => {
  it('ignores case and spacing, and refuses single words', () => {
    expect(comparableName('  Zoë   SMITH ')).toBe('zoë smith');
    expect(comparableName('Jane')).toBeNull();
    expect(comparableName(null)).toBeNull();
  });
});

describe('findContactMentions on hostile texts', () => {
  it.each(Object.entries(adversarialTexts()))('returns promptly on 1 MB of %s', (_name, text) => {
    expect(millisecondsFor(() => findContactMentions(text, 'AU'))).toBeLessThan(PROMPT_MS);
  });

  it('still finds an address far into a long message', () => {
    expect(findContactMentions(`${'word '.repeat(10_000)} reach me at late@example.com`, 'AU').emails).toEqual(['late@example.com']);
  });
});

describe('findContactMentions phone spellings', () => {
  it.each([
    ['call me on 0412-345-678 please', '+61412345678'],
    ['my number:(02) 9999 0000.', '+61299990000'],
    ['+61 (0)412 345 678', '+61412345678'],
    ['ring 0412345678', '+61412345678'],
  ])('finds the number in "%s"', (text, phone) => {
    expect(findContactMentions(text, 'AU').phones).toEqual([phone]);
  });
});
