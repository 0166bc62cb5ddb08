import fc from 'fast-check';
import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../test/support/adversarial-inputs';
import { findEmailMentions } from './email-mentions';

/** The pattern the scan replaces: right on short texts, quadratic on long hostile ones. */
const BACKTRACKING_PATTERN = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
const byPattern = (text: string) => (text.match(BACKTRACKING_PATTERN) ?? []).map((e) => e.toLowerCase().replace(/\.+$/, ''));

describe('findEmailMentions', () => {
  it('finds addresses as people write them', () => {
    expect(findEmailMentions('Write to Jane.Doe@Example.com. Or (bob+x@mail.co.uk), not me@localhost')).toEqual([
      'jane.doe@example.com',
      'bob+x@mail.co.uk',
    ]);
  });

  it('matches exactly what the regular expression matched, on any short text', () => {
    const alphabet = fc.constantFrom('a', 'B', '1', '.', '@', '-', '_', '+', '%', ' ', 'c', 'o', 'm', '\n', 'é');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')), (text) => {
        expect(findEmailMentions(text)).toEqual(byPattern(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each(Object.entries(adversarialTexts()))('returns promptly on 1 MB of %s', (_name, text) => {
    expect(millisecondsFor(() => findEmailMentions(text))).toBeLessThan(PROMPT_MS);
  });
});
