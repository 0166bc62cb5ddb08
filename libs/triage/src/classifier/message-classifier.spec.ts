import { CLASSIFICATION_KINDS, type Classification } from '@inbox/contracts';
import { loadClassifier } from './shipped-classifier';

/** The shipped model (libs/triage/src/classifier/classifier-model.json). Texts here are not in the corpus. */
describe('TrainedMessageClassifier (shipped model)', () => {
  const classifier = loadClassifier();

  function expectContractShape(c: Classification): void {
    expect(CLASSIFICATION_KINDS).toContain(c.kind);
    expect(c.confidence).toBeGreaterThan(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
    expect(['low', 'normal', 'high']).toContain(c.urgency);
    expect(c.sentiment).toBeGreaterThanOrEqual(-1);
    expect(c.sentiment).toBeLessThanOrEqual(1);
    expect(c.source).toBe('model');
    expect(c.category).toBe(c.product && c.issue ? `${c.product}/${c.issue}` : null);
  }

  it('returns the Classification contract for a complaint', () => {
    const c = classifier.classify('You took a $25 overdraft fee from my account when I was only 3 dollars short. Refund it.');
    expectContractShape(c);
    expect(c).toMatchObject({ kind: 'complaint', language: 'en', source: 'model' });
    expect(c.issue).toBe('fees');
    expect(c.sentiment).toBeLessThan(0);
    expect(Object.keys(c).sort()).toEqual(
      ['category', 'confidence', 'issue', 'kind', 'language', 'product', 'sentiment', 'source', 'urgency', 'vulnerability'].sort(),
    );
  });

  it('reads Russian', () => {
    const c = classifier.classify('Третий раз списываете с меня деньги за смс-уведомления, которые я не подключал. Верните!');
    expectContractShape(c);
    expect(c).toMatchObject({ kind: 'complaint', language: 'ru' });
  });

  it('an autoReply hint is noise with high confidence, whatever the text says', () => {
    const c = classifier.classify('I am away. This is an outrageous fee complaint template.', { autoReply: true });
    expect(c).toMatchObject({ kind: 'noise', category: null, product: null, issue: null, urgency: 'low', vulnerability: [] });
    expect(c.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ['sarcasm', 'Wow, thanks so much for the new $8 card fee, exactly what I needed this month', 'complaint'],
    ['sarcasm (ru)', 'Ну спасибо, банк, очередная комиссия за перевод. Очень заботливо.', 'complaint'],
    ['a complaint phrased politely', 'Good afternoon, I would appreciate it if you could look into why my transfer from last Tuesday has still not reached the recipient.', 'complaint'],
    ['spam that looks like a complaint', 'Your account has been locked due to unusual activity. Confirm your password at http://verify-acct-now.co to restore access.', 'noise'],
    ['spam that looks like a complaint (ru)', 'Ваша карта заблокирована! Для разблокировки перейдите по ссылке http://karta-razblok.ru', 'noise'],
    ['a bare thank-you', 'thanks!!', 'noise'],
    ['stickers only', '😀😀👍', 'noise'],
    ['an enquiry that mentions a problem', 'If my card gets declined overseas, what number should I call?', 'enquiry'],
    ['a compliment', 'The woman at the Fremantle branch was so helpful today, thank you!', 'compliment'],
  ])('%s', (_case, text, kind) => {
    const c = classifier.classify(text);
    expectContractShape(c);
    expect(c.kind).toBe(kind);
  });

  it('noise has no category and no vulnerability', () => {
    const c = classifier.classify('👍');
    expect(c).toMatchObject({ kind: 'noise', category: null, vulnerability: [] });
  });

  it('flags vulnerability and raises urgency, in both languages', () => {
    const en = classifier.classify('Since my wife died I cannot pay the mortgage and your staff keep calling me about arrears.');
    expect(en.kind).toBe('complaint');
    expect(en.vulnerability).toEqual(expect.arrayContaining(['bereavement', 'cannot_pay']));
    expect(en.urgency).toBe('high');
    const ru = classifier.classify('Я на больничном после инсульта, не могу вносить платежи по кредиту, а вы начисляете штрафы.');
    expect(ru.kind).toBe('complaint');
    expect(ru.vulnerability).toEqual(expect.arrayContaining(['illness', 'cannot_pay']));
    expect(ru.urgency).toBe('high');
  });

  it('is loaded once', () => {
    expect(loadClassifier()).toBe(classifier);
  });
});
