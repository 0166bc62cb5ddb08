import { caseSearchTerms } from './case-search-terms';

describe('caseSearchTerms', () => {
  it('matches the last word as a prefix and the others whole', () => {
    expect(caseSearchTerms('My card was charged twice for the refun')).toEqual({ words: 'My card was charged twice for the', prefix: 'refun' });
    expect(caseSearchTerms('refun')).toEqual({ words: '', prefix: 'refun' });
  });

  it('takes every word whole when the query ends with a space', () => {
    expect(caseSearchTerms('card fee ')).toEqual({ words: 'card fee', prefix: null });
  });

  it('leaves out a last fragment too short to be worth a prefix search', () => {
    expect(caseSearchTerms('my card was charged, please r')).toEqual({ words: 'my card was charged, please', prefix: null });
    // Unless it is all there is, or a number (typed whole).
    expect(caseSearchTerms('ab')).toEqual({ words: 'ab', prefix: null });
    expect(caseSearchTerms('visitor 3:')).toEqual({ words: 'visitor 3:', prefix: null });
  });

  it('keeps a cut word’s punctuation for the database parser (e-mail, addresses)', () => {
    expect(caseSearchTerms('wrong e-mai')).toEqual({ words: 'wrong', prefix: 'e-mai' });
  });
});
