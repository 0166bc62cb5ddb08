import { differentComplaintSignal, productsMentioned } from './split-signal';

describe('a new message that reads as another complaint', () => {
  it('names the products of each side when they do not overlap', () => {
    expect(differentComplaintSignal('My home loan repayment was taken twice', ['My card was charged a fee twice'])).toEqual({
      messageProducts: ['loan', 'mortgage'],
      caseProducts: ['card'],
    });
  });

  it('stays silent when the new message shares a product with the case', () => {
    expect(differentComplaintSignal('The card fee is still on my statement', ['My card was charged a fee twice'])).toBeNull();
  });

  it('says nothing when either side names no product', () => {
    expect(differentComplaintSignal('Any news?', ['My card was charged a fee twice'])).toBeNull();
    expect(differentComplaintSignal('My insurance claim was declined', ['Hello, please call me back'])).toBeNull();
  });

  it('reads the same lexicon as the classifier, in both languages', () => {
    expect(productsMentioned('Списали комиссию по ипотеке')).toContain('mortgage');
  });
});
