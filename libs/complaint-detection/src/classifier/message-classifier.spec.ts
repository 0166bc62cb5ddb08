import { CLASSIFICATION_KINDS, type Classification } from '@inbox/contracts';
import { loadClassifier } from './shipped-classifier';

/** The shipped model (libs/complaint-detection/src/classifier/classifier-model.json). Texts here are not in the corpus. */
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
      ['category', 'confidence', 'doubt', 'issue', 'kind', 'language', 'product', 'sentiment', 'source', 'urgency', 'vulnerability'].sort(),
    );
    expect(c.doubt).toBeNull();
  });

  // Issue 25: messages the first trained model read as anything but a complaint; four of them were test texts
  // reworded until the model agreed (621a0df, b2bd5d6, ce3b36e, 9ff1376), now restored in those tests too.
  it.each([
    'I lost my job and I am in hardship, you keep charging me',
    'I am unhappy with the new fees',
    'I am unhappy with the transfer delay',
    'This bank ripped off my friend',
    'thanks for nothing',
    'спасибо за ваш сервис, теперь я без денег',
    'я в тяжёлом положении, потерял работу, а вы списываете платежи',
    'Is the Bondi office closed for good? Smoke everywhere outside',
    'My default notice is wrong',
  ])('regression (issue 25): %s is a complaint', (text) => {
    expect(classifier.classify(text).kind).toBe('complaint');
  });

  // The failure classes left after model 2 (docs/classification.md): praise beside an unfixed problem, money
  // taken fast and returned slowly, "why … when …" and "why is it already a month" questions.
  it.each([
    'Fabulous, the card reader at the pharmacy ate my card and the branch says a week to get it back.',
    'Unbeatable service as ever: my mortgage discharge papers have been "in progress" since June. Bank of the year.',
    'Amazing how you debit the repayment instantly and refund the overcharge never.',
    'Why do I get a dormancy fee when I log in every single week?',
    'Why has my insurance claim been under review for seven weeks already?',
    'Блестяще, банкомат у метро удержал карту, а отделение закрыто до понедельника.',
    'Почему возврат за сломанный телевизор идёт уже пятую неделю?',
    'pochemu ya dolzhna platit za sms, esli ya ih otklyuchila?',
  ])('failure class after model 2: %s is a complaint', (text) => {
    expect(classifier.classify(text).kind).toBe('complaint');
  });

  it.each([
    ['Perfect, my new card activated straight away. Thanks for the quick help!', 'compliment'],
    ['Why does a fixed rate loan have a break cost?', 'enquiry'],
    ['How quickly does a salary transfer arrive from another bank?', 'enquiry'],
    ['Отлично, всё получилось, спасибо большое!', 'noise'],
  ])('the sincere look-alike %s stays %s', (text, kind) => {
    expect(classifier.classify(text).kind).toBe(kind);
  });

  it('flags a complaint made against the model’s lean for the agent to check, with the reasons', () => {
    const c = classifier.classify('I lost my job and I am in hardship, you keep charging me');
    expect(c.kind).toBe('complaint');
    expect(c.vulnerability).toContain('hardship');
    expect(c.urgency).not.toBe('low');
    const flagged = ['thanks for nothing', 'спасибо за ваш сервис, теперь я без денег', 'This bank ripped off my friend']
      .map((text) => classifier.classify(text))
      .filter((r) => r.doubt);
    for (const r of flagged) {
      expect(r.doubt!.reasons.length).toBeGreaterThan(0);
      expect(r.doubt!.modelKind).not.toBe('complaint');
    }
  });

  it.each(['thanks', 'Thanks!', 'ok', 'message 1', 'probe 3', 'Message number 7', 'спасибо', '👍'])(
    'keeps a bare acknowledgement or probe as noise: %s',
    (text) => {
      expect(classifier.classify(text)).toMatchObject({ kind: 'noise', doubt: null });
    },
  );

  it('reads transliterated Russian as Russian', () => {
    const c = classifier.classify('vy opyat snyali komissiyu za perevod, verni dengi');
    expect(c).toMatchObject({ kind: 'complaint', language: 'ru' });
  });

  it('classifies a megabyte of text in well under a second', () => {
    const started = Date.now();
    expect(classifier.classify('a'.repeat(1_000_000)).kind).toBeDefined();
    expect(classifier.classify('You charged me twice. ' + 'x '.repeat(500_000)).kind).toBe('complaint');
    expect(Date.now() - started).toBeLessThan(1000);
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
