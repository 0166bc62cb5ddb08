import { comparableName, findContactMentions } from './contact-mentions';

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
