import { InterimRuleClassifier } from './classification';

describe('InterimRuleClassifier', () => {
  const classifier = new InterimRuleClassifier();

  it('calls thanks, auto-replies and spam noise', () => {
    expect(classifier.classify('Thanks!').kind).toBe('noise');
    expect(classifier.classify('Спасибо').kind).toBe('noise');
    expect(classifier.classify('Automatic reply: I am out of the office until Monday').kind).toBe('noise');
    expect(classifier.classify('anything', { autoReply: true }).kind).toBe('noise');
  });

  it('keeps everything else a complaint, with product and issue where it can tell', () => {
    const c = classifier.classify('My card payment was declined at the shop and I was charged a fee');
    expect(c).toMatchObject({ kind: 'complaint', product: 'card', source: 'model', language: 'en' });
    expect(c.category).toMatch(/^card\//);
    expect(classifier.classify('Thanks for nothing, my card is still blocked').kind).toBe('complaint');
  });
});
