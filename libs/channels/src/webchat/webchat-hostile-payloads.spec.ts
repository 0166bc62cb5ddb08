import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../../test/support/adversarial-inputs';
import { parseVisitorContact, parseVisitorMessage } from './webchat-visitor-message';

describe('web chat parsers on hostile 1 MB values', () => {
  it.each(Object.entries(adversarialTexts()))('return promptly with %s as text, client id, email, phone and name', (_name, value) => {
    const options = { maxLength: 2_000_000, now: new Date(), newId: () => 'id' };
    for (const work of [
      () => parseVisitorMessage({ text: value }, { id: 'v1' }, options),
      () => parseVisitorMessage({ text: 'hi', clientId: value }, { id: 'v1' }, options),
      () => parseVisitorContact({ email: value }, 'AU'),
      () => parseVisitorContact({ phone: value }, 'AU'),
      () => parseVisitorContact({ name: value, email: 'a@example.com' }, 'AU'),
    ]) {
      expect(millisecondsFor(work)).toBeLessThan(PROMPT_MS);
    }
  });
});
