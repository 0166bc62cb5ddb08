import { lexiconSentiment, toneCues, vulnerabilitySignals } from './signal-lexicons';

describe('vulnerability signals', () => {
  it.each([
    ['I lost my job last month and I cannot pay the loan', ['hardship', 'cannot_pay']],
    ["My husband passed away and I can't afford the repayments", ['bereavement', 'cannot_pay']],
    ["I'm in hospital having chemo", ['illness']],
    ['My ex is abusive and took my card, there is an intervention order', ['family_violence']],
    ['Меня сократили, нечем платить кредит', ['hardship', 'cannot_pay']],
    ['Муж умер, похороны забрали все деньги', ['bereavement']],
    ['Лежу в больнице после операции', ['illness']],
    ['Бывший муж избивает меня и снимает деньги с карты', ['family_violence']],
    ['Не могу больше платить ипотеку', ['cannot_pay']],
  ])('%s', (text, expected) => {
    expect(vulnerabilitySignals(text).sort()).toEqual([...expected].sort());
  });

  it('finds nothing in an ordinary message', () => {
    expect(vulnerabilitySignals('Charged twice for my coffee, please refund')).toEqual([]);
    expect(vulnerabilitySignals('Списали дважды за кофе, верните')).toEqual([]);
  });
});

describe('lexicon sentiment', () => {
  it('is positive for thanks and negative for anger, in both languages', () => {
    expect(lexiconSentiment('Thank you so much, excellent service')).toBeGreaterThan(0.3);
    expect(lexiconSentiment('This is disgusting and unacceptable')).toBeLessThan(-0.3);
    expect(lexiconSentiment('Спасибо, всё отлично')).toBeGreaterThan(0.3);
    expect(lexiconSentiment('Ужас, безобразие, верните деньги')).toBeLessThan(-0.3);
  });

  it('flips a negated word', () => {
    expect(lexiconSentiment('not happy')).toBeLessThan(0);
  });
});

describe('tone cues', () => {
  // The patterns are strings: `\S` must be written `\\S` or the RegExp sees a literal S and the stem never matches.
  it('counts a Russian grievance with an inflected stem before the next word', () => {
    expect(toneCues('Оператор бросила трубку').grievance).toBe(1);
    expect(toneCues('Я писал две недели назад').grievance).toBe(1);
    expect(toneCues('Обещали три месяца назад').grievance).toBe(1);
  });

  it('counts an inflected Russian autoreply as a broadcast', () => {
    expect(toneCues('Это автоматическое сообщение').broadcast).toBe(1);
  });
});
